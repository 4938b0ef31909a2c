import { BUDGET_PHASES, BudgetPhase } from '../budget.types';

/** Everything citizens or staff do in a cycle, and the phases in which it is allowed. */
export const PHASE_ACTIONS = {
  propose: ['proposals'],
  support: ['proposals'],
  review: ['proposals', 'review'],
  'change-rules': ['preparation', 'proposals', 'review'],
  'register-voter': ['proposals', 'review', 'voting'],
  vote: ['voting'],
  'enter-paper-ballot': ['voting', 'results'],
  tally: ['results'],
  publish: ['results'],
  'track-implementation': ['results', 'implementation'],
} as const satisfies Record<string, readonly BudgetPhase[]>;

export type PhaseAction = keyof typeof PHASE_ACTIONS;

export function allowedIn(action: PhaseAction, phase: BudgetPhase): boolean {
  return (PHASE_ACTIONS[action] as readonly BudgetPhase[]).includes(phase);
}

export function nextPhase(phase: BudgetPhase): BudgetPhase | null {
  const index = BUDGET_PHASES.indexOf(phase);
  return index >= 0 && index < BUDGET_PHASES.length - 1 ? BUDGET_PHASES[index + 1] : null;
}

const LABELS: Record<BudgetPhase, { de: string; en: string }> = {
  preparation: { de: 'Vorbereitung', en: 'preparation' },
  proposals: { de: 'Vorschlagsphase', en: 'proposal phase' },
  review: { de: 'Prüfphase', en: 'review phase' },
  voting: { de: 'Abstimmungsphase', en: 'voting phase' },
  results: { de: 'Ergebnisphase', en: 'results phase' },
  implementation: { de: 'Umsetzungsphase', en: 'implementation phase' },
};

export function phaseLabel(phase: BudgetPhase): { de: string; en: string } {
  return LABELS[phase];
}
