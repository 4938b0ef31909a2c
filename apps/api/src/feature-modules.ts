import { Type } from '@nestjs/common';

/**
 * The domain capabilities the API serves: their modules and thin controllers.
 * One list, so the OpenAPI description and the cross-tenant suite see them all.
 */
export function featureModules(): { modules: Type[]; controllers: Type[] } {
  return { modules: [], controllers: [] };
}
