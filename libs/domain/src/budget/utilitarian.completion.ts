import { TieBreak } from './budget-result.model';
import { orderMatters } from './tie-order.util';

export interface CompletionOutcome {
  readonly added: readonly number[];
  readonly tieBreaks: readonly TieBreak[];
}

/**
 * Fund the remaining projects by votes, highest first (ties: the fixed order), skipping
 * those that no longer fit. Used after Equal Shares (add1u) and after Phragmén.
 */
export function utilitarianCompletion(
  chosen: readonly number[],
  votes: ArrayLike<number>,
  costs: readonly number[],
  ranks: Int32Array,
  budget: number,
  ids: readonly string[],
  firstStep: number,
): CompletionOutcome {
  const taken = new Set(chosen);
  let left = budget - chosen.reduce((s, p) => s + costs[p], 0);
  const order = costs.map((_, p) => p).filter((p) => !taken.has(p) && votes[p] > 0);
  order.sort((a, b) => votes[b] - votes[a] || ranks[a] - ranks[b]);
  const added: number[] = [];
  const tieBreaks: TieBreak[] = [];
  for (let k = 0; k < order.length; k++) {
    const p = order[k];
    if (k === 0 || votes[order[k - 1]] !== votes[p]) {
      const group = order.slice(k).filter((q) => votes[q] === votes[p]);
      if (group.length > 1 && group.some((q) => costs[q] <= left)) {
        tieBreaks.push({ step: firstStep + added.length, projectIds: group.map((q) => ids[q]), chosen: ids[p], decidedBy: 'tie-order', outcomeRelevant: orderMatters(group.map((q) => costs[q]), left) });
      }
    }
    if (costs[p] <= left) {
      added.push(p);
      left -= costs[p];
    }
  }
  return { added, tieBreaks };
}
