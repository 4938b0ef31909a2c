import { Injectable } from '@nestjs/common';
import { PabulibFile, PabulibParseError, knapsackCostCap, parsePabulib, writePabulib } from '@app/domain';
import { Language, LocalizedFieldError, RequestLanguage, TenantContext, TenantScope, fieldErrors } from '@app/core';
import { notFound } from '../budget-errors';
import { Aggregation, BallotRules, BudgetBallotType } from '../budget.types';
import { CyclesRepository } from '../cycles/cycles.repository';
import { CyclesService } from '../cycles/cycles.service';
import { BallotExportBuilder } from '../tally/ballot-export.builder';
import { TallyRepository } from '../tally/tally.repository';
import { ProposalsRepository } from '../proposals/proposals.repository';

/** Whole currency units in a .pb file; cents in our tables. */
const CENTS = 100;
const CHUNK = 5000;

function refuse(reason: { de: string; en: string }, language: Language, line?: number): never {
  const error: LocalizedFieldError = { field: 'file', code: 'pabulib_invalid', message: line ? { de: `Zeile ${line}: ${reason.de}`, en: `Line ${line}: ${reason.en}` } : reason };
  throw fieldErrors([error], language);
}

/**
 * pabulib in and out. An import becomes a simulation cycle (phase results,
 * rules frozen) with one city-wide budget, feasible projects and imported
 * ballots, all in one transaction: a refused file stores nothing. The export
 * is the canonical .pb of a budget with anonymised voters and `selected`.
 */
@Injectable()
export class PabulibTransferService {
  constructor(
    private readonly scope: TenantScope,
    private readonly context: TenantContext,
    private readonly cycles: CyclesService,
    private readonly cycleRows: CyclesRepository,
    private readonly exports: BallotExportBuilder,
    private readonly tallies: TallyRepository,
    private readonly proposals: ProposalsRepository,
    private readonly language: RequestLanguage,
  ) {}

  async import(text: string, title?: string): Promise<{ cycleId: string; budgetId: string; projects: number; ballots: number }> {
    const lang = this.language.current;
    let file: PabulibFile;
    try {
      file = parsePabulib(text);
    } catch (error) {
      if (error instanceof PabulibParseError) refuse({ de: error.reason, en: error.reason }, lang, error.line);
      refuse({ de: (error as Error).message, en: (error as Error).message }, lang);
    }
    const mapped = this.mapRules(file, lang);
    const tenantId = this.context.tenantId;
    const meta = file.meta;
    const yearMatch = /(\d{4})/.exec(meta.instance ?? '') ?? /(\d{4})/.exec(meta.date_end ?? '');
    const year = yearMatch ? Number(yearMatch[1]) : new Date().getUTCFullYear();
    return this.scope.transaction(async () => {
      const cycle = await this.cycleRows.insertCycle(
        tenantId,
        { year, title: (title ?? `${meta.unit ?? ''} ${meta.instance ?? ''} ${meta.subunit ?? ''}`.trim()).slice(0, 200) || 'pabulib', eligibilityEmail: false, eligibilityCodes: false, residencyRequired: false },
        { kind: 'simulation', phase: 'results', currency: /^[A-Z]{3}$/.test(meta.currency ?? '') ? meta.currency : 'EUR', sourceMeta: meta },
      );
      const budgetId = await this.cycleRows.insertBudget(tenantId, cycle.id, {
        name: (meta.subunit || meta.district || meta.description || 'Budget').slice(0, 200),
        areaId: null,
        amountCents: Math.round(Number(meta.budget) * CENTS),
        ballotType: mapped.ballotType,
        ballotRules: mapped.ballotRules,
        aggregation: mapped.aggregation,
        frozenAt: new Date(),
      });
      const db = this.scope.manager;
      const projectRows = file.projects.map((project) => ({
        e: project.id,
        t: (project.fields.name || project.id).slice(0, 300),
        d: (project.fields.description ?? '').slice(0, 8000),
        c: project.fields.category ? project.fields.category.slice(0, 100) : null,
        k: Math.round(project.cost * CENTS),
        la: project.fields.latitude ? Number(project.fields.latitude) : null,
        lo: project.fields.longitude ? Number(project.fields.longitude) : null,
      }));
      // One row at a time, so the proposal numbers follow the file order (the tie order of the rules).
      const inserted: Array<{ id: string; external_id: string }> = [];
      for (const p of projectRows) {
        const [row] = await db.query(
          `INSERT INTO budget_proposals (tenant_id, cycle_id, budget_id, external_id, title, description, category, estimated_cost_cents, official_cost_cents, location, status, reviewed_at, reviewed_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, CASE WHEN $9::float8 IS NULL OR $10::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($10, $9), 4326) END, 'feasible', now(), 'pabulib-import')
           RETURNING id, external_id`,
          [tenantId, cycle.id, budgetId, p.e, p.t, p.d, p.c, p.k, Number.isFinite(p.la) ? p.la : null, Number.isFinite(p.lo) ? p.lo : null],
        );
        inserted.push(row);
      }
      const proposalOf = new Map(inserted.map((row) => [row.external_id, row.id]));
      for (let start = 0; start < file.votes.length; start += CHUNK) {
        const chunk = file.votes.slice(start, start + CHUNK).map((vote) => ({ p: vote.vote.map((pid) => proposalOf.get(pid)!), q: vote.points ?? null }));
        await db.query(
          `INSERT INTO budget_ballots (tenant_id, budget_id, projects, points, channel)
           SELECT $1, $2, ARRAY(SELECT e::uuid FROM jsonb_array_elements_text(b->'p') WITH ORDINALITY AS y(e, i) ORDER BY i),
                  CASE WHEN jsonb_typeof(b->'q') = 'array' THEN ARRAY(SELECT e::int FROM jsonb_array_elements_text(b->'q') WITH ORDINALITY AS z(e, i) ORDER BY i) END, 'import'
             FROM jsonb_array_elements($3::jsonb) AS x(b)`,
          [tenantId, budgetId, JSON.stringify(chunk)],
        );
      }
      return { cycleId: cycle.id, budgetId, projects: inserted.length, ballots: file.votes.length };
    });
  }

