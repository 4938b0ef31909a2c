import { Module } from '@nestjs/common';
import { ReportsModule } from '@app/reports';
import { TenantsModule } from '@app/tenants';
import { Open311JurisdictionService } from './http/open311-jurisdiction.service';
import { Open311ApiKeysRepository } from './keys/open311-api-keys.repository';
import { Open311ApiKeysService } from './keys/open311-api-keys.service';
import { Open311RequestsRepository } from './requests/open311-requests.repository';
import { Open311RequestsService } from './requests/open311-requests.service';
import { Open311SubmissionsRepository } from './requests/open311-submissions.repository';
import { Open311SubmitService } from './requests/open311-submit.service';
import { Open311TokensService } from './requests/open311-tokens.service';
import { Open311ServicesService } from './services/open311-services.service';
import { Open311UpdatesRepository } from './updates/open311-updates.repository';
import { Open311UpdatesService } from './updates/open311-updates.service';

const services = [Open311JurisdictionService, Open311ApiKeysService, Open311ServicesService, Open311RequestsService, Open311SubmitService, Open311TokensService, Open311UpdatesService];

/** The Open311 GeoReport v2 server of the defect reporter. */
@Module({
  imports: [TenantsModule, ReportsModule],
  providers: [...services, Open311ApiKeysRepository, Open311RequestsRepository, Open311SubmissionsRepository, Open311UpdatesRepository],
  exports: services,
})
export class Open311Module {}
