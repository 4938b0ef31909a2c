import { z } from 'zod';
import { defineJob, tenantPayload } from '@app/core';

/** Move a cycle to its next phase when the schedule says so (the handler re-checks the clock). */
export const BudgetCycleAdvance = defineJob({
  name: 'BudgetCycleAdvance',
  queue: 'budget-phases',
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  payload: tenantPayload.extend({ cycleId: z.string().uuid() }).strict(),
});

/** Count a budget's ballots with its frozen rule in exact arithmetic and store the result. */
export const BudgetTally = defineJob({
  name: 'BudgetTally',
  queue: 'budget-tally',
  attempts: 3,
  backoff: { type: 'exponential', delay: 5000 },
  payload: tenantPayload.extend({ tallyId: z.string().uuid() }).strict(),
});

/** Strip EXIF, resize, re-encode proposal and implementation photos. */
export const BudgetPhotosProcess = defineJob({
  name: 'BudgetPhotosProcess',
  queue: 'budget-photos',
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  payload: tenantPayload.extend({ proposalId: z.string().uuid() }).strict(),
});

export const BUDGET_MAIL_KINDS = ['support-confirm', 'voter-verify', 'review-decision', 'follow-confirm', 'implementation-update'] as const;
export type BudgetMailKind = (typeof BUDGET_MAIL_KINDS)[number];

/** One budget e-mail; ids only, recipients are read when sending. */
export const BudgetNotify = defineJob({
  name: 'BudgetNotify',
  queue: 'budget-mail',
  attempts: 10,
  backoff: { type: 'exponential', delay: 5000 },
  payload: tenantPayload.extend({ kind: z.enum(BUDGET_MAIL_KINDS), id: z.string().uuid() }).strict(),
});
