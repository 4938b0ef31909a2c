import { duplicateScore } from './duplicate-score';

describe('duplicate score', () => {
  const base = { distanceM: 0, sameCategory: true, textSimilarity: 1, ageDays: 0 };

  it.each([
    ['the same problem on the spot, today', base, 1],
    ['at the edge of the radius', { ...base, distanceM: 250 }, 0.6],
    ['beyond the radius counts as the edge', { ...base, distanceM: 900 }, 0.6],
    ['another category', { ...base, sameCategory: false }, 0.75],
    ['no text in common', { ...base, textSimilarity: 0 }, 0.75],
    ['a month old', { ...base, ageDays: 30 }, 0.95],
    ['nothing but distance', { distanceM: 125, sameCategory: false, textSimilarity: 0, ageDays: 10_000 }, 0.2],
  ])('%s', (_name, features, expected) => {
    expect(duplicateScore(features)).toBeCloseTo(expected, 3);
  });

  it('prefers near over far, same category over other, similar text over different', () => {
    expect(duplicateScore({ ...base, distanceM: 20 })).toBeGreaterThan(duplicateScore({ ...base, distanceM: 200 }));
    expect(duplicateScore({ ...base, distanceM: 100 })).toBeGreaterThan(duplicateScore({ ...base, distanceM: 10, sameCategory: false }));
    expect(duplicateScore({ ...base, textSimilarity: 0.6 })).toBeGreaterThan(duplicateScore({ ...base, textSimilarity: 0.1 }));
  });

  it('stays within 0 … 1 for odd input', () => {
    expect(duplicateScore({ distanceM: -5, sameCategory: true, textSimilarity: 7, ageDays: -3 })).toBe(1);
    expect(duplicateScore({ distanceM: Number.NaN, sameCategory: false, textSimilarity: Number.NaN, ageDays: Infinity })).toBe(0);
  });
});
