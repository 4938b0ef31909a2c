/** Explanations are data; explanation.formatter.ts turns them into German or English text. */

/** How the supporters of a funded project paid for it. */
export interface PaymentSplit {
  /** Supporters who paid the full share ρ each. */
  readonly fullShare: { readonly voters: number; readonly each: number };
  /** Supporters who had less than ρ left and paid all of it. */
  readonly allTheyHad: { readonly voters: number; readonly total: number };
  /** Supporters whose money had already run out. */
  readonly nothingLeft: number;
}

export interface BudgetSummary {
  readonly min: number;
  readonly max: number;
  readonly total: number;
  /** Voters who still hold money (> 0). */
  readonly votersWithMoney: number;
}

export type SelectionPhase = 'greedy' | 'equal-shares' | 'utilitarian-completion' | 'phragmen' | 'greedy-completion';

export interface SelectionStep {
  readonly step: number;
  readonly phase: SelectionPhase;
  readonly projectId: string;
  readonly cost: number;
  /** Greedy: votes or points. Equal Shares/Phragmén: raw number of approvers. */
  readonly score: number;
  /** Real budget left after this step. */
  readonly remainingBudget: number;
  /** Equal Shares: ρ, the most any supporter paid. Phragmén: the load each supporter reached. */
  readonly perVoterPayment?: number;
  /** Equal Shares: cost / ρ, equals the votes when no supporter ran short. */
  readonly effectiveSupport?: number;
  readonly payments?: PaymentSplit;
  readonly remainingVoterBudgets?: BudgetSummary;
}

export type RejectionReason =
  | { readonly kind: 'no-support' }
  | { readonly kind: 'below-threshold'; readonly score: number; readonly threshold: number }
  | { readonly kind: 'did-not-fit'; readonly remaining: number; readonly cost: number }
  | { readonly kind: 'stopped'; readonly remaining: number; readonly cost: number; readonly stoppedAt: string }
  /**
   * Equal Shares: in `round` the winner had effective support `winnerSupport`, this project
   * only `effectiveSupport`; it needed `shortfall` (a factor − 1, 0.25 = 25 %) more support.
   * Afterwards its supporters could no longer pay for it.
   */
  | {
      readonly kind: 'insufficient-support';
      readonly round: number;
      readonly winnerId: string;
      readonly effectiveSupport: number;
      readonly winnerSupport: number;
      readonly shortfall: number;
    }
  /** Equal Shares: its supporters never held enough money together. */
  | { readonly kind: 'supporters-cannot-afford'; readonly supportersMoney: number; readonly cost: number };

export interface Rejection {
  readonly projectId: string;
  readonly reason: RejectionReason;
}

export interface BudgetExplanation {
  readonly steps: readonly SelectionStep[];
  readonly rejected: readonly Rejection[];
  /** Facts about the whole run, e.g. the final per-voter budget of Add1. */
  readonly notes: readonly BudgetNote[];
}

export type BudgetNote =
  | { readonly kind: 'per-voter-budget'; readonly initial: number; readonly final: number; readonly runs: number; readonly exactRuns: number }
  | { readonly kind: 'comparison'; readonly preferEqualShares: number; readonly preferGreedy: number; readonly kept: 'equal-shares' | 'greedy'; readonly measure: 'more-winners' | 'exclusion' };
