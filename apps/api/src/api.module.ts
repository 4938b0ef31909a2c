import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { AppConfig, CoreModule } from '@app/core';
import { TenantsModule } from '@app/tenants';
import { Logger as Pino } from 'pino';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { HttpExceptionFilter } from './http/http-exception.filter';
import { PINO, RequestContextMiddleware } from './http/request-context.middleware';
import { FieldValidationPipe } from './http/validation.pipe';
import { OpenApiBuilder, RouteCatalog } from './openapi/openapi.builder';
import { OpenApiController } from './openapi/openapi.controller';
import { TenantsController } from './tenants/tenants.controller';
import { featureModules } from './feature-modules';

@Module({})
export class ApiModule implements NestModule {
  static forRoot(config: AppConfig, pino: Pino): DynamicModule {
    const features = featureModules();
    return {
      module: ApiModule,
      imports: [CoreModule.forRoot(config), DiscoveryModule, TenantsModule, ...features.modules],
      controllers: [HealthController, OpenApiController, TenantsController, ...features.controllers],
      providers: [
        HealthService,
        RouteCatalog,
        OpenApiBuilder,
        { provide: PINO, useValue: pino },
        { provide: APP_PIPE, useClass: FieldValidationPipe },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('*path');
  }
}
