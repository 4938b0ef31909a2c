import { BudgetElection } from './election.model';

/**
 * Approval ballots with identical sets merged into weighted groups, stored in flat
 * typed arrays (CSR layout) so the hot loops of Equal Shares and Phragmén touch no objects.
 */
export interface ApprovalProfile {
  readonly numProjects: number;
  readonly numVoters: number;
  readonly numGroups: number;
  /** Projects approved by group g: groupItems[groupStart[g] .. groupStart[g+1]). */
  readonly groupStart: Int32Array;
  readonly groupItems: Int32Array;
  readonly groupWeight: Int32Array;
  /** Groups approving project p: supporterGroups[supporterStart[p] .. supporterStart[p+1]). */
  readonly supporterStart: Int32Array;
  readonly supporterGroups: Int32Array;
  /** Number of voters approving each project. */
  readonly votes: Int32Array;
}

export function buildApprovalProfile(election: BudgetElection): ApprovalProfile {
  const index = new Map<string, number>();
  election.projects.forEach((p, i) => index.set(p.id, i));
  const numProjects = election.projects.length;
  const groupOf = new Map<string, number>();
  const sets: number[][] = [];
  const weights: number[] = [];
  for (const ballot of election.ballots) {
    const set: number[] = [];
    for (const id of ballot.projects) {
      const i = index.get(id);
      if (i === undefined) throw new Error(`Ballot names unknown project ${id}`);
      set.push(i);
    }
    set.sort((a, b) => a - b);
    const unique = set.filter((v, k) => k === 0 || set[k - 1] !== v);
    const key = unique.join(',');
    const g = groupOf.get(key);
    if (g === undefined) {
      groupOf.set(key, sets.length);
      sets.push(unique);
      weights.push(1);
    } else weights[g]++;
  }
  // Number groups so that the supporters of each popular project sit close together in
  // memory: ballots sorted by their projects, most-voted project first. The hot loops read
  // budgets by group index, and this turns scattered reads into runs of neighbours.
  const popularity = new Int32Array(numProjects);
  sets.forEach((set, g) => set.forEach((p) => (popularity[p] += weights[g])));
  const rank = new Int32Array(numProjects);
  Array.from(popularity.keys())
    .sort((a, b) => popularity[b] - popularity[a] || a - b)
    .forEach((p, r) => (rank[p] = r));
  const keys = sets.map((set) => set.map((p) => rank[p]).sort((a, b) => a - b));
  const byLocality = Array.from(keys.keys()).sort((a, b) => compareLists(keys[a], keys[b]));
  const orderedSets = byLocality.map((g) => sets[g]);
  const orderedWeights = byLocality.map((g) => weights[g]);
  sets.splice(0, sets.length, ...orderedSets);
  weights.splice(0, weights.length, ...orderedWeights);
  const numGroups = sets.length;
  const groupStart = new Int32Array(numGroups + 1);
  let total = 0;
  for (let g = 0; g < numGroups; g++) {
    groupStart[g] = total;
    total += sets[g].length;
  }
  groupStart[numGroups] = total;
  const groupItems = new Int32Array(total);
  const votes = new Int32Array(numProjects);
  const supporterCount = new Int32Array(numProjects);
  for (let g = 0; g < numGroups; g++) {
    groupItems.set(sets[g], groupStart[g]);
    for (const p of sets[g]) {
      votes[p] += weights[g];
      supporterCount[p]++;
    }
  }
  const supporterStart = new Int32Array(numProjects + 1);
  for (let p = 0; p < numProjects; p++) supporterStart[p + 1] = supporterStart[p] + supporterCount[p];
  const fill = supporterStart.slice(0, numProjects);
  const supporterGroups = new Int32Array(total);
  for (let g = 0; g < numGroups; g++) for (const p of sets[g]) supporterGroups[fill[p]++] = g;
  return {
    numProjects,
    numVoters: election.ballots.length,
    numGroups,
    groupStart,
    groupItems,
    groupWeight: Int32Array.from(weights),
    supporterStart,
    supporterGroups,
    votes,
  };
}

function compareLists(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) if (a[k] !== b[k]) return a[k] - b[k];
  return a.length - b.length;
}
