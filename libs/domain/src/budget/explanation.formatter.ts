import { BudgetExplanation, BudgetNote, Rejection, SelectionStep } from './explanation.model';

export type ExplanationLanguage = 'de' | 'en';

export interface FormatOptions {
  readonly language: ExplanationLanguage;
  /** Shown after amounts, e.g. "EUR". */
  readonly currency?: string;
  /** Project names by id; ids are shown when missing. */
  readonly names?: Readonly<Record<string, string>>;
}

/** Short plain sentences, one per step, rejection and note. */
export function formatExplanation(explanation: BudgetExplanation, options: FormatOptions): string[] {
  const t = options.language === 'de' ? german : english;
  const locale = options.language === 'de' ? 'de-DE' : 'en-GB';
  const money = (v: number) => `${v.toLocaleString(locale, { maximumFractionDigits: 2 })}${options.currency ? ` ${options.currency}` : ''}`;
  const num = (v: number) => v.toLocaleString(locale, { maximumFractionDigits: 2 });
  const pct = (v: number) => `${(v * 100).toLocaleString(locale, { maximumFractionDigits: 1 })} %`;
  const name = (id: string) => options.names?.[id] ?? id;
  const f = { money, num, pct, name };
  return [
    ...explanation.steps.map((s) => t.step(s, f)),
    ...explanation.rejected.map((r) => t.rejection(r, f)),
    ...explanation.notes.map((n) => t.note(n, f)),
  ];
}

interface Fmt {
  money(v: number): string;
  num(v: number): string;
  pct(v: number): string;
  name(id: string): string;
}

interface Phrases {
  step(s: SelectionStep, f: Fmt): string;
  rejection(r: Rejection, f: Fmt): string;
  note(n: BudgetNote, f: Fmt): string;
}

const english: Phrases = {
  step(s, f) {
    let text = `${s.step}. ${f.name(s.projectId)} funded (${f.money(s.cost)}, ${f.num(s.score)} votes)`;
    if (s.effectiveSupport !== undefined && s.perVoterPayment !== undefined) {
      text += `: each supporter paid up to ${f.money(s.perVoterPayment)}, effective support ${f.num(s.effectiveSupport)}`;
    } else if (s.perVoterPayment !== undefined) {
      text += `: supporters' load reached ${f.money(s.perVoterPayment)}`;
    }
    if (s.payments) {
      text += `; ${s.payments.fullShare.voters} paid the full share`;
      if (s.payments.allTheyHad.voters > 0) text += `, ${s.payments.allTheyHad.voters} paid all they had (${f.money(s.payments.allTheyHad.total)})`;
      if (s.payments.nothingLeft > 0) text += `, ${s.payments.nothingLeft} had nothing left`;
    }
    if (s.remainingVoterBudgets) text += `; ${s.remainingVoterBudgets.votersWithMoney} voters still hold money (at most ${f.money(s.remainingVoterBudgets.max)})`;
    if (s.phase === 'utilitarian-completion' || s.phase === 'greedy-completion') text += ' [completion by votes]';
    return `${text}. Budget left: ${f.money(s.remainingBudget)}.`;
  },
  rejection({ projectId, reason: r }, f) {
    const p = f.name(projectId);
    switch (r.kind) {
      case 'no-support': return `${p}: no votes.`;
      case 'below-threshold': return `${p}: below the threshold (${f.num(r.score)} < ${f.num(r.threshold)}).`;
      case 'did-not-fit': return `${p}: did not fit: remaining budget ${f.money(r.remaining)} < cost ${f.money(r.cost)}.`;
      case 'stopped': return `${p}: not considered, counting stopped at ${f.name(r.stoppedAt)} (remaining budget ${f.money(r.remaining)}).`;
      case 'insufficient-support':
        return `${p}: would have needed ${f.pct(r.shortfall)} more support (effective support ${f.num(r.effectiveSupport)} vs ${f.num(r.winnerSupport)} for ${f.name(r.winnerId)} in round ${r.round}); afterwards its supporters could no longer pay for it.`;
      case 'supporters-cannot-afford': return `${p}: its supporters together held only ${f.money(r.supportersMoney)} of the ${f.money(r.cost)} needed.`;
    }
  },
  note(n, f) {
    if (n.kind === 'per-voter-budget') return `Per-voter budget raised from ${f.money(n.initial)} to ${f.money(n.final)} (${n.runs} runs).`;
    return `Comparison with greedy: ${n.preferEqualShares} voters prefer Equal Shares, ${n.preferGreedy} prefer greedy; ${n.kept === 'greedy' ? 'greedy' : 'Equal Shares'} kept.`;
  },
};

