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

/** Relative distance below which a float decision is not trusted. */
export const UNCERTAIN_MARGIN = 1e-7;
