import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the public map and lists can use under row-level security.
 *
 * Under RLS the planner may use a query condition as an index condition only
 * when its operator is LEAKPROOF. PostGIS operators (&&, <->) are not, so the
 * GiST indexes on reports.location are never used by the app role: every map
 * query became a sequential scan of all tenants' reports. Plain double
 * precision and timestamptz comparisons are leakproof, so the public read
 * side filters on stored lon/lat copies of the point and on closed_at, with
 * covering partial indexes (index-only scans for the clusters).
 */
export class ReportReadIndexes1732300002000 implements MigrationInterface {
  name = 'ReportReadIndexes1732300002000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE reports
         ADD COLUMN lon double precision GENERATED ALWAYS AS (ST_X(location)) STORED,
         ADD COLUMN lat double precision GENERATED ALWAYS AS (ST_Y(location)) STORED`,
      // Open public reports by box: the map's main read.
      `CREATE INDEX reports_map_open_idx ON reports (tenant_id, lat, lon) INCLUDE (id)
         WHERE confirmed_at IS NOT NULL AND NOT hidden AND is_open`,
      // Closed public reports within the tenant's closedVisibleDays window.
      `CREATE INDEX reports_map_closed_idx ON reports (tenant_id, closed_at) INCLUDE (lat, lon, id)
         WHERE confirmed_at IS NOT NULL AND NOT hidden AND NOT is_open`,
    ];
    for (const statement of statements) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX IF EXISTS reports_map_closed_idx');
    await db.query('DROP INDEX IF EXISTS reports_map_open_idx');
    await db.query('ALTER TABLE reports DROP COLUMN IF EXISTS lat, DROP COLUMN IF EXISTS lon');
  }
}
