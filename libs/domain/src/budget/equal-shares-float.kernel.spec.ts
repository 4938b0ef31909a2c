import fc from 'fast-check';
import { buildApprovalProfile } from './approval-profile.builder';
import { BudgetElection } from './election.model';
import { runEqualShares } from './equal-shares.engine';
import { equalShares } from './equal-shares.rule';
import { exactArithmetic } from './exact.arithmetic';
import { floatArithmetic } from './float.arithmetic';
import { Rational } from './rational.value';
import { tieRanks } from './tie-order.util';

const electionArb = fc
  .record({
    costs: fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 7 }),
    ballots: fc.array(fc.array(fc.nat(6), { maxLength: 4 }), { minLength: 1, maxLength: 25 }),
    budget: fc.integer({ min: 1, max: 200 }),
  })
  .map(({ costs, ballots, budget }): BudgetElection => ({
    budget,
    ballotType: 'approval',
    projects: costs.map((cost, k) => ({ id: `p${k}`, cost })),
    ballots: ballots.map((b) => ({ projects: [...new Set(b.filter((k) => k < costs.length))].map((k) => `p${k}`) })),
  }));

describe('Equal Shares kernels agree', () => {
  it('typed-array float kernel = generic float kernel = rationals, when float is certain', () => {
    fc.assert(
      fc.property(electionArb, fc.integer({ min: 1, max: 40 }), (election, perVoter) => {
        const profile = buildApprovalProfile(election);
        const costNumbers = election.projects.map((p) => p.cost);
        const ranks = tieRanks(election.projects);
        const common = { profile, costNumbers, ranks };
        const fast = runEqualShares({ ...common, ar: floatArithmetic, costs: costNumbers, perVoterBudget: perVoter });
        const slow = runEqualShares({ ...common, ar: floatArithmetic, costs: costNumbers, perVoterBudget: perVoter, genericFloat: true });
        const exact = runEqualShares({ ...common, ar: exactArithmetic, costs: costNumbers.map((c) => Rational.fromInt(c)), perVoterBudget: Rational.fromInt(perVoter) });
        expect(fast.selected).toEqual(slow.selected);
        if (!fast.uncertain) expect(fast.selected).toEqual(exact.selected);
      }),
      { numRuns: 200, seed: 20261123 },
    );
  });

  it('exact mode (certified floats) equals rational mode on random elections, Add1 included', () => {
    fc.assert(
      fc.property(electionArb, fc.boolean(), (election, exhaustiveStop) => {
        const options = { exhaustiveStop, explain: false, maxRuns: 300 } as const;
        const exact = equalShares(election, { ...options, mode: 'exact' });
        const rational = equalShares(election, { ...options, mode: 'rational' });
        expect(exact.selected).toEqual(rational.selected);
        expect(exact.tieBreaks).toEqual(rational.tieBreaks);
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});
