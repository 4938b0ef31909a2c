import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TenantScope } from '@app/core';

export interface ProposalRow {
  id: string;
  number: string;
  cycleId: string;
  budgetId: string;
  externalId: string | null;
  title: string;
  description: string;
  category: string | null;
  estimatedCostCents: number;
  officialCostCents: number | null;
  location: { lat: number; lon: number } | null;
  areaId: string | null;
  status: 'submitted' | 'feasible' | 'not_feasible' | 'merged';
  reviewReason: string | null;
  reviewedAt: Date | null;
  mergedInto: string | null;
  funded: boolean;
  implementationStatus: string | null;
  progress: number;
  supports: number;
  createdAt: Date;
}

const COLUMNS = `p.id, p.number::text AS number, p.cycle_id, p.budget_id, p.external_id, p.title, p.description, p.category,
  p.estimated_cost_cents::text AS estimated_cost_cents, p.official_cost_cents::text AS official_cost_cents,
  ST_Y(p.location) AS lat, ST_X(p.location) AS lon, p.area_id, p.status, p.review_reason, p.reviewed_at, p.merged_into,
  p.funded, p.implementation_status, p.progress, p.created_at,
  (SELECT count(*)::int FROM budget_supports s WHERE s.tenant_id = p.tenant_id AND s.proposal_id = p.id AND s.confirmed_at IS NOT NULL) AS supports`;

function toProposal(row: any): ProposalRow {
  return {
    id: row.id,
    number: row.number,
    cycleId: row.cycle_id,
    budgetId: row.budget_id,
    externalId: row.external_id,
    title: row.title,
    description: row.description,
    category: row.category,
    estimatedCostCents: Number(row.estimated_cost_cents),
    officialCostCents: row.official_cost_cents === null ? null : Number(row.official_cost_cents),
    location: row.lat === null ? null : { lat: row.lat, lon: row.lon },
    areaId: row.area_id,
    status: row.status,
    reviewReason: row.review_reason,
    reviewedAt: row.reviewed_at,
    mergedInto: row.merged_into,
    funded: row.funded,
    implementationStatus: row.implementation_status,
    progress: row.progress,
    supports: row.supports,
    createdAt: row.created_at,
  };
}

/** SQL of proposals, their contacts, photos and supports; always inside the tenant's transaction. */
@Injectable()
export class ProposalsRepository {
  constructor(private readonly scope: TenantScope) {}

  private get db(): EntityManager {
    return this.scope.manager;
  }

