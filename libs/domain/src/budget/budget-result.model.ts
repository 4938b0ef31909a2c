import { BudgetExplanation } from './explanation.model';

/**
 * A decision that depended on the tie order: the candidates were equal on every
 * counted criterion before `decidedBy`. `decidedBy: 'tie-order'` is a true tie
 * (equal votes/support, equal cost), settled only by the order fixed before counting.
 */
export interface TieBreak {
  readonly step: number;
  readonly projectIds: readonly string[];
  readonly chosen: string;
  readonly decidedBy: 'cost' | 'votes' | 'tie-order';
  /** True when a different order could change which projects win. */
  readonly outcomeRelevant: boolean;
}

export interface BudgetResult {
  readonly rule: string;
  /** In the order of selection. */
  readonly selected: readonly string[];
  readonly totalCost: number;
  readonly tieBreaks: readonly TieBreak[];
  readonly explanation: BudgetExplanation;
}
