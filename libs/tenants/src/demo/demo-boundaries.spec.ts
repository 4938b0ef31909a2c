import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { areaContains, parseAreaImport } from '@app/domain';
import { demoBoundaryFile } from './demo-boundaries.paths';
import { DEMO_TENANTS } from './demo-tenants';

// The GeoJSON files are generated (scripts/generate-demo-geodata.ts) from the
// definitions; this catches the two drifting apart and files the importer would refuse.
const repositoryRoot = join(__dirname, '../../../..');

interface FileFeature {
  readonly properties: { readonly name: string; readonly kind: string; readonly parent: string | null; readonly synthetic: boolean };
}

describe.each(DEMO_TENANTS.map((tenant) => [tenant.slug, tenant] as const))('demo boundaries of %s', (_slug, tenant) => {
  const text = readFileSync(join(repositoryRoot, demoBoundaryFile(tenant.slug)), 'utf8');
  const collection = JSON.parse(text) as { note?: unknown; features: FileFeature[] };

  it('is small and says it is synthetic', () => {
    expect(Buffer.byteLength(text)).toBeLessThan(200 * 1024);
    expect(collection.note).toBe('Synthetic boundaries for the demo (Voronoi partition), not official data');
    for (const feature of collection.features) expect(feature.properties.synthetic).toBe(true);
  });

  it('passes the area import validation', () => {
    const result = parseAreaImport(collection);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('has one feature per town and district, in definition order', () => {
    const expected = tenant.towns.flatMap((town) => [
      { name: town.name, kind: 'municipality', parent: null, synthetic: true },
      ...town.districts.map((district) => ({ name: district.name, kind: 'district', parent: town.name, synthetic: true })),
    ]);
    expect(collection.features.map((feature) => feature.properties)).toEqual(expected);
  });

  it('contains each centre in its own area', () => {
    const result = parseAreaImport(collection);
    if (!result.ok) throw new Error('invalid file');
    let index = 0;
    for (const town of tenant.towns) {
      const townArea = result.areas[index++];
      expect([town.name, townArea && areaContains(townArea.geometry, town.centre)]).toEqual([town.name, true]);
      for (const district of town.districts) {
        const districtArea = result.areas[index++];
        expect([district.name, districtArea && areaContains(districtArea.geometry, district.centre)]).toEqual([district.name, true]);
      }
    }
  });
});
