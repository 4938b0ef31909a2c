import { Client } from 'pg';

export interface TenantFixture {
  id: string;
  slug: string;
}

/**
 * Inserts tenants (and a square municipality area each) as the owner, the
 * way seeding and the admin CLI do: the app role may not create tenants.
 */
export async function insertTenants(adminUrl: string, slugs: string[]): Promise<TenantFixture[]> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const tenants: TenantFixture[] = [];
    for (const [index, slug] of slugs.entries()) {
      const row = await client.query(
        `INSERT INTO tenants (slug, name, kind) VALUES ($1, $2, 'municipality') RETURNING id`,
        [slug, slug.replace(/(^|-)([a-z])/g, (_, dash, letter) => `${dash ? ' ' : ''}${letter.toUpperCase()}`)],
      );
      const id = row.rows[0].id as string;
      // Squares of 0.1° side along a row, so neighbours share an edge.
      const west = 10 + index * 0.1;
      await client.query(
        `INSERT INTO areas (tenant_id, kind, name, geom)
         VALUES ($1, 'municipality', $2, ST_Multi(ST_MakeEnvelope($3, 50, $4, 50.1, 4326)))`,
        [id, `${slug} town`, west, west + 0.1],
      );
      tenants.push({ id, slug });
    }
    return tenants;
  } finally {
    await client.end();
  }
}