const german: Phrases = {
  step(s, f) {
    let text = `${s.step}. ${f.name(s.projectId)} gefördert (${f.money(s.cost)}, ${f.num(s.score)} Stimmen)`;
    if (s.effectiveSupport !== undefined && s.perVoterPayment !== undefined) {
      text += `: jede Unterstützerin, jeder Unterstützer zahlte höchstens ${f.money(s.perVoterPayment)}, effektive Unterstützung ${f.num(s.effectiveSupport)}`;
    } else if (s.perVoterPayment !== undefined) {
      text += `: Belastung der Unterstützenden stieg auf ${f.money(s.perVoterPayment)}`;
    }
    if (s.payments) {
      text += `; ${s.payments.fullShare.voters} zahlten den vollen Anteil`;
      if (s.payments.allTheyHad.voters > 0) text += `, ${s.payments.allTheyHad.voters} zahlten ihr ganzes Restguthaben (${f.money(s.payments.allTheyHad.total)})`;
      if (s.payments.nothingLeft > 0) text += `, ${s.payments.nothingLeft} hatten nichts mehr`;
    }
    if (s.remainingVoterBudgets) text += `; ${s.remainingVoterBudgets.votersWithMoney} Abstimmende haben noch Guthaben (höchstens ${f.money(s.remainingVoterBudgets.max)})`;
    if (s.phase === 'utilitarian-completion' || s.phase === 'greedy-completion') text += ' [Auffüllung nach Stimmen]';
    return `${text}. Restbudget: ${f.money(s.remainingBudget)}.`;
  },
  rejection({ projectId, reason: r }, f) {
    const p = f.name(projectId);
    switch (r.kind) {
      case 'no-support': return `${p}: keine Stimmen.`;
      case 'below-threshold': return `${p}: unter der Mindeststimmenzahl (${f.num(r.score)} < ${f.num(r.threshold)}).`;
      case 'did-not-fit': return `${p}: passte nicht mehr: Restbudget ${f.money(r.remaining)} < Kosten ${f.money(r.cost)}.`;
      case 'stopped': return `${p}: nicht mehr geprüft, die Auszählung endete bei ${f.name(r.stoppedAt)} (Restbudget ${f.money(r.remaining)}).`;
      case 'insufficient-support':
        return `${p}: hätte ${f.pct(r.shortfall)} mehr Unterstützung gebraucht (effektive Unterstützung ${f.num(r.effectiveSupport)} gegenüber ${f.num(r.winnerSupport)} für ${f.name(r.winnerId)} in Runde ${r.round}); danach reichte das Guthaben der Unterstützenden nicht mehr.`;
      case 'supporters-cannot-afford': return `${p}: die Unterstützenden hatten zusammen nur ${f.money(r.supportersMoney)} der nötigen ${f.money(r.cost)}.`;
    }
  },
  note(n, f) {
    if (n.kind === 'per-voter-budget') return `Budget pro Person von ${f.money(n.initial)} auf ${f.money(n.final)} erhöht (${n.runs} Durchläufe).`;
    return `Vergleich mit Greedy: ${n.preferEqualShares} Abstimmende bevorzugen Equal Shares, ${n.preferGreedy} Greedy; ${n.kept === 'greedy' ? 'Greedy' : 'Equal Shares'} bleibt.`;
  },
};
