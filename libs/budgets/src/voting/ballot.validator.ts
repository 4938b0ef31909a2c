import { LocalizedFieldError } from '@app/core';
import { Budget } from '../budget.types';

export interface BallotContent {
  projects: readonly string[];
  points?: readonly number[];
}

const euros = (cents: number) => `${(cents / 100).toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`;
const eurosEn = (cents: number) => `EUR ${(cents / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/**
 * Checks one ballot against its budget's frozen rules. Pure: the ballot
 * (proposal id → cost in cents) comes from the caller. Field names point at
 * the offending entry, e.g. `projects[2]` or `points[0]`.
 */
export function validateBallot(budget: Pick<Budget, 'ballotType' | 'ballotRules' | 'amountCents'>, onBallot: ReadonlyMap<string, number>, ballot: BallotContent): LocalizedFieldError[] {
  const errors: LocalizedFieldError[] = [];
  const rules = budget.ballotRules;
  const seen = new Set<string>();
  ballot.projects.forEach((id, index) => {
    if (seen.has(id)) errors.push({ field: `projects[${index}]`, code: 'duplicate_project', message: { de: 'Dieses Projekt steht zweimal auf dem Stimmzettel', en: 'This project is on the ballot twice' } });
    seen.add(id);
    if (!onBallot.has(id)) errors.push({ field: `projects[${index}]`, code: 'not_on_ballot', message: { de: 'Dieses Projekt steht nicht zur Wahl', en: 'This project is not on the ballot' } });
  });
  const count = ballot.projects.length;
  const min = rules.minProjects ?? 1;
  const max = budget.ballotType === 'ranked' ? Math.min(rules.rankLength ?? Infinity, rules.maxProjects ?? Infinity) : rules.maxProjects;
  if (count < min) {
    errors.push({ field: 'projects', code: 'too_few_projects', message: { de: `Bitte mindestens ${min} Projekt(e) wählen`, en: `Please choose at least ${min} project(s)` } });
  }
  if (max !== undefined && Number.isFinite(max) && count > max) {
    errors.push({
      field: 'projects',
      code: 'too_many_projects',
      message: budget.ballotType === 'ranked'
        ? { de: `Höchstens ${max} Projekte in die Rangfolge setzen`, en: `Rank at most ${max} projects` }
        : { de: `Höchstens ${max} Projekte wählen`, en: `Choose at most ${max} projects` },
    });
  }
  if (budget.ballotType !== 'cumulative' && ballot.points !== undefined) {
    errors.push({ field: 'points', code: 'points_not_allowed', message: { de: 'Dieser Stimmzettel vergibt keine Punkte', en: 'This ballot does not take points' } });
  }
  if (budget.ballotType === 'knapsack') {
    const cap = rules.maxCostCents ?? budget.amountCents;
    const total = [...seen].reduce((sum, id) => sum + (onBallot.get(id) ?? 0), 0);
    if (total > cap) {
      errors.push({
        field: 'projects',
        code: 'over_budget',
        message: { de: `Die gewählten Projekte kosten ${euros(total)}, das Budget beträgt ${euros(cap)}`, en: `The chosen projects cost ${eurosEn(total)}; the budget is ${eurosEn(cap)}` },
      });
    }
  }
  if (budget.ballotType === 'cumulative') {
    const points = ballot.points;
    if (!points || points.length !== count) {
      errors.push({ field: 'points', code: 'points_mismatch', message: { de: 'Für jedes gewählte Projekt genau eine Punktzahl angeben', en: 'Give exactly one number of points for each chosen project' } });
    } else {
      const perProject = rules.maxPointsPerProject ?? rules.totalPoints ?? Infinity;
      points.forEach((value, index) => {
        if (!Number.isInteger(value) || value < 1) errors.push({ field: `points[${index}]`, code: 'too_small', message: { de: 'Mindestens 1 Punkt', en: 'At least 1 point' } });
        else if (value > perProject) errors.push({ field: `points[${index}]`, code: 'too_many_points_for_project', message: { de: `Höchstens ${perProject} Punkte pro Projekt`, en: `At most ${perProject} points per project` } });
      });
      const total = points.reduce((sum, value) => sum + value, 0);
      if (rules.totalPoints !== undefined && total > rules.totalPoints) {
        errors.push({ field: 'points', code: 'too_many_points', message: { de: `Sie haben ${total} Punkte vergeben, erlaubt sind ${rules.totalPoints}`, en: `You gave ${total} points; ${rules.totalPoints} are allowed` } });
      }
    }
  }
  return errors;
}

/** The same ballot entered twice? Order counts only where it carries meaning (rankings). */
export function sameBallot(ballotType: Budget['ballotType'], a: BallotContent, b: BallotContent): boolean {
  if (ballotType === 'ranked') return a.projects.join() === b.projects.join();
  const pairs = (ballot: BallotContent) => ballot.projects.map((id, index) => `${id}:${ballot.points?.[index] ?? ''}`).sort().join();
  return pairs(a) === pairs(b);
}
