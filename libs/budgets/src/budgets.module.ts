import { Module } from '@nestjs/common';
import { NotificationsModule } from '@app/notifications';
import { PhotosModule } from '@app/photos';
import { TenantsModule } from '@app/tenants';
import { BudgetClock, SystemBudgetClock } from './budget-clock';
import { BudgetSecrets } from './budget-secrets';
import { BudgetPhaseProcessor, BudgetPhaseSweep } from './cycles/budget-phase.processor';
import { CyclesRepository } from './cycles/cycles.repository';
import { CyclesService } from './cycles/cycles.service';
import { ImplementationRepository } from './implementation/implementation.repository';
import { ImplementationService } from './implementation/implementation.service';
import { BudgetNotifyProcessor } from './notifications/budget-notify.processor';
import { BudgetNotifyRepository } from './notifications/budget-notify.repository';
import { PabulibTransferService } from './pabulib/pabulib-transfer.service';
import { BudgetPhotosProcessor } from './photos/budget-photos.processor';
import { ProposalsRepository } from './proposals/proposals.repository';
import { ProposalsService } from './proposals/proposals.service';
import { ReviewService } from './review/review.service';
import { BallotExportBuilder } from './tally/ballot-export.builder';
import { BudgetTallyProcessor } from './tally/budget-tally.processor';
import { TallyRepository } from './tally/tally.repository';
import { TallyService } from './tally/tally.service';
import { VotingRepository } from './voting/voting.repository';
import { VotingService } from './voting/voting.service';

const shared = [
  { provide: BudgetClock, useClass: SystemBudgetClock },
  BudgetSecrets,
  CyclesRepository,
  CyclesService,
  ProposalsRepository,
  ProposalsService,
  VotingRepository,
  BallotExportBuilder,
  TallyRepository,
  TallyService,
  PabulibTransferService,
];

/** The participatory budget for the API. */
@Module({
  imports: [TenantsModule, PhotosModule, NotificationsModule],
  providers: [...shared, ReviewService, VotingService, ImplementationRepository, ImplementationService],
  exports: [...shared, ReviewService, VotingService, ImplementationService],
})
export class BudgetsModule {}

/** The participatory budget's jobs (phase schedule, tally, photos, mail) for the worker. */
@Module({
  imports: [TenantsModule, PhotosModule, NotificationsModule],
  providers: [...shared, BudgetPhaseProcessor, BudgetPhaseSweep, BudgetTallyProcessor, BudgetPhotosProcessor, BudgetNotifyRepository, BudgetNotifyProcessor],
  exports: [...shared],
})
export class BudgetsWorkerModule {}
