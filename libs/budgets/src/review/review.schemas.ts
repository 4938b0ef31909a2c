import { z } from 'zod';
import { i18nMessage } from '@app/core';

export const reviewDecisionSchema = z
  .object({
    decision: z.enum(['feasible', 'not_feasible']),
    /** Public: shown on the proposal and mailed to the author. Required when not feasible. */
    reason: z.string().trim().max(4000).optional(),
    /** The administration's cost estimate; required when feasible. */
    officialCostCents: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict()
  .refine((body) => body.decision !== 'not_feasible' || (body.reason && body.reason.length >= 10), {
    path: ['reason'],
    message: i18nMessage('reason_required', 'Bitte öffentlich begründen, warum der Vorschlag nicht umsetzbar ist (mind. 10 Zeichen)', 'Please give a public reason why the proposal is not feasible (at least 10 characters)'),
  })
  .refine((body) => body.decision !== 'feasible' || body.officialCostCents !== undefined, {
    path: ['officialCostCents'],
    message: i18nMessage('official_cost_required', 'Umsetzbare Vorschläge brauchen die Kostenschätzung der Verwaltung', 'Feasible proposals need the administration’s cost estimate'),
  });
export type ReviewDecision = z.output<typeof reviewDecisionSchema>;

export const mergeSchema = z.object({ intoProposalId: z.string().uuid(), reason: z.string().trim().min(10).max(4000) }).strict();
export type MergeInput = z.output<typeof mergeSchema>;
