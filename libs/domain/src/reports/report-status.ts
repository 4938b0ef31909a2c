/**
 * The German workflow with a public history. "Closed without fix" is distinct
 * from "fixed"; every status maps to Open311 open/closed and to the extended
 * statuses FixMyStreet speaks.
 */
export enum ReportStatus {
  Received = 'received',
  InReview = 'in_review',
  InProgress = 'in_progress',
  Fixed = 'fixed',
  ClosedNotFixed = 'closed_not_fixed',
  Forwarded = 'forwarded',
  Rejected = 'rejected',
  Duplicate = 'duplicate',
}

export const REPORT_STATUSES = Object.values(ReportStatus);

export const OPEN_STATUSES: ReadonlySet<ReportStatus> = new Set([ReportStatus.Received, ReportStatus.InReview, ReportStatus.InProgress]);

export function isOpenStatus(status: ReportStatus): boolean {
  return OPEN_STATUSES.has(status);
}

export const STATUS_LABELS: Record<ReportStatus, { de: string; en: string }> = {
  [ReportStatus.Received]: { de: 'eingegangen', en: 'received' },
  [ReportStatus.InReview]: { de: 'in Prüfung', en: 'under review' },
  [ReportStatus.InProgress]: { de: 'in Bearbeitung', en: 'in progress' },
  [ReportStatus.Fixed]: { de: 'erledigt', en: 'fixed' },
  [ReportStatus.ClosedNotFixed]: { de: 'geschlossen, nicht behoben', en: 'closed, not fixed' },
  [ReportStatus.Forwarded]: { de: 'nicht zuständig / weitergeleitet', en: 'not responsible / forwarded' },
  [ReportStatus.Rejected]: { de: 'abgelehnt', en: 'rejected' },
  [ReportStatus.Duplicate]: { de: 'Duplikat', en: 'duplicate' },
};

/** Open311 GeoReport v2 knows only open and closed. */
export function open311Status(status: ReportStatus): 'open' | 'closed' {
  return isOpenStatus(status) ? 'open' : 'closed';
}

/** FixMyStreet's extended statuses for servicerequestupdates. */
export const FMS_STATUS: Record<ReportStatus, string> = {
  [ReportStatus.Received]: 'OPEN',
  [ReportStatus.InReview]: 'INVESTIGATING',
  [ReportStatus.InProgress]: 'IN_PROGRESS',
  [ReportStatus.Fixed]: 'FIXED',
  [ReportStatus.ClosedNotFixed]: 'NO_FURTHER_ACTION',
  [ReportStatus.Forwarded]: 'NOT_COUNCILS_RESPONSIBILITY',
  [ReportStatus.Rejected]: 'CLOSED',
  [ReportStatus.Duplicate]: 'DUPLICATE',
};

/** Which transitions staff may make; closed reports can be reopened. */
const ALLOWED: Record<ReportStatus, ReportStatus[]> = {
  [ReportStatus.Received]: [ReportStatus.InReview, ReportStatus.InProgress, ReportStatus.Fixed, ReportStatus.ClosedNotFixed, ReportStatus.Forwarded, ReportStatus.Rejected, ReportStatus.Duplicate],
  [ReportStatus.InReview]: [ReportStatus.InProgress, ReportStatus.Fixed, ReportStatus.ClosedNotFixed, ReportStatus.Forwarded, ReportStatus.Rejected, ReportStatus.Duplicate],
  [ReportStatus.InProgress]: [ReportStatus.InReview, ReportStatus.Fixed, ReportStatus.ClosedNotFixed, ReportStatus.Forwarded, ReportStatus.Rejected, ReportStatus.Duplicate],
  [ReportStatus.Fixed]: [ReportStatus.InProgress, ReportStatus.InReview],
  [ReportStatus.ClosedNotFixed]: [ReportStatus.InProgress, ReportStatus.InReview],
  [ReportStatus.Forwarded]: [ReportStatus.InReview],
  [ReportStatus.Rejected]: [ReportStatus.InReview],
  [ReportStatus.Duplicate]: [ReportStatus.InReview],
};

export function canTransition(from: ReportStatus, to: ReportStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** Statuses that need a public reason. */
export const REASON_REQUIRED: ReadonlySet<ReportStatus> = new Set([ReportStatus.Rejected, ReportStatus.ClosedNotFixed, ReportStatus.Forwarded]);
