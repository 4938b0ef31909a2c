import type { DemoMapSettings, DemoRetention, DemoTenant } from './demo-tenant.types';

// Centres are approximate (a few hundred metres), good enough to seed the
// synthetic Voronoi boundaries in libs/tenants/data/. They are not official.
// scripts/generate-demo-geodata.ts reads this file: change a centre here and
// regenerate the GeoJSON, or the two drift apart (demo-boundaries.spec.ts notices).

const map: DemoMapSettings = { tileUrl: null, attribution: null, maxZoom: 19 };
const retention: DemoRetention = { contactRetentionDaysAfterClose: 90, unconfirmedExpiryHours: 48 };

// The four tenants cover all four combinations of the two report settings, so the
// demo (and the e2e tests on it) exercise every path of the reporting flow.
export const DEMO_TENANTS: readonly DemoTenant[] = [
  {
    slug: 'ilmenau',
    name: 'Ilmenau',
    kind: 'municipality',
    locale: 'de',
    timeZone: 'Europe/Berlin',
    map,
    settings: { anonymousAllowed: true, confirmationRequired: false },
    retention,
    towns: [
      {
        name: 'Ilmenau',
        centre: { lat: 50.68322, lon: 10.91858 },
        districts: [
          { name: 'Kernstadt', centre: { lat: 50.6839, lon: 10.9187 } },
          { name: 'Manebach', centre: { lat: 50.6757, lon: 10.8633 } },
          { name: 'Stützerbach', centre: { lat: 50.6333, lon: 10.8667 } },
          { name: 'Frauenwald', centre: { lat: 50.585, lon: 10.8583 } },
          { name: 'Gehren', centre: { lat: 50.6477, lon: 11.0048 } },
          { name: 'Langewiesen', centre: { lat: 50.672, lon: 10.9762 } },
          { name: 'Unterpörlitz', centre: { lat: 50.7003, lon: 10.9358 } },
        ],
      },
    ],
  },
  {
    slug: 'gera',
    name: 'Gera',
    kind: 'municipality',
    locale: 'de',
    timeZone: 'Europe/Berlin',
    map,
    settings: { anonymousAllowed: false, confirmationRequired: false },
    retention,
    towns: [
      {
        name: 'Gera',
        centre: { lat: 50.88029, lon: 12.08187 },
        districts: [
          { name: 'Innenstadt', centre: { lat: 50.879, lon: 12.081 } },
          { name: 'Lusan', centre: { lat: 50.8545, lon: 12.114 } },
          { name: 'Bieblach', centre: { lat: 50.8975, lon: 12.081 } },
          { name: 'Langenberg', centre: { lat: 50.9225, lon: 12.096 } },
          { name: 'Untermhaus', centre: { lat: 50.8865, lon: 12.068 } },
        ],
      },
    ],
  },
  {
    slug: 'jena',
    name: 'Jena',
    kind: 'municipality',
    locale: 'de',
    timeZone: 'Europe/Berlin',
    map,
    settings: { anonymousAllowed: true, confirmationRequired: true },
    retention,
    towns: [
      {
        name: 'Jena',
        centre: { lat: 50.92878, lon: 11.5899 },
        districts: [
          { name: 'Zentrum', centre: { lat: 50.9275, lon: 11.588 } },
          { name: 'Lobeda', centre: { lat: 50.891, lon: 11.608 } },
          { name: 'Winzerla', centre: { lat: 50.8995, lon: 11.5695 } },
          { name: 'Jena-Nord', centre: { lat: 50.9445, lon: 11.584 } },
          { name: 'Wenigenjena', centre: { lat: 50.931, lon: 11.6085 } },
        ],
      },
    ],
  },
  {
    slug: 'allianz-thueringer-becken',
    name: 'Zweckverband Allianz Thüringer Becken',
    kind: 'union',
    locale: 'de',
    timeZone: 'Europe/Berlin',
    map,
    settings: { anonymousAllowed: false, confirmationRequired: true },
    retention,
    towns: [
      {
        name: 'Sömmerda',
        centre: { lat: 51.15914, lon: 11.11524 },
        districts: [
          { name: 'Kernstadt', centre: { lat: 51.1591, lon: 11.1152 } },
          { name: 'Orlishausen', centre: { lat: 51.139, lon: 11.164 } },
        ],
      },
      {
        name: 'Kindelbrück',
        centre: { lat: 51.262, lon: 11.085 },
        districts: [
          { name: 'Kindelbrück', centre: { lat: 51.262, lon: 11.085 } },
          { name: 'Bilzingsleben', centre: { lat: 51.283, lon: 11.069 } },
        ],
      },
      { name: 'Straußfurt', centre: { lat: 51.167, lon: 10.983 }, districts: [] },
      { name: 'Buttstädt', centre: { lat: 51.123, lon: 11.417 }, districts: [] },
      { name: 'Rastenberg', centre: { lat: 51.175, lon: 11.418 }, districts: [] },
    ],
  },
];

export function findDemoTenant(slug: string): DemoTenant | undefined {
  return DEMO_TENANTS.find((tenant) => tenant.slug === slug);
}