  private mapRules(file: PabulibFile, lang: Language): { ballotType: BudgetBallotType; ballotRules: BallotRules; aggregation: Aggregation } {
    const meta = file.meta;
    const num = (key: string) => (meta[key] !== undefined && meta[key] !== '' ? Number(meta[key]) : undefined);
    const voteType = meta.vote_type.trim();
    let ballotType: BudgetBallotType;
    const ballotRules: BallotRules = {};
    const minLength = num('min_length');
    const maxLength = num('max_length');
    if (voteType === 'approval' || voteType === 'choose-1') {
      const cap = knapsackCostCap(file);
      ballotType = cap !== undefined ? 'knapsack' : 'approval';
      if (cap !== undefined) ballotRules.maxCostCents = Math.round(cap * CENTS);
      if (voteType === 'choose-1') ballotRules.maxProjects = 1;
      else if (maxLength !== undefined) ballotRules.maxProjects = maxLength;
      if (minLength !== undefined) ballotRules.minProjects = minLength;
    } else if (voteType === 'cumulative') {
      ballotType = 'cumulative';
      const total = num('max_sum_points');
      if (!total) refuse({ de: 'Punkte-Stimmzettel ohne max_sum_points', en: 'cumulative ballots without max_sum_points' }, lang);
      ballotRules.totalPoints = total;
      if (num('max_points')) ballotRules.maxPointsPerProject = num('max_points');
    } else if (voteType === 'ordinal') {
      ballotType = 'ranked';
      ballotRules.rankLength = maxLength ?? file.projects.length;
    } else {
      refuse({ de: `Stimmzettel-Typ ${voteType} wird nicht unterstützt`, en: `vote_type ${voteType} is not supported` }, lang);
    }
    const rule = (meta.rule ?? '').trim();
    let aggregation: Aggregation;
    if (rule.startsWith('equalshares') && (ballotType === 'approval' || ballotType === 'knapsack')) {
      aggregation = {
        rule: 'equal-shares', perVoterBudget: 'integral', increment: rule === 'equalshares' ? 0 : 1, exhaustiveStop: true, utilitarianCompletion: false,
        comparison: rule.endsWith('comparison') ? 'more-winners' : 'none',
      };
    } else if (rule === 'greedy-no-skip') {
      aggregation = { rule: 'greedy', variant: 'greedy-no-skip' };
    } else if (rule === 'greedy-threshold') {
      aggregation = { rule: 'greedy', variant: 'greedy-threshold', threshold: num('min_project_score_threshold') ?? 0 };
    } else {
      aggregation = { rule: 'greedy', variant: 'greedy' };
    }
    return { ballotType, ballotRules, aggregation };
  }

  /**
   * Any cycle's budget as .pb. `selected` comes from the published tally;
   * staff may also export with the latest finished tally before publishing.
   */
  async export(cycleId: string, budgetId: string | undefined, options: { staff: boolean }): Promise<{ filename: string; text: string }> {
    return this.scope.transaction(async () => {
      const cycle = await this.cycles.requireCycle(cycleId);
      const budgets = await this.cycleRows.budgets(cycleId);
      const budget = budgetId ? budgets.find((candidate) => candidate.id === budgetId) : budgets[0];
      if (!budget) throw notFound('budget');
      const published = await this.tallies.published(budget.id);
      if (!options.staff && !published && cycle.kind === 'official') throw notFound('published result');
      const tally = published ?? (options.staff ? await this.tallies.latestDone(budget.id) : null);
      const tenantName = await this.proposals.tenantName();
      const exported = await this.exports.build(cycle, budget, tenantName);
      const selected = tally?.result ? tally.result.selected.map((id) => exported.pabulibOf.get(id)).filter((id): id is string => id !== undefined) : undefined;
      const text = writePabulib(exported.file, { anonymiseVoters: true, ...(selected ? { selected } : {}) });
      return { filename: `${cycle.year}_${budget.name.replace(/[^A-Za-z0-9_-]+/g, '_')}.pb`, text };
    });
  }
}
