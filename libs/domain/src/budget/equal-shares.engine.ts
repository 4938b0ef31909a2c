import { ApprovalProfile } from './approval-profile.builder';
import { Arithmetic } from './arithmetic.interface';
import { BudgetSpread, DUST_PER_VOTER, EqualSharesKernel, RoundPayments, UNCERTAIN_MARGIN } from './equal-shares.kernel';
import { floatKernel } from './equal-shares-float.kernel';
import { genericKernel } from './equal-shares-generic.kernel';

/**
 * One run of the Method of Equal Shares (approval ballots, cost utilities), over groups
 * of identical ballots; the numeric work is done by a kernel (equal-shares.kernel.ts).
 *
 * In float mode the run also reports whether any discontinuous decision (winner by
 * effective support, affordability) was within the margins of equal-shares.kernel.ts: only then can rounding
 * change the outcome, and exact mode recomputes that run with rationals.
 */
export interface EqualSharesRunInput<T> {
  readonly profile: ApprovalProfile;
  readonly ar: Arithmetic<T>;
  readonly costs: readonly T[];
  readonly costNumbers: readonly number[];
  /** Tie rank per project (lower wins), fixed before counting. */
  readonly ranks: Int32Array;
  readonly perVoterBudget: T;
  /** Evaluate every project every round and record the trace (slower). */
  readonly explain?: boolean;
  /** Use the generic kernel even for floats (to check the typed-array kernel against it). */
  readonly genericFloat?: boolean;
}

export interface EqualSharesRound<T> {
  readonly project: number;
  readonly rho: T;
  readonly effectiveSupport: T;
  readonly payments: RoundPayments<T>;
  readonly remaining: BudgetSpread<T>;
}

export interface EqualSharesTie {
  readonly round: number;
  readonly projects: readonly number[];
  readonly chosen: number;
  readonly decidedBy: 'cost' | 'votes' | 'tie-order';
}

export type EqualSharesDrop<T> =
  | { readonly kind: 'outbid'; readonly round: number; readonly winner: number; readonly effectiveSupport: T; readonly winnerSupport: T }
  | { readonly kind: 'unaffordable'; readonly supportersMoney: T };

export interface EqualSharesRun<T> {
  readonly selected: readonly number[];
  readonly totalCost: number;
  readonly ties: readonly EqualSharesTie[];
  /** Only with `explain`. */
  readonly rounds: readonly EqualSharesRound<T>[];
  readonly drops: ReadonlyMap<number, EqualSharesDrop<T>>;
  /** Float mode: a decision was too close to trust; rerun exactly. */
  readonly uncertain: boolean;
}

interface Evaluation<T> {
  rho: T;
  eff: T;
}

/** Upper bounds are only used to skip work, so they get a wider margin than UNCERTAIN_MARGIN. */
const SKIP_MARGIN = 1e-6;

