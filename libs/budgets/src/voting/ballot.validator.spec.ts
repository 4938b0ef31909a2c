import { Budget } from '../budget.types';
import { sameBallot, validateBallot } from './ballot.validator';

const onBallot = new Map([['a', 100_000], ['b', 200_000], ['c', 300_000]]);
const budget = (ballotType: Budget['ballotType'], ballotRules: Budget['ballotRules'] = {}, amountCents = 500_000) => ({ ballotType, ballotRules, amountCents });
const codes = (errors: ReturnType<typeof validateBallot>) => errors.map((error) => `${error.field}:${error.code}`);

describe('validateBallot', () => {
  it.each([
    ['approval within limits', budget('approval', { maxProjects: 2 }), { projects: ['a', 'b'] }, []],
    ['approval over the maximum', budget('approval', { maxProjects: 2 }), { projects: ['a', 'b', 'c'] }, ['projects:too_many_projects']],
    ['approval below the minimum', budget('approval', { minProjects: 2 }), { projects: ['a'] }, ['projects:too_few_projects']],
    ['empty ballot (default minimum 1)', budget('approval'), { projects: [] }, ['projects:too_few_projects']],
    ['duplicate and unknown projects', budget('approval'), { projects: ['a', 'a', 'x'] }, ['projects[1]:duplicate_project', 'projects[2]:not_on_ballot']],
    ['points on an approval ballot', budget('approval'), { projects: ['a'], points: [1] }, ['points:points_not_allowed']],
    ['knapsack within the budget', budget('knapsack'), { projects: ['b', 'c'] }, []],
    ['knapsack over the budget', budget('knapsack'), { projects: ['a', 'b', 'c'] }, ['projects:over_budget']],
    ['knapsack with its own cap', budget('knapsack', { maxCostCents: 250_000 }), { projects: ['a', 'b'] }, ['projects:over_budget']],
    ['cumulative within limits', budget('cumulative', { totalPoints: 10, maxPointsPerProject: 6 }), { projects: ['a', 'b'], points: [6, 4] }, []],
    ['cumulative over the total', budget('cumulative', { totalPoints: 10 }), { projects: ['a', 'b'], points: [6, 5] }, ['points:too_many_points']],
    ['cumulative over the per-project limit', budget('cumulative', { totalPoints: 10, maxPointsPerProject: 5 }), { projects: ['a', 'b'], points: [6, 4] }, ['points[0]:too_many_points_for_project']],
    ['cumulative with zero points', budget('cumulative', { totalPoints: 10 }), { projects: ['a'], points: [0] }, ['points[0]:too_small']],
    ['cumulative without points', budget('cumulative', { totalPoints: 10 }), { projects: ['a'] }, ['points:points_mismatch']],
    ['ranked top k', budget('ranked', { rankLength: 2 }), { projects: ['c', 'a'] }, []],
    ['ranked longer than k', budget('ranked', { rankLength: 2 }), { projects: ['c', 'a', 'b'] }, ['projects:too_many_projects']],
  ] as const)('%s', (_name, rules, ballot, expected) => {
    expect(codes(validateBallot(rules, onBallot, ballot))).toEqual(expected);
  });

  it('names amounts in both languages', () => {
    const [error] = validateBallot(budget('knapsack'), onBallot, { projects: ['a', 'b', 'c'] });
    expect(error.message.de).toBe('Die gewählten Projekte kosten 6.000,00 €, das Budget beträgt 5.000,00 €');
    expect(error.message.en).toBe('The chosen projects cost EUR 6,000.00; the budget is EUR 5,000.00');
  });
});

describe('sameBallot (paper double entry)', () => {
  it('ignores order except for rankings', () => {
    expect(sameBallot('approval', { projects: ['a', 'b'] }, { projects: ['b', 'a'] })).toBe(true);
    expect(sameBallot('ranked', { projects: ['a', 'b'] }, { projects: ['b', 'a'] })).toBe(false);
    expect(sameBallot('cumulative', { projects: ['a', 'b'], points: [3, 2] }, { projects: ['b', 'a'], points: [2, 3] })).toBe(true);
    expect(sameBallot('cumulative', { projects: ['a', 'b'], points: [3, 2] }, { projects: ['b', 'a'], points: [3, 2] })).toBe(false);
    expect(sameBallot('approval', { projects: ['a'] }, { projects: ['a', 'b'] })).toBe(false);
  });
});
