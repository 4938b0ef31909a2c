import { z } from 'zod';
import { defineJob, tenantPayload } from '@app/core';

/** The e-mail with a password-set or reset link; the link is derived again from the token id (HMAC). */
export const StaffPasswordMail = defineJob({
  name: 'StaffPasswordMail',
  queue: 'staff-mail',
  attempts: 8,
  backoff: { type: 'exponential', delay: 5000 },
  payload: tenantPayload.extend({ tokenId: z.string().uuid() }).strict(),
});

/** Mails the responsible department and the Leitstelle that a report missed its first-response target. */
export const ReportEscalate = defineJob({
  name: 'ReportEscalate',
  queue: 'staff-mail',
  attempts: 8,
  backoff: { type: 'exponential', delay: 5000 },
  payload: tenantPayload.extend({ reportId: z.string().uuid(), dueAt: z.string().datetime({ offset: true }) }).strict(),
});
