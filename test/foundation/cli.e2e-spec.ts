import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { TestDatabase, cloneTestDatabase } from '@app/testing';

function cli(args: string[], db: TestDatabase): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('node', ['dist/apps/worker/src/cli.js', ...args], {
      env: { ...process.env, DATABASE_URL: db.appUrl, DATABASE_SYSTEM_URL: db.systemUrl, DATABASE_ADMIN_URL: db.adminUrl, LOG_LEVEL: 'silent', QUEUE_PREFIX: `cli-${Date.now()}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the command line (built)', () => {
  let db: TestDatabase;
  let dir: string;
  const areas = async () => {
    const client = new Client({ connectionString: db.adminUrl });
    await client.connect();
    try {
      return (await client.query('SELECT count(*)::int AS n FROM areas')).rows[0].n as number;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    db = await cloneTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'mitreden-cli-'));
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('prepares the database and seeds the demo once', async () => {
    const first = await cli(['prepare'], db);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('demo tenants seeded');
    const second = await cli(['prepare'], db);
    expect(second.stdout).not.toContain('seeded');
  });

  it('refuses a broken boundary file with the reason and stores nothing', async () => {
    const before = await areas();
    const file = join(dir, 'bad.geojson');
    await writeFile(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Kaputt' }, geometry: { type: 'Polygon', coordinates: [[[11.5, 50.9], [11.6, 50.9], [11.6, 51.0]]] } }] }));
    const result = await cli(['boundary:import', 'jena', file], db);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('features[0].geometry.coordinates[0]');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await areas()).toBe(before);
    const notJson = join(dir, 'not.json');
    await writeFile(notJson, '{ nope');
    const unreadable = await cli(['boundary:import', 'jena', notJson], db);
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toContain('is not readable JSON');
  });

  it('imports a valid district file', async () => {
    const file = join(dir, 'district.geojson');
    const centre = await (async () => {
      const client = new Client({ connectionString: db.adminUrl });
      await client.connect();
      const row = (await client.query(`SELECT centre_lat AS lat, centre_lon AS lon FROM tenants WHERE slug = 'gera'`)).rows[0];
      await client.end();
      return row;
    })();
    const ring = [[centre.lon - 0.002, centre.lat - 0.002], [centre.lon + 0.002, centre.lat - 0.002], [centre.lon + 0.002, centre.lat + 0.002], [centre.lon - 0.002, centre.lat + 0.002], [centre.lon - 0.002, centre.lat - 0.002]];
    await writeFile(file, JSON.stringify({ type: 'Feature', properties: { name: 'Neubaugebiet', kind: 'district' }, geometry: { type: 'Polygon', coordinates: [ring] } }));
    const before = await areas();
    const result = await cli(['boundary:import', 'gera', file], db);
    expect(result.stdout).toContain('imported 0 municipality and 1 district areas into gera');
    expect(await areas()).toBe(before + 1);
  });
});
