import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for DSGVO retention (libs/reports/src/privacy): the worker looks for
 * closed reports whose contact data is due and for unconfirmed reports past
 * their expiry, in every tenant, every sweep interval.
 */
export class Privacy1732300007000 implements MigrationInterface {
  name = 'Privacy1732300007000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX IF NOT EXISTS reports_closed_retention_idx ON reports (tenant_id, closed_at) WHERE closed_at IS NOT NULL`);
    await db.query(`CREATE INDEX IF NOT EXISTS reports_unconfirmed_idx ON reports (tenant_id, created_at) WHERE confirmed_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS reports_unconfirmed_idx`);
    await db.query(`DROP INDEX IF EXISTS reports_closed_retention_idx`);
  }
}
