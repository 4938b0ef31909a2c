import { addOneCompletion } from './add-one.completion';
import { createLevelRunner } from './equal-shares.runner';
import { compareOutcomes } from './approval-comparison.util';
import { ApprovalProfile, buildApprovalProfile } from './approval-profile.builder';
import { BudgetResult, TieBreak } from './budget-result.model';
import { BudgetElection } from './election.model';
import { assertValidElection } from './election.validator';
import { EqualSharesRun } from './equal-shares.engine';
import { EqualSharesOptions } from './equal-shares.options';
import { BudgetNote, Rejection, SelectionStep } from './explanation.model';
import { greedy } from './greedy.rule';
import { tieRanks } from './tie-order.util';
import { utilitarianCompletion } from './utilitarian.completion';

/** Method of Equal Shares with the completions cities use (see docs/budget-rules.md). */
export function equalShares(election: BudgetElection, options: EqualSharesOptions = {}, profile?: ApprovalProfile): BudgetResult {
  assertValidElection(election);
  if (election.ballotType !== 'approval' && election.ballotType !== 'choose-1') {
    throw new Error(`Equal Shares here supports approval ballots, not ${election.ballotType}`);
  }
  const prof = profile ?? buildApprovalProfile(election);
  return equalSharesWith(election, options, prof);
}

function equalSharesWith(election: BudgetElection, options: EqualSharesOptions, profile: ApprovalProfile): BudgetResult {
  const ids = election.projects.map((p) => p.id);
  const costNumbers = election.projects.map((p) => p.cost);
  const ranks = tieRanks(election.projects, options.tieOrder);
  const increment = options.increment ?? 1;
  const runner = createLevelRunner({
    profile, costs: costNumbers, ranks, budget: election.budget,
    mode: options.mode ?? 'exact', start: options.perVoterBudget ?? 'integral', increment,
  });
  const addOne = addOneCompletion({
    runAt: (level) => runner.runAt(level),
    budget: election.budget,
    costs: costNumbers,
    votes: profile.votes,
    increment,
    exhaustiveStop: options.exhaustiveStop ?? true,
    maxRuns: options.maxRuns ?? 100_000,
  });
  const explain = options.explain ?? true;
  let run = addOne.run;
  if (explain) {
    const traced = runner.runAt(addOne.level, true);
    // The tracing run evaluates every project each round; its outcome must not differ.
    if (traced.selected.join() !== run.selected.join()) throw new Error('Equal Shares trace disagrees with the counted run');
    run = traced;
  }

  const chosen = [...run.selected];
  const tieBreaks: TieBreak[] = run.ties.map((t) => ({
    step: t.round,
    projectIds: t.projects.map((p) => ids[p]),
    chosen: ids[t.chosen],
    decidedBy: t.decidedBy,
    outcomeRelevant: true,
  }));
  const steps = explain ? traceSteps(run, ids, costNumbers, profile, election.budget) : [];
  if (options.utilitarianCompletion) {
    const extra = utilitarianCompletion(chosen, profile.votes, costNumbers, ranks, election.budget, ids, chosen.length + 1);
    tieBreaks.push(...extra.tieBreaks);
    let spent = chosen.reduce((s, p) => s + costNumbers[p], 0);
    for (const p of extra.added) {
      chosen.push(p);
      spent += costNumbers[p];
      steps.push({ step: chosen.length, phase: 'utilitarian-completion', projectId: ids[p], cost: costNumbers[p], score: profile.votes[p], remainingBudget: election.budget - spent });
    }
  }
  const notes: BudgetNote[] = [
    {
      kind: 'per-voter-budget',
      initial: runner.start.toNumber(),
      final: runner.start.toNumber() + addOne.level * increment,
      runs: addOne.runs,
      exactRuns: runner.exactRuns,
    },
  ];
  const rule = options.utilitarianCompletion ? 'equalshares/add1u' : increment > 0 ? 'equalshares/add1' : 'equalshares';
  const mes: BudgetResult = {
    rule,
    selected: chosen.map((p) => ids[p]),
    totalCost: chosen.reduce((s, p) => s + costNumbers[p], 0),
    tieBreaks,
    explanation: { steps, rejected: explain ? rejections(run, chosen, ids, profile, costNumbers) : [], notes },
  };
  const measure = options.comparison ?? 'none';
  if (measure === 'none') return mes;

  const plain = greedy(election, { tieOrder: options.tieOrder, scores: Array.from(profile.votes) });
  const index = new Map(ids.map((id, i) => [id, i]));
  const greedyChosen = plain.selected.map((id) => index.get(id)!);
  const count = compareOutcomes(profile, chosen, greedyChosen, measure);
  const keepGreedy = count.preferSecond > count.preferFirst;
  const note: BudgetNote = {
    kind: 'comparison',
    preferEqualShares: count.preferFirst,
    preferGreedy: count.preferSecond,
    kept: keepGreedy ? 'greedy' : 'equal-shares',
    measure,
  };
  const winner = keepGreedy ? plain : mes;
  return { ...winner, rule: `${rule}-comparison`, explanation: { ...winner.explanation, notes: [...notes, note] } };
}

function traceSteps(run: EqualSharesRun<number>, ids: readonly string[], costs: readonly number[], profile: ApprovalProfile, budget: number): SelectionStep[] {
  let spent = 0;
  return run.rounds.map((r, k) => {
    spent += costs[r.project];
    return {
      step: k + 1,
      phase: 'equal-shares',
      projectId: ids[r.project],
      cost: costs[r.project],
      score: profile.votes[r.project],
      remainingBudget: budget - spent,
      perVoterPayment: (r.rho),
      effectiveSupport: (r.effectiveSupport),
      payments: {
        fullShare: { voters: r.payments.full.voters, each: r.payments.full.amount },
        allTheyHad: { voters: r.payments.partial.voters, total: r.payments.partial.total },
        nothingLeft: r.payments.nothing,
      },
      remainingVoterBudgets: {
        min: (r.remaining.min),
        max: (r.remaining.max),
        total: (r.remaining.total),
        votersWithMoney: r.remaining.votersWithMoney,
      },
    };
  });
}

function rejections(run: EqualSharesRun<number>, chosen: readonly number[], ids: readonly string[], profile: ApprovalProfile, costs: readonly number[]): Rejection[] {
  const taken = new Set(chosen);
  const out: Rejection[] = [];
  for (let p = 0; p < ids.length; p++) {
    if (taken.has(p)) continue;
    const drop = run.drops.get(p);
    if (profile.votes[p] === 0 || !drop) {
      out.push({ projectId: ids[p], reason: { kind: 'no-support' } });
    } else if (drop.kind === 'outbid') {
      const eff = (drop.effectiveSupport);
      const win = (drop.winnerSupport);
      out.push({
        projectId: ids[p],
        reason: { kind: 'insufficient-support', round: drop.round, winnerId: ids[drop.winner], effectiveSupport: eff, winnerSupport: win, shortfall: win / eff - 1 },
      });
    } else {
      out.push({ projectId: ids[p], reason: { kind: 'supporters-cannot-afford', supportersMoney: (drop.supportersMoney), cost: costs[p] } });
    }
  }
  return out;
}
