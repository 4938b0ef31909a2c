import { ApprovalProfile, buildApprovalProfile } from './approval-profile.builder';
import { Arithmetic } from './arithmetic.interface';
import { BudgetResult, TieBreak } from './budget-result.model';
import { BudgetElection } from './election.model';
import { assertValidElection } from './election.validator';
import { exactArithmetic } from './exact.arithmetic';
import { Rejection, SelectionStep } from './explanation.model';
import { floatArithmetic } from './float.arithmetic';
import { tieRanks } from './tie-order.util';
import { utilitarianCompletion } from './utilitarian.completion';

export interface PhragmenOptions {
  /** stop (pabutools): end at the first project that no longer fits; skip: drop it and go on. */
  readonly variant?: 'stop' | 'skip';
  /** Afterwards fund remaining projects by votes while they fit. Default false. */
  readonly greedyCompletion?: boolean;
  readonly tieOrder?: readonly string[];
  /** Default exact (rationals); one run only, so no float filter is needed. */
  readonly mode?: 'exact' | 'float';
}

/**
 * Phragmén's sequential rule: voters earn money continuously; a project is bought as soon
 * as its supporters together hold its cost, i.e. the one with the smallest
 * t(p) = (cost + Σ loads of its supporters) / |supporters|; its supporters' loads become t(p).
 */
export function phragmen(election: BudgetElection, options: PhragmenOptions = {}, profile?: ApprovalProfile): BudgetResult {
  assertValidElection(election);
  if (election.ballotType !== 'approval' && election.ballotType !== 'choose-1') {
    throw new Error(`Phragmén supports approval ballots, not ${election.ballotType}`);
  }
  const prof = profile ?? buildApprovalProfile(election);
  return options.mode === 'float' ? phragmenWith(floatArithmetic, election, options, prof) : phragmenWith(exactArithmetic, election, options, prof);
}

function phragmenWith<T>(ar: Arithmetic<T>, election: BudgetElection, options: PhragmenOptions, profile: ApprovalProfile): BudgetResult {
  const ids = election.projects.map((p) => p.id);
  const costs = election.projects.map((p) => p.cost);
  const ranks = tieRanks(election.projects, options.tieOrder);
  const { groupStart, groupItems, groupWeight, supporterStart, supporterGroups, votes } = profile;
  const P = profile.numProjects;
  const load: T[] = new Array<T>(profile.numGroups).fill(ar.zero);
  const loadSum: T[] = new Array<T>(P).fill(ar.zero);
  const open = new Uint8Array(P);
  const rejected: Rejection[] = [];
  for (let p = 0; p < P; p++) {
    if (votes[p] === 0) rejected.push({ projectId: ids[p], reason: { kind: 'no-support' } });
    else if (costs[p] > election.budget) rejected.push({ projectId: ids[p], reason: { kind: 'did-not-fit', remaining: election.budget, cost: costs[p] } });
    else open[p] = 1;
  }
  const chosen: number[] = [];
  const steps: SelectionStep[] = [];
  const tieBreaks: TieBreak[] = [];
  let spent = 0;
  for (;;) {
    let best = -1;
    let bestT = ar.zero;
    for (let p = 0; p < P; p++) {
      if (!open[p]) continue;
      const t = ar.div(ar.add(ar.fromInt(costs[p]), loadSum[p]), ar.fromInt(votes[p]));
      const c = best < 0 ? -1 : ar.compare(t, bestT);
      if (c < 0 || (c === 0 && ranks[p] < ranks[best])) {
        best = p;
        bestT = t;
      }
    }
    if (best < 0) break;
    const rivals: number[] = [];
    for (let p = 0; p < P; p++) {
      if (open[p] && p !== best && ar.compare(ar.div(ar.add(ar.fromInt(costs[p]), loadSum[p]), ar.fromInt(votes[p])), bestT) === 0) rivals.push(p);
    }
    if (rivals.length > 0) {
      tieBreaks.push({ step: chosen.length + 1, projectIds: [ids[best], ...rivals.map((p) => ids[p])], chosen: ids[best], decidedBy: 'tie-order', outcomeRelevant: true });
    }
    open[best] = 0;
    if (spent + costs[best] > election.budget) {
      const remaining = election.budget - spent;
      rejected.push({ projectId: ids[best], reason: { kind: 'did-not-fit', remaining, cost: costs[best] } });
      if (options.variant === 'skip') continue;
      for (let p = 0; p < P; p++) {
        if (open[p]) rejected.push({ projectId: ids[p], reason: { kind: 'stopped', remaining, cost: costs[p], stoppedAt: ids[best] } });
        open[p] = 0;
      }
      break;
    }
    // Supporters' loads rise to t; every project they approve carries the increase.
    for (let j = supporterStart[best]; j < supporterStart[best + 1]; j++) {
      const g = supporterGroups[j];
      const delta = ar.mul(ar.sub(bestT, load[g]), ar.fromInt(groupWeight[g]));
      load[g] = bestT;
      for (let k = groupStart[g]; k < groupStart[g + 1]; k++) loadSum[groupItems[k]] = ar.add(loadSum[groupItems[k]], delta);
    }
    chosen.push(best);
    spent += costs[best];
    steps.push({ step: chosen.length, phase: 'phragmen', projectId: ids[best], cost: costs[best], score: votes[best], remainingBudget: election.budget - spent, perVoterPayment: ar.toNumber(bestT) });
  }
  if (options.greedyCompletion) {
    const extra = utilitarianCompletion(chosen, votes, costs, ranks, election.budget, ids, chosen.length + 1);
    tieBreaks.push(...extra.tieBreaks);
    const added = new Set(extra.added.map((p) => ids[p]));
    for (const p of extra.added) {
      chosen.push(p);
      spent += costs[p];
      steps.push({ step: chosen.length, phase: 'greedy-completion', projectId: ids[p], cost: costs[p], score: votes[p], remainingBudget: election.budget - spent });
    }
    for (let k = rejected.length - 1; k >= 0; k--) if (added.has(rejected[k].projectId)) rejected.splice(k, 1);
  }
  return {
    rule: `phragmen-${options.variant ?? 'stop'}${options.greedyCompletion ? '+greedy' : ''}`,
    selected: chosen.map((p) => ids[p]),
    totalCost: spent,
    tieBreaks,
    explanation: { steps, rejected, notes: [] },
  };
}
