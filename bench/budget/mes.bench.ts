import {
  buildApprovalProfile, equalShares, exactArithmetic, parsePabulib, Rational, runEqualShares, tieRanks, toBudgetElection,
} from '@app/domain';
import { loadNote, readPb, report, time } from './bench.util';
import { naiveEqualSharesAdd1 } from './naive-equal-shares.baseline';

// Warsaw 2026 (61 668 voters, 83 projects): Equal Shares with Add1 (exhaustive stop, integral start).
// Targets from the issue: float < 1 s, exact < 5 s, same result in both.
const election = toBudgetElection(parsePabulib(readPb('Poland_Warszawa_2026')));
const profile = buildApprovalProfile(election);
console.log(`[${loadNote()}] Warsaw 2026: ${election.ballots.length} voters, ${profile.numGroups} distinct ballots, ${election.projects.length} projects`);

const options = { explain: false } as const;
const float = time(3, () => equalShares(election, { ...options, mode: 'float' }, profile));
const exact = time(3, () => equalShares(election, { ...options, mode: 'exact' }, profile));
const explained = time(1, () => equalShares(election, { mode: 'exact' }, profile));
const baseline = time(1, () => naiveEqualSharesAdd1(election));

const note = exact.value.explanation.notes[0];
console.log(`per-voter budget ${JSON.stringify(note)}`);
const same = (a: readonly string[], b: readonly string[]) => a.join() === b.join();
console.log(`float == exact: ${same(float.value.selected, exact.value.selected)}; ours == naive baseline: ${same([...exact.value.selected].sort(), [...baseline.value.selected].sort())} (baseline level ${baseline.value.level}, ${baseline.value.runs} runs)`);
report('MES add1, float', float, baseline, 1000);
report('MES add1, exact (certified + rational fallback)', exact, baseline, 5000);
report('MES add1, exact, with explanation trace', explained, baseline);

// Rational spot check: the accepted level and the next one, recomputed with rationals
// throughout (no float at all), must give the same outcome and the same stop decision.
const costs = election.projects.map((p) => p.cost);
const ranks = tieRanks(election.projects);
const rationalAt = (perVoter: number) =>
  runEqualShares({ profile, ar: exactArithmetic, costs: costs.map((c) => Rational.fromInt(c)), costNumbers: costs, ranks, perVoterBudget: Rational.fromInt(perVoter) });
if (note.kind === 'per-voter-budget') {
  const accepted = time(1, () => rationalAt(note.final));
  const next = rationalAt(note.final + 1);
  const ids = accepted.value.selected.map((p) => election.projects[p].id);
  console.log(
    `rational run at ${note.final}: ${accepted.ms.toFixed(0)} ms per run, same outcome: ${same(ids, exact.value.selected)}, cost ${accepted.value.totalCost} ≤ ${election.budget}; ` +
      `at ${note.final + 1}: cost ${next.totalCost} > budget: ${next.totalCost > election.budget}`,
  );
  console.log(`(a fully rational Add1 would take about ${((accepted.ms * note.runs) / 1000).toFixed(0)} s)`);
}
