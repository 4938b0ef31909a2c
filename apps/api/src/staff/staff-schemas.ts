import { z } from 'zod';

export const errorSchema = z.object({ statusCode: z.number(), message: z.string(), code: z.string().optional(), errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional() });

export const staffUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.string(),
  departmentIds: z.array(z.string()),
  active: z.boolean(),
  totpEnabled: z.boolean(),
  sso: z.boolean(),
});

export const sessionSchema = z.object({
  user: z.object({ id: z.string(), email: z.string(), role: z.string(), departmentIds: z.array(z.string()) }),
  permissions: z.array(z.string()),
  csrfToken: z.string().describe('send as X-CSRF-Token on every POST/PUT/PATCH/DELETE'),
});

/** The usual answers of a staff route, merged into each route's documentation. */
export const staffResponses = {
  401: { description: 'not signed in (no session of this municipality)', schema: errorSchema },
  403: { description: 'missing CSRF header or the role lacks the permission', schema: errorSchema },
} as const;
