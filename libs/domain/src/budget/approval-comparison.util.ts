import { ApprovalProfile } from './approval-profile.builder';

export interface ComparisonCount {
  readonly preferFirst: number;
  readonly preferSecond: number;
}

/**
 * Voters who prefer one outcome over the other. 'more-winners': strictly more approved
 * winners; 'exclusion': at least one approved winner under one outcome but none under the other.
 */
export function compareOutcomes(
  profile: ApprovalProfile,
  first: readonly number[],
  second: readonly number[],
  measure: 'more-winners' | 'exclusion',
): ComparisonCount {
  const inFirst = new Uint8Array(profile.numProjects);
  const inSecond = new Uint8Array(profile.numProjects);
  for (const p of first) inFirst[p] = 1;
  for (const p of second) inSecond[p] = 1;
  let preferFirst = 0;
  let preferSecond = 0;
  for (let g = 0; g < profile.numGroups; g++) {
    let a = 0;
    let b = 0;
    for (let k = profile.groupStart[g]; k < profile.groupStart[g + 1]; k++) {
      a += inFirst[profile.groupItems[k]];
      b += inSecond[profile.groupItems[k]];
    }
    if (measure === 'exclusion') {
      a = Math.min(a, 1);
      b = Math.min(b, 1);
    }
    if (a > b) preferFirst += profile.groupWeight[g];
    else if (b > a) preferSecond += profile.groupWeight[g];
  }
  return { preferFirst, preferSecond };
}
