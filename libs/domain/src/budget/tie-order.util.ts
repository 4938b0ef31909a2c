import { BudgetProject } from './election.model';

/**
 * Rank of each project in the tie order fixed before counting (lower wins).
 * Projects missing from an explicit order come after it, in input order, so a
 * partial order can never make the outcome depend on hashing or sorting details.
 */
export function tieRanks(projects: readonly BudgetProject[], tieOrder?: readonly string[]): Int32Array {
  const ranks = new Int32Array(projects.length);
  const index = new Map<string, number>();
  projects.forEach((p, i) => index.set(p.id, i));
  const taken = new Uint8Array(projects.length);
  let next = 0;
  for (const id of tieOrder ?? []) {
    const i = index.get(id);
    if (i === undefined) throw new Error(`tieOrder names unknown project ${id}`);
    if (taken[i]) continue;
    taken[i] = 1;
    ranks[i] = next++;
  }
  for (let i = 0; i < projects.length; i++) if (!taken[i]) ranks[i] = next++;
  return ranks;
}

/**
 * Whether the order among tied projects can change which of them are funded from
 * `remaining`: it cannot when all fit together or none fits on its own.
 */
export function orderMatters(costs: readonly number[], remaining: number): boolean {
  const total = costs.reduce((s, c) => s + c, 0);
  return total > remaining && costs.some((c) => c <= remaining);
}
