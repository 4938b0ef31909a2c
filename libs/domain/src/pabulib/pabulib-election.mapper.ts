import { BudgetElection, BudgetProject } from '../budget/election.model';
import { PabulibFile, PabulibVoteType } from './pabulib.model';

/** The counting view of a .pb file: projects, ballots, budget, ballot type. */
export function toBudgetElection(file: PabulibFile): BudgetElection {
  const projects: BudgetProject[] = file.projects.map((p) => {
    const project: { id: string; cost: number; name?: string; district?: string; categories?: string[] } = { id: p.id, cost: p.cost };
    if (p.fields.name) project.name = p.fields.name;
    if (p.fields.district) project.district = p.fields.district;
    if (p.fields.category) project.categories = p.fields.category.split(',').map((c) => c.trim());
    return project;
  });
  const maxLength = file.meta.max_length ? Number(file.meta.max_length) : undefined;
  return {
    projects,
    ballots: file.votes.map((v) => (v.points ? { projects: v.vote, points: v.points } : { projects: v.vote })),
    budget: Number(file.meta.budget),
    ballotType: file.meta.vote_type.trim() as PabulibVoteType,
    ...(maxLength !== undefined ? { maxLength } : {}),
  };
}

/** Official outcome stored in the file: projects whose `selected` is 1 (2/3 are special, see META comment). */
export function officialSelection(file: PabulibFile, values: readonly string[] = ['1']): string[] {
  return file.projects.filter((p) => values.includes((p.fields.selected ?? '').trim())).map((p) => p.id);
}

/**
 * Cost cap of knapsack ballots, which pabulib stores as vote_type approval: max_sum_cost
 * when given (Amsterdam), otherwise the budget for files that declare knapsack ballots
 * (Stanford "vote knapsacks" omit max_sum_cost). Undefined for plain approval ballots.
 */
export function knapsackCostCap(file: PabulibFile): number | undefined {
  if (file.meta.vote_type.trim() !== 'approval') return undefined;
  if (file.meta.max_sum_cost !== undefined) return Number(file.meta.max_sum_cost);
  const declared = `${file.meta.subunit ?? ''} ${file.meta.description ?? ''}`.toLowerCase();
  return declared.includes('knapsack') ? Number(file.meta.budget) : undefined;
}
