import { Client } from 'pg';

/**
 * Writes reports and their rows directly as the database owner: the intake is
 * built in parallel, and the read side must not depend on it to be tested.
 */
export interface ReportSeed {
  category: string;
  lat: number;
  lon: number;
  description?: string;
  status?: string;
  confirmed?: boolean;
  hidden?: boolean;
  createdDaysAgo?: number;
  closedDaysAgo?: number;
  address?: string | null;
  ipHash?: string;
  departmentId?: string;
  forwardedToTenantId?: string;
  duplicateOf?: string;
}

export interface SeededReport {
  id: string;
  number: string;
}

export class ReadFixtures {
  private constructor(readonly db: Client) {}

  static async connect(adminUrl: string): Promise<ReadFixtures> {
    const db = new Client({ connectionString: adminUrl });
    await db.connect();
    return new ReadFixtures(db);
  }

  close(): Promise<void> {
    return this.db.end();
  }

  async tenantId(slug: string): Promise<string> {
    return (await this.db.query(`SELECT id FROM tenants WHERE slug = $1`, [slug])).rows[0].id;
  }

  async category(tenantId: string, code: string, de: string, en: string): Promise<string> {
    const { rows } = await this.db.query(`INSERT INTO categories (tenant_id, code, name_de, name_en) VALUES ($1, $2, $3, $4) RETURNING id`, [tenantId, code, de, en]);
    return rows[0].id;
  }

  async department(tenantId: string, name: string): Promise<string> {
    const { rows } = await this.db.query(`INSERT INTO departments (tenant_id, name, email) VALUES ($1, $2, 'amt@example.org') RETURNING id`, [tenantId, name]);
    return rows[0].id;
  }

  async report(tenantId: string, seed: ReportSeed): Promise<SeededReport> {
    const { rows } = await this.db.query(
      `INSERT INTO reports (tenant_id, category_id, status, location, description, address, confirmed_at, hidden, created_at, updated_at, closed_at,
                            ip_hash, department_id, forwarded_to_tenant_id, duplicate_of)
       SELECT $1, c.id, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326), $6, $7,
              CASE WHEN $8 THEN now() - make_interval(days => $9) END, $10,
              now() - make_interval(days => $9), coalesce(now() - make_interval(days => $11), now() - make_interval(days => $9)),
              now() - make_interval(days => $11), $12, $13, $14, $15
         FROM categories c WHERE c.tenant_id = $1 AND c.code = $2
       RETURNING id, number::text`,
      [
        tenantId,
        seed.category,
        seed.status ?? 'received',
        seed.lon,
        seed.lat,
        seed.description ?? `Meldung bei ${seed.lat.toFixed(5)}, ${seed.lon.toFixed(5)}`,
        seed.address ?? null,
        seed.confirmed ?? true,
        seed.createdDaysAgo ?? 0,
        seed.hidden ?? false,
        seed.closedDaysAgo ?? null,
        seed.ipHash ?? null,
        seed.departmentId ?? null,
        seed.forwardedToTenantId ?? null,
        seed.duplicateOf ?? null,
      ],
    );
    if (!rows[0]) throw new Error(`no category ${seed.category} in tenant ${tenantId}`);
    return rows[0];
  }

  async history(tenantId: string, reportId: string, entries: Array<{ status: string; note: string | null; internal?: boolean; hoursAgo: number }>): Promise<void> {
    for (const entry of entries) {
      await this.db.query(
        `INSERT INTO report_history (tenant_id, report_id, at, status, note, internal, actor) VALUES ($1, $2, now() - make_interval(hours => $3), $4, $5, $6, 'staff:test')`,
        [tenantId, reportId, entry.hoursAgo, entry.status, entry.note, entry.internal ?? false],
      );
    }
  }

  async photo(tenantId: string, reportId: string, photo: { position: number; state: string; hidden?: boolean; key: string }): Promise<void> {
    const ready = photo.state === 'ready';
    await this.db.query(
      `INSERT INTO report_photos (tenant_id, report_id, position, state, upload_key, large_key, thumb_key, hidden) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [tenantId, reportId, photo.position, photo.state, ready ? null : `upload-${photo.key}`, ready ? `${photo.key}-large.webp` : null, ready ? `${photo.key}-thumb.webp` : null, photo.hidden ?? false],
    );
  }

  async contact(tenantId: string, reportId: string, email: string, name: string, phone: string): Promise<void> {
    await this.db.query(`INSERT INTO report_contacts (tenant_id, report_id, email, name, phone) VALUES ($1, $2, $3, $4, $5)`, [tenantId, reportId, email, name, phone]);
  }

  async follower(tenantId: string, reportId: string, email: string, state: 'confirmed' | 'pending' | 'unsubscribed'): Promise<void> {
    await this.db.query(
      `INSERT INTO report_followers (tenant_id, report_id, email, confirmed_at, unsubscribed_at)
       VALUES ($1, $2, $3, CASE WHEN $4 <> 'pending' THEN now() END, CASE WHEN $4 = 'unsubscribed' THEN now() END)`,
      [tenantId, reportId, email, state],
    );
  }

  async setSettings(tenantId: string, settings: Record<string, unknown>): Promise<void> {
    await this.db.query(`UPDATE tenants SET settings = settings || $2::jsonb WHERE id = $1`, [tenantId, JSON.stringify(settings)]);
  }
}
