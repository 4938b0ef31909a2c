import { z } from 'zod';
import { defineJob, tenantPayload } from '@app/core';

const reportPayload = tenantPayload.extend({ reportId: z.string().uuid() }).strict();

/** Decide the responsible department by category and area (PostGIS). */
export const ReportRoute = defineJob({
  name: 'ReportRoute',
  queue: 'report-routing',
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  payload: reportPayload,
});

/** Strip EXIF, resize, re-encode to WebP, delete the original upload. */
export const ReportPhotosProcess = defineJob({
  name: 'ReportPhotosProcess',
  queue: 'report-photos',
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  payload: reportPayload,
});

export const REPORT_MAIL_KINDS = ['confirm', 'receipt', 'department', 'status', 'follow-confirm'] as const;
export type ReportMailKind = (typeof REPORT_MAIL_KINDS)[number];

/** One e-mail (or one per recipient for status changes); ids only, recipients are read when sending. */
export const ReportNotify = defineJob({
  name: 'ReportNotify',
  queue: 'report-mail',
  attempts: 10,
  backoff: { type: 'exponential', delay: 5000 },
  payload: reportPayload
    .extend({
      kind: z.enum(REPORT_MAIL_KINDS),
      historyId: z.string().uuid().optional(),
      followerId: z.string().uuid().optional(),
    })
    .strict(),
});
