import { BudgetElection } from './election.model';

/** equalshares.net's explanation example: 11 voters, budget 1 100. */
const approvals: Record<string, number[]> = {
  bike: [1, 2, 3, 4, 5, 6, 11],
  gym: [1, 2, 3, 4, 5, 6],
  park: [2, 4, 5, 7, 10],
  playground: [7, 8, 9, 10],
  library: [7, 9, 10],
};

export const textbookElection: BudgetElection = {
  budget: 1100,
  ballotType: 'approval',
  projects: [
    { id: 'bike', cost: 700 },
    { id: 'gym', cost: 400 },
    { id: 'park', cost: 250 },
    { id: 'playground', cost: 200 },
    { id: 'library', cost: 100 },
  ],
  ballots: Array.from({ length: 11 }, (_, k) => ({
    projects: Object.keys(approvals).filter((id) => approvals[id].includes(k + 1)),
  })),
};
