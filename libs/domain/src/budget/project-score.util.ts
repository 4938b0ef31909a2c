import { BudgetElection } from './election.model';

/**
 * Greedy score per project, in input order: approvers (approval, choose-1), sum of
 * points (cumulative, scoring) or positional points maxLength − position (ordinal).
 */
export function projectScores(election: BudgetElection): number[] {
  const index = new Map<string, number>();
  election.projects.forEach((p, i) => index.set(p.id, i));
  const scores = new Array<number>(election.projects.length).fill(0);
  const maxLength =
    election.maxLength ?? election.ballots.reduce((m, b) => Math.max(m, b.projects.length), 0);
  for (const ballot of election.ballots) {
    ballot.projects.forEach((id, position) => {
      const i = index.get(id);
      if (i === undefined) throw new Error(`Ballot names unknown project ${id}`);
      switch (election.ballotType) {
        case 'approval':
        case 'choose-1':
          scores[i] += 1;
          break;
        case 'ordinal':
          scores[i] += Math.max(0, maxLength - position);
          break;
        case 'cumulative':
        case 'scoring': {
          const pts = ballot.points?.[position];
          if (pts === undefined) throw new Error(`${election.ballotType} ballot without points for ${id}`);
          scores[i] += pts;
          break;
        }
      }
    });
  }
  return scores;
}

/** Number of voters who gave a project any support (pabulib `votes`). */
export function projectSupporters(election: BudgetElection): number[] {
  const index = new Map<string, number>();
  election.projects.forEach((p, i) => index.set(p.id, i));
  const votes = new Array<number>(election.projects.length).fill(0);
  for (const ballot of election.ballots) for (const id of new Set(ballot.projects)) votes[index.get(id)!]++;
  return votes;
}
