import { ApprovalProfile } from './approval-profile.builder';
import { BudgetSpread, EqualSharesKernel, KernelInput, nearAffordability, RoundPayments } from './equal-shares.kernel';

// Same tolerance as floatArithmetic.compare: values this close count as equal.
const EQUAL = 1e-9;
const CEILING_FACTOR = 3;

/**
 * Float kernel on typed arrays: the same computation as genericKernel with floatArithmetic
 * (checked by equal-shares-float.kernel.spec.ts), without a function call per voter group.
 */
export function floatKernel(input: KernelInput<number>): EqualSharesKernel<number> {
  const { profile, costNumbers } = input;
  const { supporterStart, supporterGroups, votes } = profile;
  const { weight, lowBudget, lowWeight } = scratchFor(profile);
  const level = input.perVoterBudget;
  const budget = new Float64Array(profile.numGroups).fill(level);
  // Rounding dust below this counts as "no money left" in explanations only.
  const dust = EQUAL * Math.max(1, level);

  const kernel = {
    uncertain: false,
    toNumber: (v: number) => v,
    supportersMoney(p: number): number {
      let s = 0;
      for (let j = supporterStart[p]; j < supporterStart[p + 1]; j++) s += budget[supporterGroups[j]] * weight[supporterGroups[j]];
      return s;
    },
    evaluate(p: number) {
      const from = supporterStart[p];
      const to = supporterStart[p + 1];
      const cost = costNumbers[p];
      const k = votes[p];
      const rho0 = cost / k;
      // Later passes only need voters below the final ρ; keep those below a generous
      // ceiling in a compact buffer and fall back to a full pass if ρ rises above it.
      const ceiling = CEILING_FACTOR * rho0;
      let rho = rho0;
      let money = 0;
      let paid = 0;
      let short = 0;
      let n = 0;
      const shortBelow = rho0 - EQUAL * Math.max(1, rho0);
      for (let j = from; j < to; j++) {
        const g = supporterGroups[j];
        const b = budget[g];
        if (b < ceiling) {
          const w = weight[g];
          money += b * w;
          lowBudget[n] = b;
          lowWeight[n++] = w;
          if (b < shortBelow) {
            paid += b * w;
            short += w;
          }
        } else {
          money += b * weight[g];
        }
      }
      if (nearAffordability(money, cost, k, level)) kernel.uncertain = true;
      if (money < cost - EQUAL * Math.max(1, money, cost)) return undefined;
      // Voters short of ρ pay all they have, so ρ rises until the set of short voters is stable.
      while (short > 0 && short < k) {
        rho = (cost - paid) / (k - short);
        const before = short;
        const limit = rho - EQUAL * Math.max(1, rho);
        paid = 0;
        short = 0;
        if (limit < ceiling) {
          for (let i = 0; i < n; i++) {
            if (lowBudget[i] < limit) {
              paid += lowBudget[i] * lowWeight[i];
              short += lowWeight[i];
            }
          }
        } else {
          for (let j = from; j < to; j++) {
            const g = supporterGroups[j];
            if (budget[g] < limit) {
              paid += budget[g] * weight[g];
              short += weight[g];
            }
          }
        }
        if (short === before) break;
      }
      return { rho, eff: cost / rho };
    },
    charge(p: number, rho: number, explain: boolean): RoundPayments<number> | undefined {
      const lower = rho - EQUAL * Math.max(1, rho);
      let fullVoters = 0;
      let partialVoters = 0;
      let partialTotal = 0;
      let nothing = 0;
      for (let j = supporterStart[p]; j < supporterStart[p + 1]; j++) {
        const g = supporterGroups[j];
        const b = budget[g];
        if (explain) {
          if (b <= dust) nothing += weight[g];
          else if (b < lower) {
            partialVoters += weight[g];
            partialTotal += b * weight[g];
          } else fullVoters += weight[g];
        }
        // No tolerance here: a float-only zero could hide money the exact run still has.
        budget[g] = b <= rho ? 0 : b - rho;
      }
      if (!explain) return undefined;
      return { full: { voters: fullVoters, amount: rho }, partial: { voters: partialVoters, total: partialTotal }, nothing };
    },
    spread(): BudgetSpread<number> {
      let min = Infinity;
      let max = 0;
      let total = 0;
      let votersWithMoney = 0;
      for (let g = 0; g < budget.length; g++) {
        const b = budget[g];
        if (b < min) min = b;
        if (b > max) max = b;
        total += b * weight[g];
        if (b > dust) votersWithMoney += weight[g];
      }
      return { min: budget.length ? min : 0, max, total, votersWithMoney };
    },
  };
  return kernel;
}

interface Scratch {
  readonly weight: Float64Array;
  readonly lowBudget: Float64Array;
  readonly lowWeight: Float64Array;
}

// Add1 creates a kernel per run (186 on Warsaw 2026); these arrays depend only on the
// profile, so they are built once. Runs are sequential, so sharing the buffers is safe.
const scratchByProfile = new WeakMap<ApprovalProfile, Scratch>();

function scratchFor(profile: ApprovalProfile): Scratch {
  let scratch = scratchByProfile.get(profile);
  if (!scratch) {
    let most = 0;
    for (let p = 0; p < profile.numProjects; p++) most = Math.max(most, profile.supporterStart[p + 1] - profile.supporterStart[p]);
    scratch = { weight: Float64Array.from(profile.groupWeight), lowBudget: new Float64Array(most), lowWeight: new Float64Array(most) };
    scratchByProfile.set(profile, scratch);
  }
  return scratch;
}
