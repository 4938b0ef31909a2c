import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Permission } from '@app/staff';
import { RouteCatalog, RouteInfo } from '../../../apps/api/src/openapi/openapi.builder';
import { STAFF_PERMISSION, STAFF_PUBLIC } from '../../../apps/api/src/staff/staff-auth.guard';
import { staffControllers } from '../../../apps/api/src/staff/staff-controllers';

export interface StaffRoute extends RouteInfo {
  /** null for the public sign-in routes. */
  permission: Permission | null;
}

/** Every staff route the running API serves, with the permission its handler declares. */
export function staffRoutes(api: INestApplication): StaffRoute[] {
  const controllers = new Map(staffControllers.map((controller) => [controller.name, controller]));
  return api
    .get(RouteCatalog)
    .routes()
    .filter((route) => controllers.has(route.controller))
    .map((route) => {
      const handler = controllers.get(route.controller)!.prototype[route.handler];
      const isPublic = Reflect.getMetadata(STAFF_PUBLIC, handler) === true;
      return { ...route, permission: isPublic ? null : (Reflect.getMetadata(STAFF_PERMISSION, handler) as Permission | undefined) ?? ('(none)' as Permission) };
    });
}

/** The concrete path of a route: the tenant's slug, known ids where given, random ids otherwise. */
export function concretePath(route: RouteInfo, slug: string, ids: Record<string, string> = {}): string {
  return route.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => (name === 'tenantSlug' ? slug : ids[name] ?? randomUUID()));
}
