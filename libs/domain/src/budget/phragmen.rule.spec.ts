import { phragmen } from './phragmen.rule';
import { textbookElection } from './textbook.fixture';

describe('phragmen', () => {
  it.each(['exact', 'float'] as const)('buys library, park, playground, gym, then stops at bike (%s)', (mode) => {
    const result = phragmen(textbookElection, { mode });
    expect(result.selected).toEqual(['library', 'park', 'playground', 'gym']);
    expect(result.totalCost).toBe(950);
    expect(result.explanation.rejected).toContainEqual({ projectId: 'bike', reason: { kind: 'did-not-fit', remaining: 150, cost: 700 } });
  });

  it('records the load reached by each purchase', () => {
    const [library, park] = phragmen(textbookElection).explanation.steps;
    expect(library.perVoterPayment).toBeCloseTo(100 / 3, 12);
    // park: (250 + 2 × 100/3) / 5
    expect(park.perVoterPayment).toBeCloseTo((250 + 200 / 3) / 5, 12);
  });

  it('skip variant and greedy completion go on after a misfit', () => {
    const e = { ...textbookElection, budget: 1000 };
    expect(phragmen(e, { variant: 'stop' }).selected).toEqual(['library', 'park', 'playground', 'gym']);
    const skip = phragmen({ ...textbookElection, budget: 800 }, { variant: 'skip' });
    expect(skip.selected).toEqual(['library', 'park', 'playground']);
    const completed = phragmen({ ...textbookElection, budget: 1700 }, { greedyCompletion: true });
    expect(completed.selected).toEqual(['library', 'park', 'playground', 'gym', 'bike']);
  });
});
