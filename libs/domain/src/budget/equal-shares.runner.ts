import { ApprovalProfile } from './approval-profile.builder';
import { Arithmetic } from './arithmetic.interface';
import { EqualSharesRun, runEqualShares } from './equal-shares.engine';
import { ArithmeticMode } from './equal-shares.options';
import { exactArithmetic } from './exact.arithmetic';
import { floatArithmetic } from './float.arithmetic';
import { Rational } from './rational.value';

export interface LevelRunner {
  /** MES at per-voter budget start + level × increment; numbers converted for reporting. */
  runAt(level: number, explain?: boolean): EqualSharesRun<number>;
  readonly start: Rational;
  readonly increment: number;
  /** Runs that float could not decide and were recomputed with rationals. */
  exactRuns: number;
}

export interface LevelRunnerInput {
  readonly profile: ApprovalProfile;
  readonly costs: readonly number[];
  readonly ranks: Int32Array;
  readonly budget: number;
  readonly mode: ArithmeticMode;
  readonly start: 'integral' | 'exact';
  readonly increment: number;
}

/**
 * exact: every run first in floats; a run whose float decisions were all clear-cut
 * (margin > 1e-7, far above rounding error) has exactly the rational outcome, the rest
 * are recomputed with BigInt rationals. rational: rationals throughout (reference).
 */
export function createLevelRunner(input: LevelRunnerInput): LevelRunner {
  const { profile, costs, ranks, increment } = input;
  const share = Rational.fromDecimal(String(input.budget)).div(Rational.fromInt(Math.max(1, profile.numVoters)));
  const start = input.start === 'exact' ? share : Rational.of(share.floor());
  const exactCosts = costs.map((c) => Rational.fromInt(c));
  const step = Rational.fromInt(increment);

  const run = <T>(ar: Arithmetic<T>, arCosts: readonly T[], perVoterBudget: T, explain: boolean) =>
    runEqualShares({ profile, ar, costs: arCosts, costNumbers: costs, ranks, perVoterBudget, explain });
  const exactAt = (level: number, explain: boolean) =>
    toNumbers(exactArithmetic, run(exactArithmetic, exactCosts, start.add(step.mul(Rational.fromInt(level))), explain));
  const floatAt = (level: number, explain: boolean) =>
    run(floatArithmetic, costs, start.toNumber() + level * increment, explain);

  let attempts = 0;
  const runner: LevelRunner = {
    start,
    increment,
    exactRuns: 0,
    runAt(level, explain = false) {
      if (input.mode === 'float') return floatAt(level, explain);
      if (input.mode === 'rational') return exactAt(level, explain);
      // Small elections tie often (Assen: most runs); then the float attempt is wasted work.
      if (attempts >= 16 && runner.exactRuns * 2 > attempts) {
        runner.exactRuns++;
        return exactAt(level, explain);
      }
      attempts++;
      const quick = floatAt(level, explain);
      if (!quick.uncertain) return quick;
      runner.exactRuns++;
      return exactAt(level, explain);
    },
  };
  return runner;
}

function toNumbers<T>(ar: Arithmetic<T>, run: EqualSharesRun<T>): EqualSharesRun<number> {
  const n = (v: T) => ar.toNumber(v);
  const drops = new Map<number, ReturnType<typeof convertDrop>>();
  const convertDrop = (d: NonNullable<ReturnType<EqualSharesRun<T>['drops']['get']>>) =>
    d.kind === 'outbid'
      ? { ...d, effectiveSupport: n(d.effectiveSupport), winnerSupport: n(d.winnerSupport) }
      : { kind: d.kind, supportersMoney: n(d.supportersMoney) };
  for (const [p, d] of run.drops) drops.set(p, convertDrop(d));
  return {
    selected: run.selected,
    totalCost: run.totalCost,
    ties: run.ties,
    uncertain: false,
    drops,
    rounds: run.rounds.map((r) => ({
      project: r.project,
      rho: n(r.rho),
      effectiveSupport: n(r.effectiveSupport),
      payments: {
        full: { voters: r.payments.full.voters, amount: n(r.payments.full.amount) },
        partial: { voters: r.payments.partial.voters, total: n(r.payments.partial.total) },
        nothing: r.payments.nothing,
      },
      remaining: { min: n(r.remaining.min), max: n(r.remaining.max), total: n(r.remaining.total), votersWithMoney: r.remaining.votersWithMoney },
    })),
  };
}
