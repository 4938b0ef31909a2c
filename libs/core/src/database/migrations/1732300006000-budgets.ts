import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../roles';
import { tenantIsolationSql } from '../rls';

/**
 * The Bürgerhaushalt (participatory budget): cycles with phases, budgets
 * (city-wide or per district), proposals with private contacts and photos,
 * supports, eligibility (verified e-mail or one-time codes), ballots,
 * paper double entry, tallies and implementation tracking.
 *
 * Ballot secrecy by construction: who voted (budget_participations) and what
 * was voted (budget_ballots) are separate rows written in one transaction,
 * with nothing that joins them (random ids, no timestamp on the ballot).
 * One ballot per voter and budget is the primary key of participations.
 */
export class Budgets1732300006000 implements MigrationInterface {
  name = 'Budgets1732300006000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE budget_cycles (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2200),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        -- 'simulation': imported from pabulib or a what-if copy; never an official result.
        kind text NOT NULL DEFAULT 'official' CHECK (kind IN ('official', 'simulation')),
        phase text NOT NULL DEFAULT 'preparation' CHECK (phase IN ('preparation', 'proposals', 'review', 'voting', 'results', 'implementation')),
        phase_changed_at timestamptz NOT NULL DEFAULT now(),
        -- Scheduled starts; NULL = the phase starts only when an admin opens it.
        proposals_start timestamptz,
        review_start timestamptz,
        voting_start timestamptz,
        results_start timestamptz,
        implementation_start timestamptz,
        eligibility_email boolean NOT NULL DEFAULT true,
        eligibility_codes boolean NOT NULL DEFAULT false,
        -- Voters may vote in a district budget only when they live in that district.
        residency_required boolean NOT NULL DEFAULT false,
        currency text NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
        source_meta jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id)
      )`,
      `CREATE UNIQUE INDEX budget_cycles_official_year ON budget_cycles (tenant_id, year) WHERE kind = 'official'`,
      ...tenantIsolationSql('budget_cycles'),

      `CREATE TABLE budgets (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        cycle_id uuid NOT NULL,
        -- NULL: the city-wide budget.
        area_id uuid,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        ballot_type text NOT NULL DEFAULT 'approval' CHECK (ballot_type IN ('approval', 'knapsack', 'cumulative', 'ranked')),
        ballot_rules jsonb NOT NULL DEFAULT '{}',
        aggregation jsonb NOT NULL DEFAULT '{"rule": "greedy"}',
        rules_frozen_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, cycle_id) REFERENCES budget_cycles (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, area_id) REFERENCES areas (tenant_id, id)
      )`,
      `CREATE UNIQUE INDEX budgets_one_per_area ON budgets (tenant_id, cycle_id, coalesce(area_id, '00000000-0000-0000-0000-000000000000'))`,
      ...tenantIsolationSql('budgets'),
      // The database refuses rule changes after voting opened, whatever the code path (CONSUL #5321).
      `CREATE FUNCTION app.budgets_refuse_rule_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF OLD.rules_frozen_at IS NOT NULL AND (
               NEW.rules_frozen_at IS DISTINCT FROM OLD.rules_frozen_at OR NEW.amount_cents <> OLD.amount_cents OR NEW.ballot_type <> OLD.ballot_type
               OR NEW.ballot_rules <> OLD.ballot_rules OR NEW.aggregation <> OLD.aggregation OR NEW.area_id IS DISTINCT FROM OLD.area_id) THEN
            RAISE EXCEPTION 'budget rules are frozen since %', OLD.rules_frozen_at USING ERRCODE = '55000';
          END IF;
          RETURN NEW;
        END $$`,
      `CREATE TRIGGER budgets_frozen_rules BEFORE UPDATE ON budgets FOR EACH ROW EXECUTE FUNCTION app.budgets_refuse_rule_change()`,

      `CREATE SEQUENCE budget_proposal_number_seq`,
      `CREATE TABLE budget_proposals (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        number bigint NOT NULL DEFAULT nextval('budget_proposal_number_seq') UNIQUE,
        cycle_id uuid NOT NULL,
        budget_id uuid NOT NULL,
        -- pabulib project_id of imported projects, kept for the round trip.
        external_id text CHECK (length(external_id) <= 200),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 8000),
        category text CHECK (length(category) <= 100),
        estimated_cost_cents bigint NOT NULL CHECK (estimated_cost_cents >= 0),
        official_cost_cents bigint CHECK (official_cost_cents >= 0),
        location geometry(Point, 4326),
        area_id uuid,
        locale text NOT NULL DEFAULT 'de' CHECK (locale IN ('de', 'en')),
        status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'feasible', 'not_feasible', 'merged')),
        review_reason text CHECK (length(review_reason) <= 4000),
        reviewed_at timestamptz,
        reviewed_by text,
        merged_into uuid,
        funded boolean NOT NULL DEFAULT false,
        implementation_status text CHECK (implementation_status IN ('planned', 'in_progress', 'completed', 'cancelled')),
        progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        CHECK (status <> 'merged' OR merged_into IS NOT NULL),
        FOREIGN KEY (tenant_id, cycle_id) REFERENCES budget_cycles (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, budget_id) REFERENCES budgets (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, area_id) REFERENCES areas (tenant_id, id),
        FOREIGN KEY (tenant_id, merged_into) REFERENCES budget_proposals (tenant_id, id)
      )`,
      `CREATE INDEX budget_proposals_cycle_idx ON budget_proposals (tenant_id, cycle_id, status)`,
      `CREATE INDEX budget_proposals_budget_idx ON budget_proposals (tenant_id, budget_id, status)`,
      `CREATE INDEX budget_proposals_location_idx ON budget_proposals USING gist (location)`,
      ...tenantIsolationSql('budget_proposals'),

      // Never public: read only to send mail.
      `CREATE TABLE budget_proposal_contacts (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        proposal_id uuid NOT NULL,
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
        name text CHECK (length(name) <= 200),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, proposal_id),
        FOREIGN KEY (tenant_id, proposal_id) REFERENCES budget_proposals (tenant_id, id) ON DELETE CASCADE
      )`,
      ...tenantIsolationSql('budget_proposal_contacts'),

      `CREATE TABLE budget_milestones (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        proposal_id uuid NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
        status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'completed', 'cancelled')),
        progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        due_date date,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, proposal_id) REFERENCES budget_proposals (tenant_id, id) ON DELETE CASCADE
      )`,
      `CREATE INDEX budget_milestones_proposal_idx ON budget_milestones (tenant_id, proposal_id, created_at)`,
      ...tenantIsolationSql('budget_milestones'),

      `CREATE TABLE budget_photos (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        proposal_id uuid NOT NULL,
        -- Set for implementation photos.
        milestone_id uuid,
        position smallint NOT NULL DEFAULT 0,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'ready', 'failed')),
        upload_key text,
        large_key text,
        thumb_key text,
        content_hash text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, proposal_id) REFERENCES budget_proposals (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, milestone_id) REFERENCES budget_milestones (tenant_id, id) ON DELETE CASCADE
      )`,
      `CREATE INDEX budget_photos_proposal_idx ON budget_photos (tenant_id, proposal_id, position)`,
      ...tenantIsolationSql('budget_photos'),

      // One support per verified e-mail and proposal; it counts once confirmed.
      `CREATE TABLE budget_supports (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        proposal_id uuid NOT NULL,
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email = lower(email)),
        locale text NOT NULL DEFAULT 'de',
        confirmed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        UNIQUE (tenant_id, proposal_id, email),
        FOREIGN KEY (tenant_id, proposal_id) REFERENCES budget_proposals (tenant_id, id) ON DELETE CASCADE
      )`,
      ...tenantIsolationSql('budget_supports'),

      `CREATE TABLE budget_followers (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        proposal_id uuid NOT NULL,
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email = lower(email)),
        locale text NOT NULL DEFAULT 'de',
        confirmed_at timestamptz,
        unsubscribed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        UNIQUE (tenant_id, proposal_id, email),
        FOREIGN KEY (tenant_id, proposal_id) REFERENCES budget_proposals (tenant_id, id) ON DELETE CASCADE
      )`,
      ...tenantIsolationSql('budget_followers'),

      // A public update on a funded project; followers get one mail per update.
      `CREATE TABLE budget_implementation_updates (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        proposal_id uuid NOT NULL,
        status text NOT NULL,
        progress smallint NOT NULL,
        note text CHECK (length(note) <= 4000),
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, proposal_id) REFERENCES budget_proposals (tenant_id, id) ON DELETE CASCADE
      )`,
      ...tenantIsolationSql('budget_implementation_updates'),

      // Eligibility: a verified e-mail address or a one-time code (only its keyed hash is stored).
      `CREATE TABLE budget_voters (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        cycle_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('email', 'code')),
        email text CHECK (length(email) BETWEEN 3 AND 254 AND email = lower(email)),
        code_hash text,
        -- District of residence: from the declared address (e-mail) or the letter's district (code).
        area_id uuid,
        locale text NOT NULL DEFAULT 'de',
        verified_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        CHECK ((kind = 'email' AND email IS NOT NULL AND code_hash IS NULL) OR (kind = 'code' AND code_hash IS NOT NULL AND email IS NULL)),
        FOREIGN KEY (tenant_id, cycle_id) REFERENCES budget_cycles (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, area_id) REFERENCES areas (tenant_id, id)
      )`,
      `CREATE UNIQUE INDEX budget_voters_email ON budget_voters (tenant_id, cycle_id, email) WHERE email IS NOT NULL`,
      `CREATE UNIQUE INDEX budget_voters_code ON budget_voters (tenant_id, code_hash) WHERE code_hash IS NOT NULL`,
      ...tenantIsolationSql('budget_voters'),

      // Who voted where: exactly one row per voter and budget, enforced here.
      `CREATE TABLE budget_participations (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        budget_id uuid NOT NULL,
        voter_id uuid NOT NULL,
        voted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, budget_id, voter_id),
        FOREIGN KEY (tenant_id, budget_id) REFERENCES budgets (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, voter_id) REFERENCES budget_voters (tenant_id, id) ON DELETE CASCADE
      )`,
      ...tenantIsolationSql('budget_participations'),

      // What was voted: no voter, no time. projects/points are proposal ids in ballot order.
      `CREATE TABLE budget_ballots (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        budget_id uuid NOT NULL,
        projects uuid[] NOT NULL,
        points int[],
        channel text NOT NULL CHECK (channel IN ('online', 'paper', 'import')),
        receipt_hash text UNIQUE,
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, budget_id) REFERENCES budgets (tenant_id, id) ON DELETE CASCADE
      )`,
      `CREATE INDEX budget_ballots_budget_idx ON budget_ballots (tenant_id, budget_id)`,
      ...tenantIsolationSql('budget_ballots'),
      // Cast ballots are never edited or deleted by the application.
      `REVOKE UPDATE, DELETE, TRUNCATE ON budget_ballots FROM ${APP_ROLE}`,
      `REVOKE UPDATE, DELETE, TRUNCATE ON budget_participations FROM ${APP_ROLE}`,

      // Paper ballots: a sheet counts once a second person entered the same content.
      `CREATE TABLE budget_paper_sheets (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        budget_id uuid NOT NULL,
        sheet_number text NOT NULL CHECK (length(sheet_number) BETWEEN 1 AND 50),
        projects uuid[] NOT NULL,
        points int[],
        first_entered_by text NOT NULL,
        first_entered_at timestamptz NOT NULL DEFAULT now(),
        confirmed_by text,
        confirmed_at timestamptz,
        mismatches int NOT NULL DEFAULT 0,
        UNIQUE (tenant_id, id),
        UNIQUE (tenant_id, budget_id, sheet_number),
        CHECK (confirmed_by IS NULL OR confirmed_by <> first_entered_by),
        FOREIGN KEY (tenant_id, budget_id) REFERENCES budgets (tenant_id, id) ON DELETE CASCADE
      )`,
      ...tenantIsolationSql('budget_paper_sheets'),

      `CREATE TABLE budget_tallies (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        budget_id uuid NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
        rule text NOT NULL,
        options jsonb NOT NULL,
        unit_cents int NOT NULL DEFAULT 100,
        ballot_set_hash text,
        ballots_count int,
        result jsonb,
        explanation jsonb,
        error text,
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        computed_at timestamptz,
        published_at timestamptz,
        published_by text,
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, budget_id) REFERENCES budgets (tenant_id, id) ON DELETE CASCADE
      )`,
      `CREATE INDEX budget_tallies_budget_idx ON budget_tallies (tenant_id, budget_id, requested_at DESC)`,
      `CREATE UNIQUE INDEX budget_tallies_one_published ON budget_tallies (tenant_id, budget_id) WHERE published_at IS NOT NULL`,
      ...tenantIsolationSql('budget_tallies'),
    ];
    for (const statement of statements) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'budget_tallies', 'budget_paper_sheets', 'budget_ballots', 'budget_participations', 'budget_voters', 'budget_implementation_updates',
      'budget_followers', 'budget_supports', 'budget_photos', 'budget_milestones', 'budget_proposal_contacts', 'budget_proposals', 'budgets', 'budget_cycles',
    ]) {
      await db.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    await db.query('DROP SEQUENCE IF EXISTS budget_proposal_number_seq');
    await db.query('DROP FUNCTION IF EXISTS app.budgets_refuse_rule_change()');
  }
}
