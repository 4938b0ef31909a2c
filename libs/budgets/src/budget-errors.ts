import { ConflictException, NotFoundException } from '@nestjs/common';
import { Language } from '@app/core';
import { BudgetPhase } from './budget.types';
import { PhaseAction, phaseLabel } from './cycles/phase-rules';

/** 404 for anything unknown in this tenant: ids of another tenant are simply unknown here. */
export function notFound(what: string): NotFoundException {
  return new NotFoundException({ statusCode: 404, message: `Unknown ${what}` });
}

export function conflict(code: string, message: { de: string; en: string }, language: Language): ConflictException {
  return new ConflictException({ statusCode: 409, code, message: message[language] });
}

const ACTION_TEXT: Record<PhaseAction, { de: string; en: string }> = {
  propose: { de: 'Vorschläge einreichen', en: 'submitting proposals' },
  support: { de: 'Vorschläge unterstützen', en: 'supporting proposals' },
  review: { de: 'Vorschläge prüfen', en: 'reviewing proposals' },
  'change-rules': { de: 'Abstimmungsregeln ändern', en: 'changing the voting rules' },
  'register-voter': { de: 'sich zur Abstimmung anmelden', en: 'registering to vote' },
  vote: { de: 'abstimmen', en: 'voting' },
  'enter-paper-ballot': { de: 'Papierstimmzettel erfassen', en: 'entering paper ballots' },
  tally: { de: 'Stimmen auszählen', en: 'counting the ballots' },
  publish: { de: 'Ergebnisse veröffentlichen', en: 'publishing results' },
  'track-implementation': { de: 'die Umsetzung dokumentieren', en: 'tracking the implementation' },
};

export function phaseClosed(action: PhaseAction, phase: BudgetPhase, language: Language): ConflictException {
  const label = phaseLabel(phase);
  return conflict(
    'phase_closed',
    {
      de: `In der ${label.de} ist ${ACTION_TEXT[action].de} nicht möglich.`,
      en: `${ACTION_TEXT[action].en[0].toUpperCase()}${ACTION_TEXT[action].en.slice(1)} is not possible in the ${label.en}.`,
    },
    language,
  );
}
