import { Type } from '@nestjs/common';
import { StaffModule } from '@app/staff';
import { CategoriesController } from './reports/categories.controller';
import { FollowersController } from './reports/followers.controller';
import { MediaController } from './reports/media.controller';
import { ReportReadModule, ReportsModule } from '@app/reports';
import { GeodataController } from './reports/geodata.controller';
import { ReportMapController } from './reports/report-map.controller';
import { ReportIntakeController } from './reports/report-intake.controller';
import { open311Feature } from './open311';
import { staffControllers } from './staff/staff-controllers';
import { budgetsFeature } from './budgets';
import { ContactSelfServiceController } from './privacy/contact-self-service.controller';

/**
 * The domain capabilities the API serves: their modules and thin controllers.
 * One list, so the OpenAPI description and the cross-tenant suite see them all.
 */
export function featureModules(): { modules: Type[]; controllers: Type[] } {
  return {
    modules: [ReportsModule, ReportReadModule, StaffModule, ...open311Feature.modules, ...budgetsFeature.modules],
    controllers: [CategoriesController, ReportIntakeController, FollowersController, MediaController, ReportMapController, GeodataController, ...staffControllers, ...open311Feature.controllers, ...budgetsFeature.controllers, ContactSelfServiceController],
  };
}