  async insideTenant(lon: number, lat: number): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM areas WHERE kind = 'municipality' AND ST_Covers(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) LIMIT 1`, [lon, lat]);
    return rows.length > 0;
  }

  /** The district budget whose district covers the point, else none. */
  async districtBudgetAt(cycleId: string, lon: number, lat: number): Promise<{ budgetId: string; areaId: string } | null> {
    const rows = await this.db.query(
      `SELECT b.id, b.area_id FROM budgets b JOIN areas a ON a.tenant_id = b.tenant_id AND a.id = b.area_id
        WHERE b.cycle_id = $1 AND ST_Covers(a.geom, ST_SetSRID(ST_MakePoint($2, $3), 4326)) ORDER BY a.name LIMIT 1`,
      [cycleId, lon, lat],
    );
    return rows[0] ? { budgetId: rows[0].id, areaId: rows[0].area_id } : null;
  }

  async districtAt(lon: number, lat: number): Promise<string | null> {
    const rows = await this.db.query(`SELECT id FROM areas WHERE kind = 'district' AND ST_Covers(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) ORDER BY name LIMIT 1`, [lon, lat]);
    return rows[0]?.id ?? null;
  }

  async insert(input: {
    tenantId: string; cycleId: string; budgetId: string; title: string; description: string; category?: string; estimatedCostCents: number;
    point: { lon: number; lat: number } | null; areaId: string | null; locale: string; contact: { email: string; name?: string }; photoUploadKeys: string[];
  }): Promise<{ id: string; number: string }> {
    const [row] = await this.db.query(
      `INSERT INTO budget_proposals (tenant_id, cycle_id, budget_id, title, description, category, estimated_cost_cents, location, area_id, locale)
       VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $8::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($8, $9), 4326) END, $10, $11)
       RETURNING id, number::text AS number`,
      [input.tenantId, input.cycleId, input.budgetId, input.title, input.description, input.category ?? null, input.estimatedCostCents,
        input.point?.lon ?? null, input.point?.lat ?? null, input.areaId, input.locale],
    );
    await this.db.query(`INSERT INTO budget_proposal_contacts (tenant_id, proposal_id, email, name) VALUES ($1, $2, $3, $4)`, [input.tenantId, row.id, input.contact.email, input.contact.name ?? null]);
    await this.insertPhotos(input.tenantId, row.id, null, input.photoUploadKeys);
    return row;
  }

  async insertPhotos(tenantId: string, proposalId: string, milestoneId: string | null, keys: string[]): Promise<void> {
    for (const [position, key] of keys.entries()) {
      await this.db.query(`INSERT INTO budget_photos (tenant_id, proposal_id, milestone_id, position, upload_key) VALUES ($1, $2, $3, $4, $5)`, [tenantId, proposalId, milestoneId, position, key]);
    }
  }

  async proposal(id: string, options: { lock?: boolean } = {}): Promise<ProposalRow | null> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM budget_proposals p WHERE p.id = $1${options.lock ? ' FOR UPDATE OF p' : ''}`, [id]);
    return rows[0] ? toProposal(rows[0]) : null;
  }

  async proposals(cycleId: string, filter: { budgetId?: string; status?: string } = {}): Promise<ProposalRow[]> {
    const rows = await this.db.query(
      `SELECT ${COLUMNS} FROM budget_proposals p WHERE p.cycle_id = $1 AND ($2::uuid IS NULL OR p.budget_id = $2) AND ($3::text IS NULL OR p.status = $3) ORDER BY p.number`,
      [cycleId, filter.budgetId ?? null, filter.status ?? null],
    );
    return rows.map(toProposal);
  }

  async photos(proposalId: string): Promise<Array<{ milestoneId: string | null; large: string; thumb: string }>> {
    const rows = await this.db.query(`SELECT milestone_id, large_key, thumb_key FROM budget_photos WHERE proposal_id = $1 AND state = 'ready' ORDER BY created_at, position`, [proposalId]);
    return rows.map((row: any) => ({ milestoneId: row.milestone_id, large: row.large_key.split('/')[1], thumb: row.thumb_key.split('/')[1] }));
  }

  async photoVisible(key: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM budget_photos WHERE (large_key = $1 OR thumb_key = $1) AND state = 'ready' LIMIT 1`, [key])).length > 0;
  }

  async insertSupport(tenantId: string, proposalId: string, email: string, locale: string): Promise<{ id: string; created: boolean; confirmed: boolean }> {
    const inserted = await this.db.query(
      `INSERT INTO budget_supports (tenant_id, proposal_id, email, locale) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, proposal_id, email) DO NOTHING RETURNING id`,
      [tenantId, proposalId, email, locale],
    );
    if (inserted.length > 0) return { id: inserted[0].id, created: true, confirmed: false };
    const [row] = await this.db.query(`SELECT id, confirmed_at FROM budget_supports WHERE proposal_id = $1 AND email = $2`, [proposalId, email]);
    return { id: row.id, created: false, confirmed: row.confirmed_at !== null };
  }

  async confirmSupport(supportId: string): Promise<{ proposalId: string } | null> {
    const rows = await this.db.query(`WITH changed AS (UPDATE budget_supports SET confirmed_at = coalesce(confirmed_at, now()) WHERE id = $1 RETURNING proposal_id) SELECT * FROM changed`, [supportId]);
    return rows[0] ? { proposalId: rows[0].proposal_id } : null;
  }

  async supportProposal(supportId: string): Promise<{ proposalId: string; cycleId: string } | null> {
    const rows = await this.db.query(`SELECT s.proposal_id, p.cycle_id FROM budget_supports s JOIN budget_proposals p ON p.tenant_id = s.tenant_id AND p.id = s.proposal_id WHERE s.id = $1`, [supportId]);
    return rows[0] ? { proposalId: rows[0].proposal_id, cycleId: rows[0].cycle_id } : null;
  }

  async recordReview(proposalId: string, decision: { status: 'feasible' | 'not_feasible'; reason: string | null; officialCostCents: number | null }, actor: string): Promise<void> {
    await this.db.query(
      `UPDATE budget_proposals SET status = $2, review_reason = $3, official_cost_cents = $4, reviewed_at = clock_timestamp(), reviewed_by = $5, updated_at = now() WHERE id = $1`,
      [proposalId, decision.status, decision.reason, decision.officialCostCents, actor],
    );
  }

  async recordMerge(proposalId: string, intoId: string, reason: string, actor: string): Promise<void> {
    await this.db.query(
      `UPDATE budget_proposals SET status = 'merged', merged_into = $2, review_reason = $3, reviewed_at = clock_timestamp(), reviewed_by = $4, updated_at = now() WHERE id = $1`,
      [proposalId, intoId, reason, actor],
    );
  }

  async pendingPhotos(proposalId: string): Promise<Array<{ id: string; uploadKey: string | null }>> {
    const rows = await this.db.query(`SELECT id, upload_key FROM budget_photos WHERE proposal_id = $1 AND state = 'pending' ORDER BY position`, [proposalId]);
    return rows.map((row: any) => ({ id: row.id, uploadKey: row.upload_key }));
  }

  async photoFailed(photoId: string): Promise<void> {
    await this.db.query(`UPDATE budget_photos SET state = 'failed', upload_key = NULL WHERE id = $1`, [photoId]);
  }

  async photoReady(photoId: string, keys: { large: string; thumb: string; hash: string }): Promise<void> {
    await this.db.query(`UPDATE budget_photos SET state = 'ready', large_key = $2, thumb_key = $3, content_hash = $4, upload_key = NULL WHERE id = $1`, [photoId, keys.large, keys.thumb, keys.hash]);
  }

  async tenantName(): Promise<string> {
    const rows = await this.db.query(`SELECT name FROM tenants WHERE id = app.current_tenant_id()`);
    return rows[0]?.name ?? '';
  }
}
