import { BUDGET_PHASES } from '../budget.types';
import { PHASE_ACTIONS, allowedIn, nextPhase } from './phase-rules';

describe('phase rules', () => {
  it('moves one step forward and ends with implementation', () => {
    expect(BUDGET_PHASES.map(nextPhase)).toEqual(['proposals', 'review', 'voting', 'results', 'implementation', null]);
  });

  it('allows voting only in the voting phase and rule changes only before it', () => {
    expect(BUDGET_PHASES.filter((phase) => allowedIn('vote', phase))).toEqual(['voting']);
    expect(BUDGET_PHASES.filter((phase) => allowedIn('change-rules', phase))).toEqual(['preparation', 'proposals', 'review']);
    expect(PHASE_ACTIONS['change-rules']).not.toContain('voting');
  });
});
