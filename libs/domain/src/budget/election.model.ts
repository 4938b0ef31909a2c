/** A project on the ballot. Costs are integers (cents or whole currency units). */
export interface BudgetProject {
  readonly id: string;
  readonly cost: number;
  readonly name?: string;
  readonly district?: string;
  readonly categories?: readonly string[];
}

export type BallotType = 'approval' | 'choose-1' | 'ordinal' | 'cumulative' | 'scoring';

/**
 * One voter's ballot. approval/choose-1: the set in `projects`; ordinal: `projects`
 * from most to least preferred; cumulative/scoring: `points[i]` belongs to `projects[i]`.
 */
export interface BudgetBallot {
  readonly projects: readonly string[];
  readonly points?: readonly number[];
}

/** Independent of pabulib so the app can feed the ballots it collected itself. */
export interface BudgetElection {
  readonly projects: readonly BudgetProject[];
  readonly ballots: readonly BudgetBallot[];
  readonly budget: number;
  readonly ballotType: BallotType;
  /** Ordinal ballots: the longest allowed ranking (positional points = maxLength − position). */
  readonly maxLength?: number;
}
