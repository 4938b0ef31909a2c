import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the Bürgerhaushalt's foreign keys that lead with columns the
 * primary and unique keys do not: without them deleting a cycle (or a voter)
 * checks every participation row per deleted voter.
 */
export class BudgetIndexes1732300006010 implements MigrationInterface {
  name = 'BudgetIndexes1732300006010';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX budget_participations_voter_idx ON budget_participations (tenant_id, voter_id)`);
    await db.query(`CREATE INDEX budget_voters_cycle_idx ON budget_voters (tenant_id, cycle_id)`);
    await db.query(`CREATE INDEX budget_proposals_merged_idx ON budget_proposals (tenant_id, merged_into) WHERE merged_into IS NOT NULL`);
    await db.query(`CREATE INDEX budget_photos_milestone_idx ON budget_photos (tenant_id, milestone_id) WHERE milestone_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const index of ['budget_photos_milestone_idx', 'budget_proposals_merged_idx', 'budget_voters_cycle_idx', 'budget_participations_voter_idx']) {
      await db.query(`DROP INDEX IF EXISTS ${index}`);
    }
  }
}
