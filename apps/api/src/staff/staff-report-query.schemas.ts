import { z } from 'zod';
import { REPORT_STATUSES } from '@app/domain';
import { INBOX_SORTS } from '@app/staff';

const statusList = z
  .string()
  .max(300)
  .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
  .pipe(z.array(z.enum(REPORT_STATUSES as [string, ...string[]])));
const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** Inbox, map and export filters (query string). */
export const inboxFilterSchema = z.object({
  status: statusList.optional(),
  categoryId: z.string().uuid().optional(),
  areaId: z.string().uuid().optional(),
  departmentId: z.string().uuid().optional(),
  unassigned: flag.optional(),
  priority: z.coerce.number().int().min(1).max(3).optional(),
  minAgeDays: z.coerce.number().int().min(0).max(3650).optional(),
  maxAgeDays: z.coerce.number().int().min(0).max(3650).optional(),
  overdue: flag.optional(),
  createdFrom: z.coerce.date().optional(),
  createdTo: z.coerce.date().optional(),
});

export const inboxQuerySchema = inboxFilterSchema.extend({
  sort: z.enum(INBOX_SORTS).default('-created'),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
}).strict();

export type InboxQuery = z.output<typeof inboxQuerySchema>;

export function filterOf(query: z.output<typeof inboxFilterSchema>) {
  const { status, ...rest } = query;
  return { ...rest, status: status as never };
}
