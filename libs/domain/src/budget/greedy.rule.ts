import { BudgetResult, TieBreak } from './budget-result.model';
import { BudgetElection } from './election.model';
import { assertValidElection } from './election.validator';
import { Rejection, SelectionStep } from './explanation.model';
import { projectScores } from './project-score.util';
import { orderMatters, tieRanks } from './tie-order.util';

export type GreedyVariant = 'greedy' | 'greedy-no-skip' | 'greedy-threshold';

export interface GreedyOptions {
  /** greedy: skip projects that do not fit; greedy-no-skip: stop at the first misfit. */
  readonly variant?: GreedyVariant;
  /** Minimum score to be eligible (pabulib min_project_score_threshold); any variant. */
  readonly threshold?: number;
  /** Projects by precedence on equal score; default: input order. */
  readonly tieOrder?: readonly string[];
  /** Precomputed scores in project input order (e.g. to avoid recounting). */
  readonly scores?: readonly number[];
}

/** Utilitarian greedy: fund projects by score, highest first, while the budget lasts. */
export function greedy(election: BudgetElection, options: GreedyOptions = {}): BudgetResult {
  assertValidElection(election);
  const variant = options.variant ?? 'greedy';
  const threshold = options.threshold ?? (variant === 'greedy-threshold' ? 0 : undefined);
  const scores = options.scores ?? projectScores(election);
  const ranks = tieRanks(election.projects, options.tieOrder);
  const order = election.projects.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || ranks[a] - ranks[b]);
  const eligible = (i: number) => scores[i] > 0 && (threshold === undefined || scores[i] >= threshold);

  const selected: string[] = [];
  const steps: SelectionStep[] = [];
  const rejected: Rejection[] = [];
  const tieBreaks: TieBreak[] = [];
  let remaining = election.budget;
  let spent = 0;
  let stoppedAt: string | undefined;

  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const project = election.projects[i];
    if (k === 0 || scores[order[k - 1]] !== scores[i]) {
      const tie = tieGroup(order, k, scores);
      if (tie.length > 1 && eligible(i) && stoppedAt === undefined) {
        tieBreaks.push({
          step: steps.length + 1,
          projectIds: tie.map((j) => election.projects[j].id),
          chosen: project.id,
          decidedBy: 'tie-order',
          outcomeRelevant: orderMatters(tie.map((j) => election.projects[j].cost), remaining),
        });
      }
    }
    if (scores[i] <= 0) {
      rejected.push({ projectId: project.id, reason: { kind: 'no-support' } });
    } else if (threshold !== undefined && scores[i] < threshold) {
      rejected.push({ projectId: project.id, reason: { kind: 'below-threshold', score: scores[i], threshold } });
    } else if (stoppedAt !== undefined) {
      rejected.push({ projectId: project.id, reason: { kind: 'stopped', remaining, cost: project.cost, stoppedAt } });
    } else if (project.cost > remaining) {
      rejected.push({ projectId: project.id, reason: { kind: 'did-not-fit', remaining, cost: project.cost } });
      if (variant === 'greedy-no-skip') stoppedAt = project.id;
    } else {
      remaining -= project.cost;
      spent += project.cost;
      selected.push(project.id);
      steps.push({ step: steps.length + 1, phase: 'greedy', projectId: project.id, cost: project.cost, score: scores[i], remainingBudget: remaining });
    }
  }
  return {
    rule: variant,
    selected,
    totalCost: spent,
    tieBreaks,
    explanation: { steps, rejected, notes: [] },
  };
}

function tieGroup(order: readonly number[], start: number, scores: readonly number[]): number[] {
  const group = [order[start]];
  for (let k = start + 1; k < order.length && scores[order[k]] === scores[order[start]]; k++) group.push(order[k]);
  return group;
}
