import { z } from 'zod';

export const IMPLEMENTATION_STATUSES = ['planned', 'in_progress', 'completed', 'cancelled'] as const;

export const implementationUpdateSchema = z
  .object({
    status: z.enum(IMPLEMENTATION_STATUSES),
    progress: z.number().int().min(0).max(100),
    /** Public note, mailed to followers. */
    note: z.string().trim().max(4000).optional(),
  })
  .strict();
export type ImplementationUpdate = z.output<typeof implementationUpdateSchema>;

export const milestoneSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    description: z.string().trim().max(4000).default(''),
    status: z.enum(IMPLEMENTATION_STATUSES).default('planned'),
    progress: z.number().int().min(0).max(100).default(0),
    dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  })
  .strict();
export type MilestoneInput = z.output<typeof milestoneSchema>;
export const milestoneUpdateSchema = milestoneSchema.partial().strict();
export type MilestoneUpdate = z.output<typeof milestoneUpdateSchema>;
