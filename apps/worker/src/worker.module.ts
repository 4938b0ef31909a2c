import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CoreModule, WorkerModule as QueueWorkerModule } from '@app/core';
import { TenantsModule } from '@app/tenants';
import { workerFeatureModules } from './feature-modules';

/** BullMQ consumers, the outbox relay and sweeps; no HTTP server. */
@Module({})
export class WorkerAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerAppModule, imports: [CoreModule.forRoot(config), QueueWorkerModule, TenantsModule, ...workerFeatureModules()] };
  }
}
