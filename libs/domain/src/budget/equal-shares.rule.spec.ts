import { BudgetElection } from './election.model';
import { equalShares } from './equal-shares.rule';
import { textbookElection } from './textbook.fixture';

describe('equalShares', () => {
  it.each(['exact', 'rational', 'float'] as const)('funds bike, playground, library in the textbook example (%s)', (mode) => {
    const result = equalShares(textbookElection, { mode, increment: 0 });
    expect(result.selected).toEqual(['bike', 'playground', 'library']);
    expect(result.totalCost).toBe(1000);
  });

  it('explains each round: ρ, effective support, who paid what', () => {
    const [bike, playground, library] = equalShares(textbookElection, { increment: 0 }).explanation.steps;
    expect(bike).toMatchObject({ projectId: 'bike', perVoterPayment: 100, effectiveSupport: 7, remainingBudget: 400 });
    expect(bike.payments).toEqual({ fullShare: { voters: 7, each: 100 }, allTheyHad: { voters: 0, total: 0 }, nothingLeft: 0 });
    expect(bike.remainingVoterBudgets).toEqual({ min: 0, max: 100, total: 400, votersWithMoney: 4 });
    expect(playground).toMatchObject({ perVoterPayment: 50, effectiveSupport: 4 });
    expect(library.perVoterPayment).toBeCloseTo(100 / 3, 12);
  });

  it('says why the others lost', () => {
    const rejected = equalShares(textbookElection, { increment: 0 }).explanation.rejected;
    // In round 1 gym (6 supporters, eff 6) lost to bike (eff 7): it needed 1/6 more support.
    const gym = rejected.find((r) => r.projectId === 'gym')!.reason;
    expect(gym).toMatchObject({ kind: 'insufficient-support', round: 1, winnerId: 'bike', effectiveSupport: 6, winnerSupport: 7 });
    expect(gym.kind === 'insufficient-support' && gym.shortfall).toBeCloseTo(1 / 6, 12);
    expect(rejected.find((r) => r.projectId === 'park')!.reason).toMatchObject({ kind: 'insufficient-support', round: 1, effectiveSupport: 5 });
  });

  it('Add1 with the exhaustive stop ends at once; without it the outcome holds up to 129 per voter', () => {
    const stop = equalShares(textbookElection, { exhaustiveStop: true });
    expect(stop.selected).toEqual(['bike', 'playground', 'library']);
    expect(stop.explanation.notes[0]).toMatchObject({ initial: 100, final: 100, runs: 1 });
    const go = equalShares(textbookElection, { exhaustiveStop: false });
    expect(go.selected).toEqual(['bike', 'playground', 'library']);
    expect(go.explanation.notes[0]).toMatchObject({ initial: 100, final: 129, runs: 31 });
  });

  it('utilitarian completion adds what still fits by votes', () => {
    const e: BudgetElection = { ...textbookElection, budget: 1250 };
    const result = equalShares(e, { increment: 0, utilitarianCompletion: true, perVoterBudget: 'exact' });
    expect(result.selected.slice(-1)).toEqual(['park']);
    expect(result.explanation.steps.at(-1)).toMatchObject({ phase: 'utilitarian-completion', projectId: 'park' });
  });

  it('detects an exact tie and breaks it by the declared order', () => {
    const e: BudgetElection = {
      budget: 100,
      ballotType: 'approval',
      projects: [{ id: 'x', cost: 60 }, { id: 'y', cost: 60 }],
      ballots: [{ projects: ['x'] }, { projects: ['y'] }],
    };
    const result = equalShares(e, { increment: 0, perVoterBudget: 'exact' });
    expect(result.selected).toEqual([]);
    const tie = equalShares({ ...e, budget: 120 }, { increment: 0, tieOrder: ['y', 'x'] });
    expect(tie.selected).toEqual(['y', 'x']);
    expect(tie.tieBreaks[0]).toEqual({ step: 1, projectIds: ['y', 'x'], chosen: 'y', decidedBy: 'tie-order', outcomeRelevant: true });
  });

  it('prefers the cheaper project on equal effective support', () => {
    const e: BudgetElection = {
      budget: 40,
      ballotType: 'approval',
      projects: [{ id: 'dear', cost: 20 }, { id: 'cheap', cost: 10 }],
      ballots: [{ projects: ['dear', 'cheap'] }, { projects: ['dear', 'cheap'] }],
    };
    const result = equalShares(e, { increment: 0 });
    expect(result.selected).toEqual(['cheap', 'dear']);
    expect(result.tieBreaks[0]).toMatchObject({ chosen: 'cheap', decidedBy: 'cost' });
  });

  it('keeps greedy when more voters prefer it in the comparison step', () => {
    const result = equalShares(textbookElection, { increment: 0, comparison: 'more-winners' });
    // Voters 1–6 gain gym under greedy; 7–10 gain playground/library under MES: 6 > 4.
    expect(result.selected).toEqual(['bike', 'gym']);
    expect(result.explanation.notes[1]).toEqual({ kind: 'comparison', preferEqualShares: 4, preferGreedy: 6, kept: 'greedy', measure: 'more-winners' });
    const exclusion = equalShares(textbookElection, { increment: 0, comparison: 'exclusion' });
    expect(exclusion.selected).toEqual(['bike', 'playground', 'library']);
    expect(exclusion.explanation.notes[1]).toMatchObject({ preferEqualShares: 4, preferGreedy: 0, kept: 'equal-shares' });
  });

  it('refuses ballots it does not support', () => {
    expect(() => equalShares({ ...textbookElection, ballotType: 'cumulative' })).toThrow('approval');
  });
});

describe('equalShares edge cases', () => {
  it('funds free projects first and copes with no voters', () => {
    const e: BudgetElection = {
      budget: 100,
      ballotType: 'approval',
      projects: [{ id: 'a', cost: 80 }, { id: 'free', cost: 0 }],
      ballots: [{ projects: ['a', 'free'] }, { projects: ['a'] }],
    };
    for (const mode of ['exact', 'float'] as const) expect(equalShares(e, { mode }).selected).toEqual(['free', 'a']);
    expect(equalShares({ ...e, ballots: [] }).selected).toEqual([]);
  });

  it('refuses fractional costs and duplicate ids', () => {
    expect(() => equalShares({ ...textbookElection, projects: [{ id: 'x', cost: 1.5 }] })).toThrow('non-negative integer');
    expect(() => equalShares({ ...textbookElection, projects: [{ id: 'x', cost: 1 }, { id: 'x', cost: 2 }] })).toThrow('duplicate project id x');
  });
});
