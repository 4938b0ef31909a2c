import { BudgetElection } from './election.model';

/** Refuses elections no rule can count unambiguously; every rule calls this first. */
export function assertValidElection(election: BudgetElection): void {
  const ids = new Set<string>();
  for (const p of election.projects) {
    if (ids.has(p.id)) throw new Error(`duplicate project id ${p.id}`);
    ids.add(p.id);
    if (!Number.isSafeInteger(p.cost) || p.cost < 0) throw new Error(`cost of ${p.id} must be a non-negative integer (cents or currency units), got ${p.cost}`);
  }
  if (!Number.isFinite(election.budget) || election.budget < 0) throw new Error(`budget must be a non-negative number, got ${election.budget}`);
}
