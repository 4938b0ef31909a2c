/**
 * exact: outcome identical to rational arithmetic (float runs, certified, recomputed with
 * rationals when a decision is close); rational: rationals throughout; float: previews.
 */
export type ArithmeticMode = 'exact' | 'rational' | 'float';

export interface EqualSharesOptions {
  /** Default exact. */
  readonly mode?: ArithmeticMode;
  /** Start of the per-voter budget: floor(B/n) as equalshares.net ('integral', default) or B/n ('exact'). */
  readonly perVoterBudget?: 'integral' | 'exact';
  /** Add1 completion step per voter in currency units; 0 runs plain MES once. Default 1. */
  readonly increment?: number;
  /** Add1: stop as soon as no unfunded project fits the real budget. Default true (equalshares.net tool, pabutools). */
  readonly exhaustiveStop?: boolean;
  /** add1u: afterwards fund remaining projects by votes while they fit. Default false. */
  readonly utilitarianCompletion?: boolean;
  /**
   * Compare with plain greedy and keep greedy if more voters prefer it: 'more-winners' counts
   * voters with strictly more approved winners; 'exclusion' counts voters with at least one.
   */
  readonly comparison?: 'none' | 'more-winners' | 'exclusion';
  /** Projects by precedence when everything else is equal; default: input order. */
  readonly tieOrder?: readonly string[];
  /** Record per-round trace and reasons for losers (one extra MES run). Default true. */
  readonly explain?: boolean;
  /** Safety cap on Add1 runs. Default 100 000. */
  readonly maxRuns?: number;
}
