import { ReportStatus } from '@app/domain';

export const INBOX_SORTS = ['created', '-created', 'due', '-due', 'priority', '-priority', 'updated', '-updated'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

export interface InboxFilter {
  status?: ReportStatus[];
  categoryId?: string;
  areaId?: string;
  departmentId?: string;
  /** Only reports at least / at most this many days old. */
  minAgeDays?: number;
  maxAgeDays?: number;
  overdue?: boolean;
  priority?: number;
  /** Unassigned reports only (the triage queue). */
  unassigned?: boolean;
  createdFrom?: Date;
  createdTo?: Date;
}

export interface InboxItem {
  id: string;
  number: string;
  status: ReportStatus;
  priority: number;
  category: { id: string; code: string; name: { de: string; en: string } };
  department: { id: string; name: string } | null;
  area: { id: string; name: string } | null;
  description: string;
  address: string | null;
  lat: number;
  lon: number;
  createdAt: Date;
  updatedAt: Date;
  dueAt: Date | null;
  overdue: boolean;
  hidden: boolean;
  duplicateOf: string | null;
}

/** What limits a staff member's view: department staff see their departments' reports only. */
export interface ReportScope {
  departmentIds: string[] | null;
  now: Date;
}
