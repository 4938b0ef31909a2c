import { z } from 'zod';
import { i18nMessage } from '@app/core';

/** A citizen's proposal; multipart fields arrive as strings, hence the coercion. */
export const proposalSubmissionSchema = z
  .object({
    title: z.string().trim().min(3).max(300),
    description: z.string().trim().min(10).max(8000),
    estimatedCostCents: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    category: z.string().trim().min(1).max(100).optional(),
    lat: z.coerce.number().min(-90).max(90).optional(),
    lon: z.coerce.number().min(-180).max(180).optional(),
    contactEmail: z.email().max(254),
    contactName: z.string().trim().max(200).optional(),
    locale: z.enum(['de', 'en']).default('de'),
  })
  .strict()
  .refine((body) => (body.lat === undefined) === (body.lon === undefined), {
    path: ['lon'],
    message: i18nMessage('lat_lon_pair', 'Breite und Länge nur zusammen angeben', 'Give latitude and longitude together'),
  });
export type ProposalSubmission = z.output<typeof proposalSubmissionSchema>;

export const emailSchema = z.object({ email: z.email().max(254), locale: z.enum(['de', 'en']).default('de') }).strict();
export type EmailInput = z.output<typeof emailSchema>;
