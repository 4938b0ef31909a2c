/** What Add1 needs to know of one MES run. */
export interface LevelRun {
  readonly selected: readonly number[];
  readonly totalCost: number;
}

export interface AddOneInput<R extends LevelRun> {
  /** MES with per-voter budget start + level × increment. */
  readonly runAt: (level: number) => R;
  readonly budget: number;
  readonly costs: readonly number[];
  readonly votes: ArrayLike<number>;
  /** 0 disables the completion: one plain MES run. */
  readonly increment: number;
  readonly exhaustiveStop: boolean;
  readonly maxRuns: number;
}

export interface AddOneOutcome<R> {
  readonly run: R;
  /** Accepted level: the final per-voter budget is start + level × increment. */
  readonly level: number;
  readonly runs: number;
}

/**
 * Add1 (equalshares.net): rerun MES with the per-voter budget raised by one increment
 * while the outcome still fits the real budget; keep the last outcome that fit.
 * Runs are sequential by definition: a larger per-voter budget can fit again after
 * one that did not, so the levels are not bisected.
 */
export function addOneCompletion<R extends LevelRun>(input: AddOneInput<R>): AddOneOutcome<R> {
  let accepted = input.runAt(0);
  let level = 0;
  let runs = 1;
  const supported = countSupported(input.votes);
  while (input.increment > 0 && runs < input.maxRuns) {
    if (accepted.selected.length === supported) break;
    if (input.exhaustiveStop && !anyFits(accepted, input)) break;
    const next = input.runAt(level + 1);
    runs++;
    if (next.totalCost > input.budget) break;
    accepted = next;
    level++;
  }
  return { run: accepted, level, runs };
}

function countSupported(votes: ArrayLike<number>): number {
  let n = 0;
  for (let p = 0; p < votes.length; p++) if (votes[p] > 0) n++;
  return n;
}

function anyFits(run: LevelRun, input: AddOneInput<LevelRun>): boolean {
  const left = input.budget - run.totalCost;
  const chosen = new Set(run.selected);
  for (let p = 0; p < input.costs.length; p++) if (!chosen.has(p) && input.votes[p] > 0 && input.costs[p] <= left) return true;
  return false;
}
