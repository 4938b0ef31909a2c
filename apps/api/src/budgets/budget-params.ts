import { z } from 'zod';

export const errorSchema = z.object({ statusCode: z.number(), message: z.string(), code: z.string().optional(), errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional() });
export const tokenQuery = z.object({ token: z.string().max(200) });
export const receiptParam = z.string().regex(/^[0-9A-Fa-f-]{32,40}$/);
export const exportQuery = z.object({ budgetId: z.string().uuid().optional() }).strict();
export const proposalListQuery = z.object({ budgetId: z.string().uuid().optional(), status: z.enum(['submitted', 'feasible', 'not_feasible', 'merged']).optional() }).strict();
