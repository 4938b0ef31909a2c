import { BudgetElection } from './election.model';
import { greedy } from './greedy.rule';
import { projectScores } from './project-score.util';
import { textbookElection } from './textbook.fixture';

const small = (budget: number, ballotType: BudgetElection['ballotType'], ballots: BudgetElection['ballots'], costs = [50, 40, 30]): BudgetElection => ({
  budget,
  ballotType,
  projects: costs.map((cost, k) => ({ id: 'abc'[k], cost })),
  ballots,
});

describe('greedy', () => {
  it('funds bike and gym in the textbook example', () => {
    const result = greedy(textbookElection);
    expect(result.selected).toEqual(['bike', 'gym']);
    expect(result.totalCost).toBe(1100);
    expect(result.explanation.rejected).toContainEqual({ projectId: 'park', reason: { kind: 'did-not-fit', remaining: 0, cost: 250 } });
  });

  it('skips a misfit, or stops there with greedy-no-skip', () => {
    const e = small(75, 'approval', [{ projects: ['a', 'b', 'c'] }, { projects: ['a', 'b'] }, { projects: ['a'] }], [50, 40, 20]);
    expect(greedy(e).selected).toEqual(['a', 'c']);
    const stopped = greedy(e, { variant: 'greedy-no-skip' });
    expect(stopped.selected).toEqual(['a']);
    expect(stopped.explanation.rejected).toContainEqual({ projectId: 'c', reason: { kind: 'stopped', remaining: 25, cost: 20, stoppedAt: 'b' } });
  });

  it('drops projects below the threshold', () => {
    const e = small(200, 'approval', [{ projects: ['a', 'b'] }, { projects: ['a', 'b'] }, { projects: ['a', 'c'] }]);
    const result = greedy(e, { variant: 'greedy-threshold', threshold: 2 });
    expect(result.selected).toEqual(['a', 'b']);
    expect(result.explanation.rejected).toContainEqual({ projectId: 'c', reason: { kind: 'below-threshold', score: 1, threshold: 2 } });
  });

  it('scores cumulative points, ordinal positions and choose-1', () => {
    expect(projectScores(small(0, 'cumulative', [{ projects: ['c', 'a'], points: [7, 3] }, { projects: ['a'], points: [10] }]))).toEqual([13, 0, 7]);
    expect(projectScores(small(0, 'ordinal', [{ projects: ['b', 'a', 'c'] }, { projects: ['a'] }]))).toEqual([5, 3, 1]);
    expect(projectScores({ ...small(0, 'ordinal', [{ projects: ['b', 'a'] }]), maxLength: 5 })).toEqual([4, 5, 0]);
    expect(projectScores(small(0, 'choose-1', [{ projects: ['b'] }, { projects: ['b'] }, { projects: ['c'] }]))).toEqual([0, 2, 1]);
  });

  it('breaks a true tie by the declared order and reports when it mattered', () => {
    const e = small(60, 'approval', [{ projects: ['a', 'b'] }], [50, 40, 30]);
    const byInput = greedy(e);
    expect(byInput.selected).toEqual(['a']);
    expect(byInput.tieBreaks).toEqual([{ step: 1, projectIds: ['a', 'b'], chosen: 'a', decidedBy: 'tie-order', outcomeRelevant: true }]);
    expect(greedy(e, { tieOrder: ['b', 'a'] }).selected).toEqual(['b']);
  });

  it('reports a tie as irrelevant when all tied projects fit together', () => {
    const e = small(100, 'approval', [{ projects: ['a', 'b'] }], [50, 40, 30]);
    expect(greedy(e).tieBreaks).toEqual([{ step: 1, projectIds: ['a', 'b'], chosen: 'a', decidedBy: 'tie-order', outcomeRelevant: false }]);
  });

  it('refuses a tie order naming unknown projects', () => {
    expect(() => greedy(textbookElection, { tieOrder: ['pool'] })).toThrow('unknown project pool');
  });
});
