import { ApprovalProfile } from './approval-profile.builder';

/** What the supporters of the funded project paid in one round. */
export interface RoundPayments<T> {
  /** Supporters who paid the full share ρ. */
  readonly full: { readonly voters: number; readonly amount: T };
  /** Supporters who had less than ρ and paid all they had. */
  readonly partial: { readonly voters: number; readonly total: T };
  /** Supporters with no money left. */
  readonly nothing: number;
}

export interface BudgetSpread<T> {
  readonly min: T;
  readonly max: T;
  readonly total: T;
  readonly votersWithMoney: number;
}

/**
 * The numeric core of one MES run: voter budgets, the most equal split of a project's
 * cost, and charging. Kept apart from the round logic so floats can use typed arrays
 * while exact mode uses rationals, with the same selection and tie rules on top.
 */
export interface EqualSharesKernel<T> {
  /** ρ and effective support cost/ρ, or undefined when the supporters cannot pay. */
  evaluate(p: number): { rho: T; eff: T } | undefined;
  supportersMoney(p: number): T;
  charge(p: number, rho: T, explain: boolean): RoundPayments<T> | undefined;
  spread(): BudgetSpread<T>;
  /** Float kernels: some decision was within a relative 1e-7 and is not to be trusted. */
  readonly uncertain: boolean;
  toNumber(v: T): number;
}

export interface KernelInput<T> {
  readonly profile: ApprovalProfile;
  readonly costs: readonly T[];
  readonly costNumbers: readonly number[];
  readonly perVoterBudget: T;
}

/**
 * Float decisions closer than this are not trusted. Rounding leaves at most ~1e-13 × L of
 * dust per voter (L = per-voter budget) and ~1e-12 relative error in sums, so a decision is
 * trusted only beyond a relative 1e-7 plus an absolute allowance of 1e-11 × L per voter involved.
 */
export const UNCERTAIN_MARGIN = 1e-7;
export const DUST_PER_VOTER = 1e-11;

/** Whether float `money` vs `cost` (k supporters, per-voter budget level) is too close to call. */
export function nearAffordability(money: number, cost: number, k: number, level: number): boolean {
  return Math.abs(money - cost) <= UNCERTAIN_MARGIN * Math.max(money, cost) + DUST_PER_VOTER * k * level;
}
