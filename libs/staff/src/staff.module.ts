import { Module } from '@nestjs/common';
import { NotificationsModule } from '@app/notifications';
import { PhotosModule } from '@app/photos';
import { ReportsModule, ReportsWorkerModule } from '@app/reports';
import { Open311Module } from '@app/open311';
import { TenantsModule } from '@app/tenants';
import { AdminCatalogRepository } from './admin/admin-catalog.repository';
import { AdminCatalogService } from './admin/admin-catalog.service';
import { AdminSettingsRepository } from './admin/admin-settings.repository';
import { AdminSettingsService } from './admin/admin-settings.service';
import { AdminUsersService } from './admin/admin-users.service';
import { StaffAuditBrowseService } from './audit/staff-audit-browse.service';
import { StaffOidcRepository } from './auth/staff-oidc.repository';
import { StaffOidcService } from './auth/staff-oidc.service';
import { ReportExportService } from './stats/report-export.service';
import { StaffStatsRepository } from './stats/staff-stats.repository';
import { StaffStatsService } from './stats/staff-stats.service';
import { StaffAuditRepository } from './audit/staff-audit.repository';
import { StaffAudit } from './audit/staff-audit.service';
import { PasswordLinks } from './auth/password-links';
import { StaffAuthService } from './auth/staff-auth.service';
import { StaffPasswordMailProcessor } from './auth/staff-password-mail.processor';
import { StaffSessionsRepository } from './auth/staff-sessions.repository';
import { StaffUsersRepository } from './auth/staff-users.repository';
import { StaffDemoSeed } from './seed/staff-demo-seed';
import { Clock, SystemClock } from './sla/clock';
import { StaffContext } from './staff-context';
import { EscalationRepository } from './sla/escalation.repository';
import { ReportEscalateProcessor } from './sla/report-escalate.processor';
import { ReportEscalationSweep } from './sla/report-escalation.sweep';
import { StaffReportsRepository } from './reports/staff-reports.repository';
import { StaffReportsService } from './reports/staff-reports.service';
import { ReportMergeRepository } from './reports/report-merge.repository';
import { ReportMergeService } from './reports/report-merge.service';
import { ReportForwardService } from './reports/report-forward.service';
import { ReportModerationService } from './reports/report-moderation.service';

const shared = [
  StaffContext,
  StaffUsersRepository,
  StaffSessionsRepository,
  StaffAuditRepository,
  StaffAudit,
  PasswordLinks,
  StaffAuthService,
  StaffDemoSeed,
  { provide: Clock, useClass: SystemClock },
  StaffReportsRepository,
  StaffReportsService,
  ReportMergeRepository,
  ReportMergeService,
  ReportForwardService,
  ReportModerationService,
];

/** The staff back office for the API. */
const apiOnly = [AdminCatalogRepository, AdminCatalogService, AdminUsersService, AdminSettingsRepository, AdminSettingsService, StaffAuditBrowseService, StaffStatsRepository, StaffStatsService, ReportExportService, StaffOidcRepository, StaffOidcService];

@Module({
  imports: [TenantsModule, NotificationsModule, PhotosModule, ReportsModule, Open311Module],
  providers: [...shared, ...apiOnly],
  exports: [...shared, ...apiOnly],
})
export class StaffModule {}

/** The staff back office's jobs, sweeps, CLI commands and demo seed, for the worker. */
@Module({
  imports: [TenantsModule, NotificationsModule, PhotosModule, ReportsWorkerModule],
  providers: [...shared, StaffPasswordMailProcessor, EscalationRepository, ReportEscalationSweep, ReportEscalateProcessor],
  exports: [...shared],
})
export class StaffWorkerModule {}