export function runEqualShares<T>(input: EqualSharesRunInput<T>): EqualSharesRun<T> {
  const { profile, ar, costs, costNumbers, ranks, explain = false } = input;
  const P = profile.numProjects;
  const { votes } = profile;
  const float = ar.mode === 'float';
  const level = ar.toNumber(input.perVoterBudget);
  const kernel: EqualSharesKernel<T> =
    float && !input.genericFloat
      ? (floatKernel({ profile, costs: costNumbers, costNumbers, perVoterBudget: ar.toNumber(input.perVoterBudget) }) as unknown as EqualSharesKernel<T>)
      : genericKernel(ar, { profile, costs, costNumbers, perVoterBudget: input.perVoterBudget });

  const candidate = new Uint8Array(P);
  // eff = cost/ρ ≤ votes, and it only falls as budgets shrink: a safe upper bound.
  const bound = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    candidate[p] = votes[p] > 0 ? 1 : 0;
    bound[p] = votes[p];
  }
  const selected: number[] = [];
  const ties: EqualSharesTie[] = [];
  const rounds: EqualSharesRound<T>[] = [];
  const drops = new Map<number, EqualSharesDrop<T>>();
  const lastSeen = new Map<number, { round: number; eff: T }>();
  let totalCost = 0;
  let closeCall = false;
  const order: number[] = [];

  // Higher effective support wins; then lower cost, more votes, the fixed tie order.
  const better = (p: number, ep: T, q: number, eq: T): boolean => {
    const c = ar.compare(ep, eq);
    if (c !== 0) return c > 0;
    if (costNumbers[p] !== costNumbers[q]) return costNumbers[p] < costNumbers[q];
    if (votes[p] !== votes[q]) return votes[p] > votes[q];
    return ranks[p] < ranks[q];
  };

  // Free projects (pabutools adds them directly): funded first, in tie order, nobody pays.
  const free = [...Array(P).keys()].filter((p) => candidate[p] && costNumbers[p] === 0).sort((a, b) => ranks[a] - ranks[b]);
  for (const p of free) {
    candidate[p] = 0;
    selected.push(p);
    if (explain) rounds.push({ project: p, rho: ar.zero, effectiveSupport: ar.fromInt(votes[p]), payments: kernel.charge(p, ar.zero, true)!, remaining: kernel.spread() });
  }
  for (let p = 0; p < P; p++) if (candidate[p]) order.push(p);
  order.sort((a, b) => bound[b] - bound[a]);
  for (;;) {
    // Rounds are numbered like the steps of the trace (free projects count as steps).
    const round = selected.length + 1;
    // Only the few projects evaluated last round have new bounds: insertion sort is linear here.
    let live = 0;
    for (let i = 0; i < order.length; i++) if (candidate[order[i]]) order[live++] = order[i];
    order.length = live;
    if (live === 0) break;
    for (let i = 1; i < live; i++) {
      const p = order[i];
      let j = i - 1;
      while (j >= 0 && bound[order[j]] < bound[p]) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = p;
    }
    let best = -1;
    let bestEval: Evaluation<T> | undefined;
    let bestNum = 0;
    let skipBelow = 0;
    const evaluated: { p: number; e: Evaluation<T> }[] = [];
    for (const p of order) {
      if (!explain && best >= 0 && bound[p] < skipBelow) break;
      const e = kernel.evaluate(p);
      if (!e) {
        candidate[p] = 0;
        const seen = lastSeen.get(p);
        if (explain) drops.set(p, seen ? dropOutbid(seen, selected, rounds) : { kind: 'unaffordable', supportersMoney: kernel.supportersMoney(p) });
        continue;
      }
      bound[p] = ar.toNumber(e.eff) * (1 + SKIP_MARGIN);
      evaluated.push({ p, e });
      if (best < 0 || better(p, e.eff, best, bestEval!.eff)) {
        best = p;
        bestEval = e;
        bestNum = ar.toNumber(e.eff);
        // Wider than the certification margin, so a skipped project is never a close call.
        skipBelow = bestNum * (1 - SKIP_MARGIN - (10 * DUST_PER_VOTER * level) / ar.toNumber(e.rho));
      }
    }
    if (best < 0) break;
    const winnerEff = bestEval!.eff;
    if (float) {
      // Dust of ~1e-11 × L per voter moves ρ by at most that much: relative 1e-11 × L / ρ.
      const margin = (UNCERTAIN_MARGIN + (DUST_PER_VOTER * level) / ar.toNumber(bestEval!.rho)) * bestNum;
      for (const x of evaluated) {
        if (x.p !== best && Math.abs(ar.toNumber(x.e.eff) - bestNum) <= margin) closeCall = true;
      }
    }
    const rivals = evaluated.filter((x) => x.p !== best && ar.compare(x.e.eff, winnerEff) === 0).map((x) => x.p);
    if (rivals.length > 0) ties.push(describeTie(round, best, rivals, costNumbers, votes));
    if (explain) for (const x of evaluated) if (x.p !== best) lastSeen.set(x.p, { round, eff: x.e.eff });

    const payments = kernel.charge(best, bestEval!.rho, explain);
    candidate[best] = 0;
    selected.push(best);
    totalCost += costNumbers[best];
    if (explain) rounds.push({ project: best, rho: bestEval!.rho, effectiveSupport: winnerEff, payments: payments!, remaining: kernel.spread() });
  }
  return { selected, totalCost, ties, rounds, drops, uncertain: closeCall || kernel.uncertain };
}

function dropOutbid<T>(
  seen: { round: number; eff: T },
  selected: readonly number[],
  rounds: readonly EqualSharesRound<T>[],
): EqualSharesDrop<T> {
  const winnerRound = rounds[seen.round - 1];
  return { kind: 'outbid', round: seen.round, winner: selected[seen.round - 1], effectiveSupport: seen.eff, winnerSupport: winnerRound.effectiveSupport };
}

function describeTie(round: number, chosen: number, rivals: number[], costs: readonly number[], votes: Int32Array): EqualSharesTie {
  const sameCost = rivals.filter((q) => costs[q] === costs[chosen]);
  const sameVotes = sameCost.filter((q) => votes[q] === votes[chosen]);
  const decidedBy = sameVotes.length > 0 ? 'tie-order' : sameCost.length > 0 ? 'votes' : 'cost';
  return { round, projects: [chosen, ...rivals], chosen, decidedBy };
}
