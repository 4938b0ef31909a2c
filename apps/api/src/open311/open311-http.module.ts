import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { Open311Module } from '@app/open311';
import { normalizeOpen311Path } from './open311-path.middleware';

/** The Open311 library plus the path normalisation that must run before routing. */
@Module({ imports: [Open311Module], exports: [Open311Module] })
export class Open311HttpModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(normalizeOpen311Path).forRoutes({ path: 'open311/*rest', method: RequestMethod.ALL });
  }
}
