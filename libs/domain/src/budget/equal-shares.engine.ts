import { ApprovalProfile } from './approval-profile.builder';
import { Arithmetic } from './arithmetic.interface';

/**
 * One run of the Method of Equal Shares (approval ballots, cost utilities), over groups
 * of identical ballots. Budgets live per group; the most equal split is found without
 * sorting, by the fixed point ρ = (cost − Σ_{b<ρ} b)/|{b ≥ ρ}|, which needs 2–4 passes.
 *
 * In float mode the run also reports whether any discontinuous decision (winner by
 * effective support, affordability) was within a relative 1e-7: only then can rounding
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
}

export interface EqualSharesRound<T> {
  readonly project: number;
  readonly rho: T;
  readonly effectiveSupport: T;
  readonly payments: readonly { amount: T; voters: number }[];
  readonly remaining: { min: T; max: T; total: T; votersWithMoney: number };
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

/** Relative distance below which a float decision is not trusted. */
const UNCERTAIN = 1e-7;
/** Upper bounds are only used to skip work, so they get a wider margin than UNCERTAIN. */
const SKIP_MARGIN = 1e-6;

export function runEqualShares<T>(input: EqualSharesRunInput<T>): EqualSharesRun<T> {
  const { profile, ar, costs, costNumbers, ranks, explain = false } = input;
  const P = profile.numProjects;
  const G = profile.numGroups;
  const { groupWeight, supporterStart, supporterGroups, votes } = profile;
  const float = ar.mode === 'float';

  const budget: T[] = new Array<T>(G).fill(input.perVoterBudget);
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
  let uncertain = false;
  const order: number[] = [];

  const near = (a: number, b: number) => Math.abs(a - b) <= UNCERTAIN * Math.max(Math.abs(a), Math.abs(b));

  const evaluate = (p: number): Evaluation<T> | undefined => {
    const from = supporterStart[p];
    const to = supporterStart[p + 1];
    const cost = costs[p];
    const k = votes[p];
    let rho = ar.div(cost, ar.fromInt(k));
    let money = ar.zero;
    let paid = ar.zero;
    let short = 0;
    for (let j = from; j < to; j++) {
      const g = supporterGroups[j];
      const b = budget[g];
      const bw = ar.mul(b, ar.fromInt(groupWeight[g]));
      money = ar.add(money, bw);
      if (ar.compare(b, rho) < 0) {
        paid = ar.add(paid, bw);
        short += groupWeight[g];
      }
    }
    if (float && near(ar.toNumber(money), costNumbers[p])) uncertain = true;
    if (ar.compare(money, cost) < 0) return undefined;
    // Voters short of ρ pay all they have, so ρ rises until the set of short voters is stable.
    while (short > 0 && short < k) {
      rho = ar.div(ar.sub(cost, paid), ar.fromInt(k - short));
      const before = short;
      paid = ar.zero;
      short = 0;
      for (let j = from; j < to; j++) {
        const g = supporterGroups[j];
        const b = budget[g];
        if (ar.compare(b, rho) < 0) {
          paid = ar.add(paid, ar.mul(b, ar.fromInt(groupWeight[g])));
          short += groupWeight[g];
        }
      }
      if (short === before) break;
    }
    return { rho, eff: ar.div(cost, rho) };
  };

  const supportersMoney = (p: number): T => {
    let s = ar.zero;
    for (let j = supporterStart[p]; j < supporterStart[p + 1]; j++) {
      const g = supporterGroups[j];
      s = ar.add(s, ar.mul(budget[g], ar.fromInt(groupWeight[g])));
    }
    return s;
  };

  // Higher effective support wins; then lower cost, more votes, the fixed tie order.
  const better = (p: number, ep: T, q: number, eq: T): boolean => {
    const c = ar.compare(ep, eq);
    if (c !== 0) return c > 0;
    if (costNumbers[p] !== costNumbers[q]) return costNumbers[p] < costNumbers[q];
    if (votes[p] !== votes[q]) return votes[p] > votes[q];
    return ranks[p] < ranks[q];
  };

  for (let round = 1; ; round++) {
    order.length = 0;
    for (let p = 0; p < P; p++) if (candidate[p]) order.push(p);
    if (order.length === 0) break;
    order.sort((a, b) => bound[b] - bound[a]);
    let best = -1;
    let bestEval: Evaluation<T> | undefined;
    let bestNum = 0;
    const evaluated: { p: number; e: Evaluation<T> }[] = [];
    for (const p of order) {
      if (!explain && best >= 0 && bound[p] < bestNum * (1 - SKIP_MARGIN)) break;
      const e = evaluate(p);
      if (!e) {
        candidate[p] = 0;
        const seen = lastSeen.get(p);
        if (explain) drops.set(p, seen ? dropOutbid(seen, selected, rounds) : { kind: 'unaffordable', supportersMoney: supportersMoney(p) });
        continue;
      }
      bound[p] = ar.toNumber(e.eff) * (1 + SKIP_MARGIN);
      evaluated.push({ p, e });
      if (best < 0 || better(p, e.eff, best, bestEval!.eff)) {
        best = p;
        bestEval = e;
        bestNum = ar.toNumber(e.eff);
      }
    }
    if (best < 0) break;
    const winnerEff = bestEval!.eff;
    if (float) for (const x of evaluated) if (x.p !== best && near(ar.toNumber(x.e.eff), bestNum)) uncertain = true;
    const rivals = evaluated.filter((x) => x.p !== best && ar.compare(x.e.eff, winnerEff) === 0).map((x) => x.p);
    if (rivals.length > 0) ties.push(describeTie(round, best, rivals, costNumbers, votes));
    if (explain) for (const x of evaluated) if (x.p !== best) lastSeen.set(x.p, { round, eff: x.e.eff });

    // Charge the winner's supporters min(b_i, ρ).
    const s = best;
    const rho = bestEval!.rho;
    const payments: { amount: T; voters: number }[] = [];
    for (let j = supporterStart[s]; j < supporterStart[s + 1]; j++) {
      const g = supporterGroups[j];
      const b = budget[g];
      const pay = ar.min(b, rho);
      if (explain) addPayment(ar, payments, pay, groupWeight[g]);
      // Snap float dust to zero so exhausted voters look exhausted in both modes.
      budget[g] = ar.compare(b, rho) <= 0 ? ar.zero : ar.sub(b, pay);
    }
    candidate[s] = 0;
    selected.push(s);
    totalCost += costNumbers[s];
    if (explain) rounds.push({ project: s, rho, effectiveSupport: winnerEff, payments, remaining: summarise(ar, budget, groupWeight) });
  }
  return { selected, totalCost, ties, rounds, drops, uncertain };
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

function addPayment<T>(ar: Arithmetic<T>, payments: { amount: T; voters: number }[], amount: T, voters: number): void {
  const same = payments.find((x) => ar.compare(x.amount, amount) === 0);
  if (same) same.voters += voters;
  else payments.push({ amount, voters });
}

function summarise<T>(ar: Arithmetic<T>, budgets: readonly T[], weights: Int32Array) {
  const n = budgets.length;
  let min: T | undefined;
  let max: T | undefined;
  let total = ar.zero;
  let votersWithMoney = 0;
  for (let c = 0; c < n; c++) {
    if (weights[c] === 0) continue;
    const b = budgets[c];
    if (min === undefined || ar.compare(b, min) < 0) min = b;
    if (max === undefined || ar.compare(b, max) > 0) max = b;
    total = ar.add(total, ar.mul(b, ar.fromInt(weights[c])));
    if (ar.compare(b, ar.zero) > 0) votersWithMoney += weights[c];
  }
  return { min: min ?? ar.zero, max: max ?? ar.zero, total, votersWithMoney };
}
