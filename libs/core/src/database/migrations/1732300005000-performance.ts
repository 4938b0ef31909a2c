import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes found missing by the benchmarks (docs/benchmarks.md).
 *
 * reports.duplicate_of references reports (tenant_id, id) ON DELETE SET NULL,
 * so every deleted report makes PostgreSQL look for reports marked as its
 * duplicate. Without an index that lookup is a sequential scan of the whole
 * table: with 1M reports one DELETE spent ~300 ms in that check, and deleting many reports
 * (retention, a tenant's removal, the bench's own clean-up) would run for days.
 * Partial, since almost no report is a duplicate; the lookup's
 * `duplicate_of = $1` implies `IS NOT NULL`, so the planner uses it.
 */
export class Performance1732300005000 implements MigrationInterface {
  name = 'Performance1732300005000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX reports_duplicate_of_idx ON reports (tenant_id, duplicate_of) WHERE duplicate_of IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX IF EXISTS reports_duplicate_of_idx');
  }
}
