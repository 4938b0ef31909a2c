import { ApprovalProfile } from './approval-profile.builder';
import { Arithmetic } from './arithmetic.interface';
import { EqualSharesRun, runEqualShares } from './equal-shares.engine';

export interface AddOneInput<T> {
  readonly profile: ApprovalProfile;
  readonly ar: Arithmetic<T>;
  readonly costs: readonly T[];
  readonly costNumbers: readonly number[];
  readonly ranks: Int32Array;
  readonly budget: T;
  readonly budgetNumber: number;
  readonly start: T;
  readonly increment: number;
  readonly exhaustiveStop: boolean;
  readonly maxRuns: number;
}

export interface AddOneOutcome<T> {
  readonly run: EqualSharesRun<T>;
  readonly initial: T;
  readonly final: T;
  readonly runs: number;
}

/**
 * Add1 (equalshares.net): rerun MES with the per-voter budget raised by `increment`
 * while the outcome still fits the real budget; keep the last outcome that fit.
 * Runs are sequential by definition: a larger per-voter budget can fit again after
 * one that did not, so no bisection.
 */
export function addOneCompletion<T>(input: AddOneInput<T>): AddOneOutcome<T> {
  const { profile, ar, costs, costNumbers, ranks, increment } = input;
  const run = (perVoterBudget: T) => runEqualShares({ profile, ar, costs, costNumbers, ranks, perVoterBudget });
  let level = input.start;
  let accepted = run(level);
  let acceptedLevel = level;
  let runs = 1;
  const step = ar.fromInt(increment);
  while (increment > 0 && runs < input.maxRuns) {
    if (accepted.selected.length === countSupported(profile)) break;
    if (input.exhaustiveStop && !anyFits(accepted, profile, costNumbers, input.budgetNumber)) break;
    level = ar.add(level, step);
    const next = run(level);
    runs++;
    if (next.totalCost > input.budgetNumber) break;
    accepted = next;
    acceptedLevel = level;
  }
  return { run: accepted, initial: input.start, final: acceptedLevel, runs };
}

function countSupported(profile: ApprovalProfile): number {
  let n = 0;
  for (let p = 0; p < profile.numProjects; p++) if (profile.votes[p] > 0) n++;
  return n;
}

function anyFits(run: EqualSharesRun<unknown>, profile: ApprovalProfile, costs: readonly number[], budget: number): boolean {
  const left = budget - run.totalCost;
  const chosen = new Set(run.selected);
  for (let p = 0; p < profile.numProjects; p++) if (!chosen.has(p) && profile.votes[p] > 0 && costs[p] <= left) return true;
  return false;
}
