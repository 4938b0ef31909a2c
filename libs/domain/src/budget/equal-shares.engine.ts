import { ApprovalProfile } from './approval-profile.builder';
import { Arithmetic } from './arithmetic.interface';

/**
 * One run of the Method of Equal Shares (approval ballots, cost utilities).
 *
 * Why voter classes: a voter's remaining budget depends only on which of the
 * already funded projects she approves, so voters split into few classes of equal
 * budget. Each project keeps the number of its supporters per class; the most equal
 * split then sorts a handful of classes instead of thousands of voters, which is
 * what makes exact (BigInt) arithmetic affordable on Warsaw-sized elections.
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
}

interface Evaluation<T> {
  rho: T;
  eff: T;
}

export function runEqualShares<T>(input: EqualSharesRunInput<T>): EqualSharesRun<T> {
  const { profile, ar, costs, costNumbers, ranks, explain = false } = input;
  const P = profile.numProjects;
  const { groupStart, groupItems, groupWeight, supporterStart, supporterGroups, votes } = profile;

  let capacity = 64;
  let count = new Int32Array(capacity * P);
  const classBudget: T[] = [input.perVoterBudget];
  const classWeight: number[] = [profile.numVoters];
  let numClasses = 1;
  const groupClass = new Int32Array(profile.numGroups);
  const projectClasses: number[][] = [];
  const candidate = new Uint8Array(P);
  const bound = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    count[p] = votes[p];
    projectClasses.push(votes[p] > 0 ? [0] : []);
    candidate[p] = votes[p] > 0 ? 1 : 0;
    // eff = cost/ρ ≤ votes, and it only falls as budgets shrink: a safe upper bound.
    bound[p] = votes[p];
  }

  const selected: number[] = [];
  const ties: EqualSharesTie[] = [];
  const rounds: EqualSharesRound<T>[] = [];
  const drops = new Map<number, EqualSharesDrop<T>>();
  const lastSeen = new Map<number, { round: number; eff: T }>();
  let totalCost = 0;
  let splitTarget = new Int32Array(capacity).fill(-1);
  const order: number[] = [];

  const evaluate = (p: number): Evaluation<T> | undefined => {
    const list = projectClasses[p];
    let w = 0;
    for (let k = 0; k < list.length; k++) if (count[list[k] * P + p] > 0) list[w++] = list[k];
    list.length = w;
    if (w > 1) list.sort((a, b) => ar.compare(classBudget[a], classBudget[b]));
    let need = costs[p];
    let k = votes[p];
    for (let j = 0; j < list.length; j++) {
      const c = list[j];
      const n = count[c * P + p];
      const b = classBudget[c];
      if (ar.compare(need, ar.mul(b, ar.fromInt(k))) > 0) {
        need = ar.sub(need, ar.mul(b, ar.fromInt(n)));
        k -= n;
      } else {
        const rho = ar.div(need, ar.fromInt(k));
        return { rho, eff: ar.div(costs[p], rho) };
      }
    }
    return undefined;
  };

  const supportersMoney = (p: number): T => {
    let s = ar.zero;
    for (const c of projectClasses[p]) s = ar.add(s, ar.mul(classBudget[c], ar.fromInt(count[c * P + p])));
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
      // Conservative margin: skipping is only a speed-up and must never hide a tie.
      if (!explain && best >= 0 && bound[p] < bestNum * (1 - 1e-7)) break;
      const e = evaluate(p);
      if (!e) {
        candidate[p] = 0;
        const seen = lastSeen.get(p);
        if (explain) drops.set(p, seen ? dropOutbid(seen, selected, rounds) : { kind: 'unaffordable', supportersMoney: supportersMoney(p) });
        continue;
      }
      bound[p] = ar.toNumber(e.eff) * (1 + 1e-9);
      evaluated.push({ p, e });
      if (best < 0 || better(p, e.eff, best, bestEval!.eff)) {
        best = p;
        bestEval = e;
        bestNum = ar.toNumber(e.eff);
      }
    }
    if (best < 0) break;
    const winnerEff = bestEval!.eff;
    const rivals = evaluated.filter((x) => x.p !== best && ar.compare(x.e.eff, winnerEff) === 0).map((x) => x.p);
    if (rivals.length > 0) ties.push(describeTie(round, best, rivals, costNumbers, votes));
    if (explain) for (const x of evaluated) if (x.p !== best) lastSeen.set(x.p, { round, eff: x.e.eff });

    // Charge the winner's supporters: min(b_i, ρ), class by class.
    const s = best;
    const rho = bestEval!.rho;
    const payments: { amount: T; voters: number }[] = [];
    for (const c of projectClasses[s]) {
      const n = count[c * P + s];
      if (n === 0) continue;
      const pay = ar.min(classBudget[c], rho);
      if (explain) addPayment(ar, payments, pay, n);
      const after = ar.sub(classBudget[c], pay);
      if (n === classWeight[c]) {
        classBudget[c] = after;
      } else {
        if (numClasses === capacity) {
          capacity *= 2;
          const grown = new Int32Array(capacity * P);
          grown.set(count);
          count = grown;
          const targets = new Int32Array(capacity).fill(-1);
          targets.set(splitTarget.subarray(0, numClasses));
          splitTarget = targets;
        }
        const fresh = numClasses++;
        classBudget.push(after);
        classWeight.push(0);
        splitTarget[c] = fresh;
      }
    }
    for (let j = supporterStart[s]; j < supporterStart[s + 1]; j++) {
      const g = supporterGroups[j];
      const c = groupClass[g];
      const to = splitTarget[c];
      if (to < 0) continue;
      const w = groupWeight[g];
      groupClass[g] = to;
      classWeight[c] -= w;
      classWeight[to] += w;
      const fromRow = c * P;
      const toRow = to * P;
      for (let k = groupStart[g]; k < groupStart[g + 1]; k++) {
        const q = groupItems[k];
        count[fromRow + q] -= w;
        if (count[toRow + q] === 0) projectClasses[q].push(to);
        count[toRow + q] += w;
      }
    }
    for (const c of projectClasses[s]) splitTarget[c] = -1;
    candidate[s] = 0;
    selected.push(s);
    totalCost += costNumbers[s];
    if (explain) rounds.push({ project: s, rho, effectiveSupport: winnerEff, payments, remaining: summarise(ar, classBudget, classWeight, numClasses) });
  }
  return { selected, totalCost, ties, rounds, drops };
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

function summarise<T>(ar: Arithmetic<T>, budgets: readonly T[], weights: readonly number[], n: number) {
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
