import { z } from 'zod';
import { i18nMessage } from '@app/core';

const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

/** Control characters other than line breaks and tabs have no place in plain text. */
const plainText = (value: string) => value.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');

const attributesField = z
  .union([z.string().max(20000), z.record(z.string(), z.union([z.string().max(4000), z.array(z.string().max(200)).max(50)]))])
  .optional()
  .transform((value, context) => {
    if (value === undefined || value === '') return {} as Record<string, string | string[]>;
    if (typeof value !== 'string') return value;
    try {
      const parsed = JSON.parse(value);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, string | string[]>;
    } catch {
      // reported below
    }
    context.addIssue({ code: 'custom', message: i18nMessage('invalid_json', 'Zusatzangaben sind kein gültiges JSON-Objekt', 'Extra answers are not a valid JSON object') });
    return z.NEVER;
  });

/** A citizen's report, as JSON or as the text fields of a multipart form. */
export const reportSubmissionSchema = z
  .object({
    category: z.string().trim().min(1).max(63),
    lat: z.coerce.number().min(-90).max(90).optional(),
    lon: z.coerce.number().min(-180).max(180).optional(),
    areaId: z.string().uuid().optional().or(z.literal('').transform(() => undefined)),
    address: optionalText(500),
    description: z
      .string()
      .max(4000, i18nMessage('too_long', 'Die Beschreibung darf höchstens 4.000 Zeichen haben', 'The description may have at most 4,000 characters'))
      .transform(plainText)
      .refine((value) => value.trim().length > 0, i18nMessage('required', 'Bitte beschreiben Sie den Mangel', 'Please describe the problem')),
    attributes: attributesField,
    contactEmail: z
      .string()
      .max(254)
      .optional()
      .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim().toLowerCase()))
      .refine((value) => value === undefined || z.email().safeParse(value).success, i18nMessage('invalid_email', 'Bitte eine gültige E-Mail-Adresse angeben', 'Please enter a valid e-mail address')),
    contactName: optionalText(200),
    contactPhone: optionalText(50).refine(
      (value) => value === undefined || /^[+0-9 ()/.-]{3,50}$/.test(value),
      i18nMessage('invalid_phone', 'Telefonnummer: nur Ziffern, Leerzeichen und + ( ) / - .', 'Phone: digits, spaces and + ( ) / - . only'),
    ),
    locale: z.enum(['de', 'en']).default('de'),
  })
  .superRefine((value, context) => {
    const hasLat = value.lat !== undefined;
    const hasLon = value.lon !== undefined;
    if (hasLat !== hasLon) {
      context.addIssue({ code: 'custom', path: [hasLat ? 'lon' : 'lat'], message: i18nMessage('incomplete_point', 'Breite und Länge gehören zusammen', 'Latitude and longitude go together') });
    }
    if (!hasLat && !hasLon && !value.areaId) {
      context.addIssue({ code: 'custom', path: ['lat'], message: i18nMessage('location_required', 'Bitte den Ort auf der Karte markieren oder einen Ortsteil und eine Ortsbeschreibung angeben', 'Please mark the place on the map, or choose a district and describe the place') });
    }
    if (!hasLat && value.areaId && !value.address) {
      context.addIssue({ code: 'custom', path: ['address'], message: i18nMessage('address_required', 'Ohne Kartenpunkt brauchen wir eine Ortsbeschreibung (Straße, Hausnummer, markante Stelle)', 'Without a map point we need a description of the place (street, number, landmark)') });
    }
  });

export type ReportSubmission = z.output<typeof reportSubmissionSchema>;
