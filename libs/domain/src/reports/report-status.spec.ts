import { FMS_STATUS, REPORT_STATUSES, ReportStatus, STATUS_LABELS, canTransition, isOpenStatus, open311Status } from './report-status';

describe('report status model', () => {
  it.each([
    [ReportStatus.Received, 'open', 'OPEN'],
    [ReportStatus.InReview, 'open', 'INVESTIGATING'],
    [ReportStatus.InProgress, 'open', 'IN_PROGRESS'],
    [ReportStatus.Fixed, 'closed', 'FIXED'],
    [ReportStatus.ClosedNotFixed, 'closed', 'NO_FURTHER_ACTION'],
    [ReportStatus.Forwarded, 'closed', 'NOT_COUNCILS_RESPONSIBILITY'],
    [ReportStatus.Rejected, 'closed', 'CLOSED'],
    [ReportStatus.Duplicate, 'closed', 'DUPLICATE'],
  ])('%s is %s in Open311 and %s for FixMyStreet', (status, open311, fms) => {
    expect(open311Status(status)).toBe(open311);
    expect(FMS_STATUS[status]).toBe(fms);
  });

  it('keeps "closed, not fixed" apart from "fixed"', () => {
    expect(STATUS_LABELS[ReportStatus.Fixed].de).toBe('erledigt');
    expect(STATUS_LABELS[ReportStatus.ClosedNotFixed].de).not.toBe('erledigt');
    expect(isOpenStatus(ReportStatus.ClosedNotFixed)).toBe(false);
  });

  it('labels every status in German and English', () => {
    for (const status of REPORT_STATUSES) {
      expect(STATUS_LABELS[status].de.length).toBeGreaterThan(0);
      expect(STATUS_LABELS[status].en.length).toBeGreaterThan(0);
    }
  });

  it('lets staff reopen closed reports but not jump back to received', () => {
    expect(canTransition(ReportStatus.Fixed, ReportStatus.InProgress)).toBe(true);
    expect(canTransition(ReportStatus.InProgress, ReportStatus.Received)).toBe(false);
    expect(canTransition(ReportStatus.Received, ReportStatus.Received)).toBe(false);
  });
});
