import { Arithmetic } from './arithmetic.interface';
import { BudgetSpread, EqualSharesKernel, KernelInput, nearAffordability, RoundPayments } from './equal-shares.kernel';

/**
 * Kernel over any Arithmetic (rationals for exact results). The most equal split is the
 * fixed point ρ = (cost − Σ_{b<ρ} b)/|{b ≥ ρ}|, reached from cost/|N_p| in a few passes
 * without sorting the supporters.
 */
export function genericKernel<T>(ar: Arithmetic<T>, input: KernelInput<T>): EqualSharesKernel<T> {
  const { profile, costs, costNumbers } = input;
  const { groupWeight, supporterStart, supporterGroups, votes } = profile;
  const budget: T[] = new Array<T>(profile.numGroups).fill(input.perVoterBudget);
  const weights: T[] = Array.from(groupWeight, (w) => ar.fromInt(w));
  const float = ar.mode === 'float';
  const level = ar.toNumber(input.perVoterBudget);
  // Exact: only zero is empty. Float: rounding dust counts as empty in explanations.
  const empty = (b: T) => (float ? ar.toNumber(b) <= 1e-9 * Math.max(1, level) : ar.compare(b, ar.zero) <= 0);

  const kernel = {
    uncertain: false,
    toNumber: (v: T) => ar.toNumber(v),
    supportersMoney(p: number): T {
      let s = ar.zero;
      for (let j = supporterStart[p]; j < supporterStart[p + 1]; j++) s = ar.add(s, ar.mul(budget[supporterGroups[j]], weights[supporterGroups[j]]));
      return s;
    },
    evaluate(p: number) {
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
        const bw = ar.mul(budget[g], weights[g]);
        money = ar.add(money, bw);
        if (ar.compare(budget[g], rho) < 0) {
          paid = ar.add(paid, bw);
          short += groupWeight[g];
        }
      }
      if (float && nearAffordability(ar.toNumber(money), costNumbers[p], k, level)) kernel.uncertain = true;
      if (ar.compare(money, cost) < 0) return undefined;
      // Voters short of ρ pay all they have, so ρ rises until the set of short voters is stable.
      while (short > 0 && short < k) {
        rho = ar.div(ar.sub(cost, paid), ar.fromInt(k - short));
        const before = short;
        paid = ar.zero;
        short = 0;
        for (let j = from; j < to; j++) {
          const g = supporterGroups[j];
          if (ar.compare(budget[g], rho) < 0) {
            paid = ar.add(paid, ar.mul(budget[g], weights[g]));
            short += groupWeight[g];
          }
        }
        if (short === before) break;
      }
      return { rho, eff: ar.div(cost, rho) };
    },
    charge(p: number, rho: T, explain: boolean): RoundPayments<T> | undefined {
      let fullVoters = 0;
      let partialVoters = 0;
      let partialTotal = ar.zero;
      let nothing = 0;
      for (let j = supporterStart[p]; j < supporterStart[p + 1]; j++) {
        const g = supporterGroups[j];
        const b = budget[g];
        const c = ar.compare(b, rho);
        if (explain) {
          if (empty(b)) nothing += groupWeight[g];
          else if (c < 0) {
            partialVoters += groupWeight[g];
            partialTotal = ar.add(partialTotal, ar.mul(b, weights[g]));
          } else fullVoters += groupWeight[g];
        }
        // At or below ρ the voter pays everything. No tolerance: a float-only zero could hide
        // money the exact run still has.
        const paysAll = float ? ar.toNumber(b) <= ar.toNumber(rho) : c <= 0;
        budget[g] = paysAll ? ar.zero : ar.sub(b, rho);
      }
      if (!explain) return undefined;
      return { full: { voters: fullVoters, amount: rho }, partial: { voters: partialVoters, total: partialTotal }, nothing };
    },
    spread(): BudgetSpread<T> {
      let min = input.perVoterBudget;
      let max = ar.zero;
      let total = ar.zero;
      let votersWithMoney = 0;
      for (let g = 0; g < budget.length; g++) {
        const b = budget[g];
        if (ar.compare(b, min) < 0) min = b;
        if (ar.compare(b, max) > 0) max = b;
        total = ar.add(total, ar.mul(b, weights[g]));
        if (!empty(b)) votersWithMoney += groupWeight[g];
      }
      return { min, max, total, votersWithMoney };
    },
  };
  return kernel;
}
