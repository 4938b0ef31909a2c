import { knapsackCostCap, officialSelection, toBudgetElection } from './pabulib-election.mapper';
import { parsePabulib } from './pabulib.parser';
import { readPabulibText } from './pabulib-fixture.util';

const stanford = (kind: string) => parsePabulib(readPabulibText(`US_Stanford_Dataset_PB_Chicago_47th_Ward_2020_vote_${kind}`));

describe('pabulib → election', () => {
  it('maps projects, ballots, budget and ballot type', () => {
    const election = toBudgetElection(parsePabulib(readPabulibText('Poland_Warszawa_2023_Zoliborz')));
    expect(election.budget).toBe(2022616);
    expect(election.ballotType).toBe('approval');
    expect(election.maxLength).toBe(15);
    expect(election.ballots).toHaveLength(2506);
    expect(election.projects[0]).toMatchObject({ id: '525', cost: 254100, categories: ['health', 'welfare', 'education'] });
  });

  it('caps Stanford knapsack ballots at the budget, and every ballot respects it', () => {
    const file = stanford('knapsacks');
    const cap = knapsackCostCap(file)!;
    expect(cap).toBe(150000);
    const cost = new Map(file.projects.map((p) => [p.id, p.cost]));
    for (const v of file.votes) expect(v.vote.reduce((s, id) => s + cost.get(id)!, 0)).toBeLessThanOrEqual(cap);
  });

  it('has no cap for plain approval ballots and reads rankings as ordinal', () => {
    expect(knapsackCostCap(stanford('approvals'))).toBeUndefined();
    const rankings = toBudgetElection(stanford('rankings'));
    expect(rankings.ballotType).toBe('ordinal');
    expect(rankings.ballots).toHaveLength(417);
  });

  it('reads the official selection', () => {
    expect(officialSelection(parsePabulib(readPabulibText('Poland_Swiecie_2023')))).toHaveLength(17);
  });
});
