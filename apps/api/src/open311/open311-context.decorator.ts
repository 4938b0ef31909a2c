import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { Open311Request, Open311RequestContext } from './open311.interceptor';

/** The tenant, format and client the Open311Interceptor established. */
export const Open311Context = createParamDecorator((_data: unknown, execution: ExecutionContext): Open311RequestContext => {
  const context = execution.switchToHttp().getRequest<Open311Request>().open311;
  if (!context) throw new Error('Open311Context used on a route without Open311Interceptor');
  return context;
});
