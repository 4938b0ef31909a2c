import { Module } from '@nestjs/common';
import { NotificationsModule } from '@app/notifications';
import { PhotosModule } from '@app/photos';
import { TenantsModule } from '@app/tenants';
import { CategoriesRepository } from './catalog/categories.repository';
import { CategoriesService } from './catalog/categories.service';
import { FollowersRepository } from './followers/followers.repository';
import { FollowersService } from './followers/followers.service';
import { PointOwnerRepository } from './intake/point-owner.repository';
import { ReportIntakeRepository } from './intake/report-intake.repository';
import { ReportIntakeService } from './intake/report-intake.service';
import { MediaService } from './media/media.service';
import { ReportNotifyProcessor } from './notifications/report-notify.processor';
import { ReportNotifyRepository } from './notifications/report-notify.repository';
import { SentNotificationsRepository } from './notifications/sent-notifications.repository';
import { ReportPhotosProcessor } from './photos/report-photos.processor';
import { ReportPhotosRepository } from './photos/report-photos.repository';
import { ReportChangeListeners } from './report-change-listeners';
import { ReportRoutingProcessor } from './routing/report-routing.processor';
import { ReportRoutingRepository } from './routing/report-routing.repository';
import { ReportRoutingSweep } from './routing/report-routing.sweep';
import { ReportDemoSeed } from './seed/report-demo-seed';
import { ContactPrivacyRepository } from './privacy/contact-privacy.repository';
import { ContactSelfServiceService } from './privacy/contact-self-service.service';
import { ReportRetentionService } from './privacy/report-retention.service';
import { RetentionClock, SystemRetentionClock } from './privacy/retention-clock';

const shared = [CategoriesRepository, ReportChangeListeners, ReportDemoSeed];

/** The defect reporter's write side, for the API. */
@Module({
  imports: [TenantsModule, PhotosModule, NotificationsModule],
  providers: [...shared, CategoriesService, ReportIntakeRepository, ReportIntakeService, PointOwnerRepository, FollowersRepository, FollowersService, MediaService, ContactPrivacyRepository, ContactSelfServiceService],
  exports: [...shared, CategoriesService, ReportIntakeService, FollowersService, MediaService, ContactSelfServiceService],
})
export class ReportsModule {}

/** The defect reporter's jobs and sweeps, for the worker. */
@Module({
  imports: [TenantsModule, PhotosModule, NotificationsModule],
  providers: [
    ...shared,
    ReportRoutingRepository,
    ReportRoutingProcessor,
    ReportRoutingSweep,
    ReportPhotosRepository,
    ReportPhotosProcessor,
    ReportNotifyRepository,
    SentNotificationsRepository,
    ReportNotifyProcessor,
    ContactPrivacyRepository,
    { provide: RetentionClock, useClass: SystemRetentionClock },
    ReportRetentionService,
  ],
  exports: [...shared, ReportRetentionService, RetentionClock],
})
export class ReportsWorkerModule {}
