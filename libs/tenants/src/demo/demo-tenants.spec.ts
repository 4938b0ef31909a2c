import { haversineMetres, isValidLonLat } from '@app/domain';
import { DEMO_TENANTS, findDemoTenant } from './demo-tenants';

// Plausibility of hand-typed coordinates: a swapped axis or a typo of one digit
// puts a town tens of kilometres off, which these bounds catch.
const towns = DEMO_TENANTS.flatMap((tenant) => tenant.towns.map((town) => ({ tenant: tenant.slug, ...town })));

describe('DEMO_TENANTS', () => {
  it('has the four demo tenants with unique slugs', () => {
    expect(DEMO_TENANTS.map((tenant) => tenant.slug)).toEqual(['ilmenau', 'gera', 'jena', 'allianz-thueringer-becken']);
  });

  it('gives a municipality one town and the union its five member towns', () => {
    for (const tenant of DEMO_TENANTS) {
      expect(tenant.towns).toHaveLength(tenant.kind === 'municipality' ? 1 : 5);
    }
    expect(findDemoTenant('allianz-thueringer-becken')?.kind).toBe('union');
  });

  it('covers every combination of anonymous reports and e-mail confirmation', () => {
    const combinations = new Set(DEMO_TENANTS.map(({ settings }) => `${settings.anonymousAllowed}/${settings.confirmationRequired}`));
    expect(combinations.size).toBe(4);
    expect(findDemoTenant('jena')?.settings.confirmationRequired).toBe(true);
    expect(findDemoTenant('gera')?.settings.anonymousAllowed).toBe(false);
  });

  it('names no public tile host', () => {
    for (const tenant of DEMO_TENANTS) expect(tenant.map).toEqual({ tileUrl: null, attribution: null, maxZoom: 19 });
  });

  it('places every town in Thuringia', () => {
    for (const town of towns) {
      expect(isValidLonLat(town.centre.lon, town.centre.lat)).toBe(true);
      // Thuringia: roughly 9.8-12.7 E, 50.2-51.65 N.
      expect([town.name, town.centre.lon > 9.8 && town.centre.lon < 12.7 && town.centre.lat > 50.2 && town.centre.lat < 51.65]).toEqual([town.name, true]);
    }
  });

  it('keeps the union members within 25 km of Sömmerda', () => {
    const union = findDemoTenant('allianz-thueringer-becken');
    const soemmerda = union?.towns.find((town) => town.name === 'Sömmerda');
    expect(soemmerda).toBeDefined();
    for (const town of union?.towns ?? []) {
      expect([town.name, haversineMetres(town.centre, soemmerda!.centre) < 25_000]).toEqual([town.name, true]);
    }
  });

  it('puts every district within 15 km of its own town and nearer to it than to any other town', () => {
    // Nearer its own centre means the district centre falls in its town's Voronoi cell,
    // which the boundary generator relies on.
    for (const town of towns) {
      for (const district of town.districts) {
        const own = haversineMetres(district.centre, town.centre);
        const nearestOther = Math.min(...towns.filter((other) => other !== town).map((other) => haversineMetres(district.centre, other.centre)));
        expect([district.name, own < 15_000, own < nearestOther]).toEqual([district.name, true, true]);
      }
    }
  });

  it('has unique district names within a town', () => {
    for (const town of towns) {
      const names = town.districts.map((district) => district.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });
});
