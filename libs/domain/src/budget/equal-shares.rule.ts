import { addOneCompletion } from './add-one.completion';
import { compareOutcomes } from './approval-comparison.util';
import { ApprovalProfile, buildApprovalProfile } from './approval-profile.builder';
import { Arithmetic } from './arithmetic.interface';
import { BudgetResult, TieBreak } from './budget-result.model';
import { BudgetElection } from './election.model';
import { EqualSharesRun, runEqualShares } from './equal-shares.engine';
import { EqualSharesOptions } from './equal-shares.options';
import { exactArithmetic } from './exact.arithmetic';
import { BudgetNote, Rejection, SelectionStep } from './explanation.model';
import { floatArithmetic } from './float.arithmetic';
import { greedy } from './greedy.rule';
import { tieRanks } from './tie-order.util';
import { utilitarianCompletion } from './utilitarian.completion';

/** Method of Equal Shares with the completions cities use (see docs/budget-rules.md). */
export function equalShares(election: BudgetElection, options: EqualSharesOptions = {}, profile?: ApprovalProfile): BudgetResult {
  if (election.ballotType !== 'approval' && election.ballotType !== 'choose-1') {
    throw new Error(`Equal Shares here supports approval ballots, not ${election.ballotType}`);
  }
  const prof = profile ?? buildApprovalProfile(election);
  return options.mode === 'float'
    ? equalSharesWith(floatArithmetic, election, options, prof)
    : equalSharesWith(exactArithmetic, election, options, prof);
}

function equalSharesWith<T>(ar: Arithmetic<T>, election: BudgetElection, options: EqualSharesOptions, profile: ApprovalProfile): BudgetResult {
  const ids = election.projects.map((p) => p.id);
  const costNumbers = election.projects.map((p) => p.cost);
  const costs = costNumbers.map((c) => ar.fromInt(c));
  const ranks = tieRanks(election.projects, options.tieOrder);
  const budget = ar.fromDecimal(String(election.budget));
  const n = Math.max(1, profile.numVoters);
  const share = ar.div(budget, ar.fromInt(n));
  const start = options.perVoterBudget === 'exact' ? share : ar.fromInt(ar.floor(share));
  const addOne = addOneCompletion({
    profile, ar, costs, costNumbers, ranks, budget, budgetNumber: election.budget, start,
    increment: options.increment ?? 1,
    exhaustiveStop: options.exhaustiveStop ?? true,
    maxRuns: options.maxRuns ?? 100_000,
  });
  const explain = options.explain ?? true;
  const run = explain ? runEqualShares({ profile, ar, costs, costNumbers, ranks, perVoterBudget: addOne.final, explain: true }) : addOne.run;

  const chosen = [...run.selected];
  const tieBreaks: TieBreak[] = run.ties.map((t) => ({
    step: t.round,
    projectIds: t.projects.map((p) => ids[p]),
    chosen: ids[t.chosen],
    decidedBy: t.decidedBy,
    outcomeRelevant: true,
  }));
  const steps = explain ? traceSteps(ar, run, ids, costNumbers, profile, election.budget) : [];
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
    { kind: 'per-voter-budget', initial: ar.toNumber(addOne.initial), final: ar.toNumber(addOne.final), runs: addOne.runs },
  ];
  const rule = options.utilitarianCompletion ? 'equalshares/add1u' : (options.increment ?? 1) > 0 ? 'equalshares/add1' : 'equalshares';
  const mes: BudgetResult = {
    rule,
    selected: chosen.map((p) => ids[p]),
    totalCost: chosen.reduce((s, p) => s + costNumbers[p], 0),
    tieBreaks,
    explanation: { steps, rejected: explain ? rejections(ar, run, chosen, ids, profile, costNumbers) : [], notes },
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

function traceSteps<T>(ar: Arithmetic<T>, run: EqualSharesRun<T>, ids: readonly string[], costs: readonly number[], profile: ApprovalProfile, budget: number): SelectionStep[] {
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
      perVoterPayment: ar.toNumber(r.rho),
      effectiveSupport: ar.toNumber(r.effectiveSupport),
      payments: r.payments.map((x) => ({ amount: ar.toNumber(x.amount), voters: x.voters })),
      remainingVoterBudgets: {
        min: ar.toNumber(r.remaining.min),
        max: ar.toNumber(r.remaining.max),
        total: ar.toNumber(r.remaining.total),
        votersWithMoney: r.remaining.votersWithMoney,
      },
    };
  });
}

function rejections<T>(ar: Arithmetic<T>, run: EqualSharesRun<T>, chosen: readonly number[], ids: readonly string[], profile: ApprovalProfile, costs: readonly number[]): Rejection[] {
  const taken = new Set(chosen);
  const out: Rejection[] = [];
  for (let p = 0; p < ids.length; p++) {
    if (taken.has(p)) continue;
    const drop = run.drops.get(p);
    if (profile.votes[p] === 0 || !drop) {
      out.push({ projectId: ids[p], reason: { kind: 'no-support' } });
    } else if (drop.kind === 'outbid') {
      const eff = ar.toNumber(drop.effectiveSupport);
      const win = ar.toNumber(drop.winnerSupport);
      out.push({
        projectId: ids[p],
        reason: { kind: 'insufficient-support', round: drop.round, winnerId: ids[drop.winner], effectiveSupport: eff, winnerSupport: win, shortfall: win / eff - 1 },
      });
    } else {
      out.push({ projectId: ids[p], reason: { kind: 'supporters-cannot-afford', supportersMoney: ar.toNumber(drop.supportersMoney), cost: costs[p] } });
    }
  }
  return out;
}
