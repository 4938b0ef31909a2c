import { Injectable, RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { z } from 'zod';
import { API_DOC, ApiDoc } from '../http/api-docs.decorator';

const PATH_METADATA = 'path';
const METHOD_METADATA = 'method';
const ROUTE_ARGS_METADATA = '__routeArguments__';
// Nest's RouteParamtypes: 3 = BODY, 4 = QUERY, 5 = PARAM.
const BODY = 3;
const QUERY = 4;
const PARAM = 5;

export interface RouteInfo {
  method: string;
  /** Express-style path, e.g. /api/v1/t/:tenantSlug/reports/:id */
  path: string;
  controller: string;
  handler: string;
  doc?: ApiDoc;
  body?: z.ZodType;
  query?: z.ZodType;
  params: Record<string, z.ZodType | undefined>;
}

function joinPath(...parts: string[]): string {
  return `/${parts.map((part) => part.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const result = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' }) as Record<string, unknown>;
  delete result.$schema;
  return result;
}

/**
 * Reads the routes Nest knows, with the zod schemas that validate them, so the
 * OpenAPI description and the cross-tenant test suite come from the real API.
 */
@Injectable()
export class RouteCatalog {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  routes(): RouteInfo[] {
    const routes: RouteInfo[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const metatype = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!metatype) continue;
      const prefixes = ([] as string[]).concat(this.reflector.get<string | string[]>(PATH_METADATA, metatype) ?? '');
      const prototype = metatype.prototype;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        const paths = this.reflector.get<string | string[] | undefined>(PATH_METADATA, handler);
        const method = this.reflector.get<RequestMethod | undefined>(METHOD_METADATA, handler);
        if (paths === undefined || method === undefined) continue;
        const args: Record<string, { index: number; data?: string; schema?: z.ZodType }> =
          Reflect.getMetadata(ROUTE_ARGS_METADATA, metatype, name) ?? {};
        let body: z.ZodType | undefined;
        let query: z.ZodType | undefined;
        const params: Record<string, z.ZodType | undefined> = {};
        for (const [key, arg] of Object.entries(args)) {
          const type = Number(key.split(':')[0]);
          if (type === BODY && arg.schema) body = arg.schema;
          if (type === QUERY && arg.schema) query = arg.schema;
          if (type === PARAM && arg.data) params[arg.data] = arg.schema;
        }
        for (const prefix of prefixes) {
          for (const path of ([] as string[]).concat(paths)) {
            routes.push({
              method: RequestMethod[method].toLowerCase(),
              path: joinPath(prefix, path),
              controller: metatype.name,
              handler: name,
              doc: this.reflector.get<ApiDoc>(API_DOC, handler),
              body,
              query,
              params,
            });
          }
        }
      }
    }
    return routes;
  }
}

@Injectable()
export class OpenApiBuilder {
  private cached?: Record<string, unknown>;

  constructor(private readonly catalog: RouteCatalog) {}

  document(): Record<string, unknown> {
    if (this.cached) return this.cached;
    const paths: Record<string, Record<string, unknown>> = {};
    for (const route of this.catalog.routes()) {
      if (!route.doc) continue;
      const openApiPath = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const parameters: unknown[] = [];
      for (const [name, schema] of Object.entries(route.params)) {
        parameters.push({ name, in: 'path', required: true, schema: schema ? jsonSchema(schema) : { type: 'string' } });
      }
      for (const match of route.path.matchAll(/:([A-Za-z0-9_]+)/g)) {
        if (!(match[1] in route.params)) parameters.push({ name: match[1], in: 'path', required: true, schema: { type: 'string' } });
      }
      if (route.query) {
        const schema = jsonSchema(route.query) as { properties?: Record<string, unknown>; required?: string[] };
        for (const [name, property] of Object.entries(schema.properties ?? {})) {
          parameters.push({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: property });
        }
      }
      const operation: Record<string, unknown> = {
        operationId: route.handler,
        summary: route.doc.summary,
        tags: route.doc.tags ?? [route.controller.replace(/Controller$/, '')],
        parameters,
        responses: Object.fromEntries(
          Object.entries(route.doc.responses ?? { 200: { description: 'OK' } }).map(([status, response]) => [
            status,
            {
              description: response.description,
              ...(response.schema ? { content: { [response.contentType ?? 'application/json']: { schema: jsonSchema(response.schema) } } } : {}),
            },
          ]),
        ),
      };
      if (route.body) operation.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } };
      if (route.doc.multipart) operation.requestBody = { required: true, content: { 'multipart/form-data': { schema: jsonSchema(route.doc.multipart) } } };
      paths[openApiPath] ??= {};
      paths[openApiPath][route.method] = operation;
    }
    this.cached = {
      openapi: '3.0.3',
      info: {
        title: 'mitreden API',
        version: '1',
        description:
          'Citizen participation for municipalities. Tenant-scoped routes live under /api/v1/t/{tenantSlug}/… ; errors have the shape { statusCode, message, errors: [{ field, code, message }] } with messages in the Accept-Language language (de, en).',
      },
      paths,
    };
    return this.cached;
  }
}
