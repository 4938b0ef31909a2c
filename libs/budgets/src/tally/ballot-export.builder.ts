import { Injectable } from '@nestjs/common';
import { PabulibFile, PabulibProject, PabulibVote } from '@app/domain';
import { Aggregation, Budget, BudgetCycle } from '../budget.types';
import { CyclesRepository } from '../cycles/cycles.repository';
import { VotingRepository } from '../voting/voting.repository';

export interface BallotExport {
  file: PabulibFile;
  /** Cents per counting unit: 100 when every amount is whole euros, else 1. */
  unitCents: number;
  /** pabulib project_id → proposal id, and back. */
  proposalOf: Map<string, string>;
  pabulibOf: Map<string, string>;
  names: Record<string, string>;
}

const VOTE_TYPE = { approval: 'approval', knapsack: 'approval', cumulative: 'cumulative', ranked: 'ordinal' } as const;

export function pabulibRule(aggregation: Aggregation): string {
  switch (aggregation.rule) {
    case 'greedy':
      return aggregation.variant;
    case 'equal-shares':
      if (aggregation.increment === 0) return 'equalshares';
      return aggregation.comparison === 'none' ? 'equalshares/add1' : 'equalshares/add1-comparison';
    case 'phragmen':
      return 'unknown';
  }
}

function day(date: Date | null, year: number): string {
  if (!date) return String(year);
  return `${String(date.getUTCDate()).padStart(2, '0')}.${String(date.getUTCMonth() + 1).padStart(2, '0')}.${date.getUTCFullYear()}`;
}

/**
 * The canonical .pb view of a budget: feasible proposals in number order,
 * ballots sorted by content (so the bytes do not depend on storage order),
 * voter ids 1..n. The tally hashes exactly this text; the export adds `selected`.
 */
@Injectable()
export class BallotExportBuilder {
  constructor(
    private readonly cycles: CyclesRepository,
    private readonly voting: VotingRepository,
  ) {}

  /** Runs inside the caller's tenant transaction. */
  async build(cycle: BudgetCycle, budget: Budget, tenantName: string): Promise<BallotExport> {
    const projects = await this.voting.ballotProjects(budget.id);
    const rows: Array<{ projects: string[]; points: number[] | null }> = await this.voting.ballots(budget.id);
    const amounts = [budget.amountCents, ...projects.map((project) => project.costCents), ...(budget.ballotRules.maxCostCents ? [budget.ballotRules.maxCostCents] : [])];
    const unitCents = amounts.every((amount) => amount % 100 === 0) ? 100 : 1;
    const proposalOf = new Map<string, string>();
    const pabulibOf = new Map<string, string>();
    const names: Record<string, string> = {};
    const votes = new Map<string, number>();
    const scores = new Map<string, number>();
    for (const project of projects) {
      const pid = project.externalId ?? project.number;
      proposalOf.set(pid, project.id);
      pabulibOf.set(project.id, pid);
      names[pid] = project.title;
    }
    const ballots = rows
      .map((row) => ({ vote: row.projects.map((id) => pabulibOf.get(id)).filter((id): id is string => id !== undefined), points: row.points ?? undefined }))
      .filter((ballot) => ballot.vote.length > 0)
      .map((ballot) => ({ ...ballot, key: `${ballot.vote.join(',')};${ballot.points?.join(',') ?? ''}` }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const ballot of ballots) {
      ballot.vote.forEach((pid, index) => {
        votes.set(pid, (votes.get(pid) ?? 0) + 1);
        scores.set(pid, (scores.get(pid) ?? 0) + (ballot.points?.[index] ?? 1));
      });
    }
    const source = await this.cycles.sourceMeta(cycle.id);
    const rules = budget.ballotRules;
    const meta: Record<string, string> = {
      description: `${cycle.title} – ${budget.name}`,
      country: 'Germany',
      unit: tenantName,
      instance: String(cycle.year),
      ...(source ?? {}),
      num_projects: String(projects.length),
      num_votes: String(ballots.length),
      budget: String(budget.amountCents / unitCents),
      vote_type: VOTE_TYPE[budget.ballotType],
      rule: pabulibRule(budget.aggregation),
      currency: cycle.currency,
    };
    if (!source) {
      meta.date_begin = day(cycle.schedule.voting, cycle.year);
      meta.date_end = day(cycle.schedule.results, cycle.year);
      meta.language = 'de';
      if (budget.areaName) meta.district = budget.areaName;
      if (rules.minProjects !== undefined) meta.min_length = String(rules.minProjects);
      if (rules.maxProjects !== undefined) meta.max_length = String(rules.maxProjects);
      if (budget.ballotType === 'knapsack') meta.max_sum_cost = String((rules.maxCostCents ?? budget.amountCents) / unitCents);
      if (budget.ballotType === 'cumulative') {
        meta.max_sum_points = String(rules.totalPoints);
        if (rules.maxPointsPerProject) meta.max_points = String(rules.maxPointsPerProject);
      }
      if (budget.aggregation.rule === 'greedy' && budget.aggregation.threshold !== undefined) meta.min_project_score_threshold = String(budget.aggregation.threshold);
    }
    if (budget.ballotType === 'ranked') meta.max_length = String(rules.rankLength);
    const cumulative = budget.ballotType === 'cumulative';
    const pbProjects: PabulibProject[] = projects.map((project) => {
      const pid = pabulibOf.get(project.id)!;
      const fields: Record<string, string> = { name: project.title, votes: String(votes.get(pid) ?? 0) };
      if (cumulative) fields.score = String(scores.get(pid) ?? 0);
      if (project.category) fields.category = project.category;
      if (project.lat !== null && project.lon !== null) {
        fields.latitude = String(project.lat);
        fields.longitude = String(project.lon);
      }
      return { id: pid, cost: project.costCents / unitCents, fields };
    });
    const projectColumns = ['project_id', 'cost', 'votes', ...(cumulative ? ['score'] : []), 'name', 'category', 'latitude', 'longitude'];
    const pbVotes: PabulibVote[] = ballots.map((ballot, index) => (ballot.points ? { voterId: String(index + 1), vote: ballot.vote, points: ballot.points } : { voterId: String(index + 1), vote: ballot.vote }));
    return {
      file: { meta, projectColumns, projects: pbProjects, voteColumns: cumulative ? ['voter_id', 'vote', 'points'] : ['voter_id', 'vote'], votes: pbVotes },
      unitCents,
      proposalOf,
      pabulibOf,
      names,
    };
  }
}
