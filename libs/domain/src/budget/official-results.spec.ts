import { knapsackCostCap, officialSelection, parsePabulib, PabulibFile, toBudgetElection, writePabulib } from '../pabulib';
import { readPabulibText } from '../pabulib/pabulib-fixture.util';
import { buildApprovalProfile } from './approval-profile.builder';
import { BudgetResult } from './budget-result.model';
import { equalShares } from './equal-shares.rule';
import { greedy } from './greedy.rule';
import { phragmen } from './phragmen.rule';

/**
 * Golden tests: our rules reproduce the `selected` column of real elections.
 * Every file here has only selected 0/1 (no 2/3 specials) – checked below.
 * Mode 'exact' gives the outcome of rational arithmetic (float runs certified, close calls
 * recomputed with BigInt rationals); Assen also runs with rationals throughout, and
 * bench/budget/mes.bench.ts runs the larger files fully rational.
 */
const load = (name: string) => {
  const file = parsePabulib(readPabulibText(name));
  return { file, election: toBudgetElection(file), official: officialSelection(file).sort() };
};
const sorted = (r: BudgetResult) => [...r.selected].sort();
const threshold = (file: PabulibFile) => (file.meta.min_project_score_threshold ? Number(file.meta.min_project_score_threshold) : undefined);

describe('official results', () => {
  describe('Equal Shares cities', () => {
    it('Assen 2024: add1 without utilitarian completion (1 190 → 2 033 EUR per voter, 845 runs)', () => {
      const { file, election, official } = load('Netherlands_Assen_2024');
      expect(file.meta.rule).toBe('equalshares/add1');
      for (const mode of ['exact', 'rational'] as const) {
        const result = equalShares(election, { mode });
        expect(sorted(result)).toEqual(official);
        expect(result.explanation.notes[0]).toMatchObject({ initial: 1190, final: 2033, runs: 845 });
      }
      // add1u would add project 7, which Assen did not fund.
      const completed = equalShares(election, { utilitarianCompletion: true });
      expect(completed.selected.filter((id) => !official.includes(id))).toEqual(['7']);
    });

    it('Świecie 2023: add1 and add1u agree (17 projects)', () => {
      const { election, official } = load('Poland_Swiecie_2023');
      const profile = buildApprovalProfile(election);
      expect(official).toHaveLength(17);
      expect(sorted(equalShares(election, {}, profile))).toEqual(official);
      expect(sorted(equalShares(election, { utilitarianCompletion: true }, profile))).toEqual(official);
    });

    it('Wieliczka 2023 Green Budget: add1 without the exhaustive stop, comparison keeps MES', () => {
      const { file, election, official } = load('Poland_Wieliczka_2023_Green_Budget');
      expect(file.meta.rule).toBe('equalshares/add1-comparison');
      const profile = buildApprovalProfile(election);
      const result = equalShares(election, { exhaustiveStop: false, comparison: 'more-winners' }, profile);
      expect(sorted(result)).toEqual(official);
      expect(result.totalCost).toBe(995079);
      expect(result.explanation.notes).toEqual([
        expect.objectContaining({ kind: 'per-voter-budget', initial: 151, final: 315 }),
        { kind: 'comparison', preferEqualShares: 1615, preferGreedy: 873, kept: 'equal-shares', measure: 'more-winners' },
      ]);
      // With the exhaustive stop (equalshares.net tool default, pabutools) Add1 ends at 302 PLN
      // and funds 66 and 67 instead of 46: not what Wieliczka published.
      const stopped = equalShares(election, { exhaustiveStop: true, explain: false }, profile);
      expect(stopped.explanation.notes[0]).toMatchObject({ final: 302 });
      expect(sorted(stopped).filter((id) => !official.includes(id))).toEqual(['66', '67']);
    });
  });

  describe('greedy cities', () => {
    it('Warszawa 2023 Żoliborz: greedy (skip) by votes', () => {
      const { file, election, official } = load('Poland_Warszawa_2023_Zoliborz');
      expect(file.meta.rule).toBe('greedy');
      expect(sorted(greedy(election))).toEqual(official);
      expect(sorted(greedy(election, { variant: 'greedy-no-skip' }))).not.toEqual(official);
    });

    it('Częstochowa 2024 Wrzosowiak: cumulative points, greedy (skip)', () => {
      // META comment #1: project 237 costs the whole district budget (542 052) yet was on the
      // ballot; counted like any other project it never fits after project 187.
      const { file, election, official } = load('Poland_Czestochowa_2024_Wrzosowiak');
      expect(election.ballotType).toBe('cumulative');
      const result = greedy(election);
      expect(sorted(result)).toEqual(official);
      expect(result.explanation.rejected).toContainEqual({ projectId: '237', reason: expect.objectContaining({ kind: 'did-not-fit', cost: 542052 }) });
      expect(result.tieBreaks.filter((t) => t.outcomeRelevant)).toEqual([]);
    });

    it('Warszawa 2026: greedy-threshold with 3 000 votes (the threshold decides)', () => {
      const { file, election, official } = load('Poland_Warszawa_2026');
      expect(file.meta.rule).toBe('greedy-threshold');
      expect(threshold(file)).toBe(3000);
      const result = greedy(election, { variant: 'greedy-threshold', threshold: threshold(file) });
      expect(sorted(result)).toEqual(official);
      expect(sorted(greedy(election))).not.toEqual(official);
    });

    it('Łódź 2022: greedy-threshold with 100 votes', () => {
      const { file, election, official } = load('Poland_Lodz_2022');
      expect(threshold(file)).toBe(100);
      const result = greedy(election, { variant: 'greedy-threshold', threshold: threshold(file) });
      expect(sorted(result)).toEqual(official);
      // Two score ties exist (L061/L007, L196/L033); neither could change the outcome.
      expect(result.tieBreaks.map((t) => [t.projectIds, t.outcomeRelevant])).toEqual([
        [['L061', 'L007'], false],
        [['L196', 'L033'], false],
      ]);
    });
  });

  it('publishing our result writes the same selected column as the official file', () => {
    const { file, election } = load('Poland_Swiecie_2023');
    const result = equalShares(election, { explain: false });
    const published = parsePabulib(writePabulib(file, { selected: result.selected, anonymiseVoters: true }));
    expect(published.projects.map((p) => p.fields.selected)).toEqual(file.projects.map((p) => p.fields.selected));
    expect(published.votes[0].voterId).toBe('1');
  });

  it('no listed file uses the special selected values 2 or 3', () => {
    for (const name of ['Netherlands_Assen_2024', 'Poland_Swiecie_2023', 'Poland_Wieliczka_2023_Green_Budget', 'Poland_Warszawa_2023_Zoliborz', 'Poland_Czestochowa_2024_Wrzosowiak']) {
      const { file } = load(name);
      expect(file.projects.every((p) => ['0', '1'].includes(p.fields.selected))).toBe(true);
    }
  });

  it('Stanford files have no official selection; knapsack cap recognised; all rules count them', () => {
    const { file } = load('US_Stanford_Dataset_PB_Chicago_47th_Ward_2020_vote_knapsacks');
    expect(officialSelection(file)).toEqual([]);
    expect(knapsackCostCap(file)).toBe(150000);
    for (const kind of ['approvals', 'knapsacks', 'rankings']) {
      const { election } = load(`US_Stanford_Dataset_PB_Chicago_47th_Ward_2020_vote_${kind}`);
      const results = [greedy(election)];
      if (election.ballotType === 'approval') results.push(equalShares(election), phragmen(election, { greedyCompletion: true }));
      for (const r of results) expect(r.totalCost).toBeLessThanOrEqual(election.budget);
    }
  });
});
