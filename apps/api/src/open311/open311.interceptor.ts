import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { Observable, from, map, switchMap } from 'rxjs';
import { Open311Client, Open311Document, Open311Error, Open311Format, Open311JurisdictionService, parseFormat, renderDocument } from '@app/open311';
import { Tenant } from '@app/tenants';

const REQUIRES_API_KEY = Symbol('open311:requiresApiKey');

/** POST methods need the client's api_key (403 without); GETs never ask for one. */
export const RequiresApiKey = (): MethodDecorator => SetMetadata(REQUIRES_API_KEY, true);

export interface Open311RequestContext {
  tenant: Tenant;
  format: Open311Format;
  client?: Open311Client;
}

export type Open311Request = Request & { open311?: Open311RequestContext };

/**
 * Every Open311 route: the format suffix (xml/json, else 400), the
 * jurisdiction (400/404), the api_key where required (403), then the
 * handler's document rendered with the exact Content-Type. It runs after the
 * multipart parser, because FixMyStreet sends jurisdiction_id and api_key
 * inside multipart bodies, which a guard would not yet see.
 */
@Injectable()
export class Open311Interceptor implements NestInterceptor {
  constructor(
    private readonly jurisdiction: Open311JurisdictionService,
    private readonly reflector: Reflector,
  ) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = execution.switchToHttp().getRequest<Open311Request>();
    const response = execution.switchToHttp().getResponse<Response>();
    const requiresKey = this.reflector.get<boolean>(REQUIRES_API_KEY, execution.getHandler()) === true;
    return from(this.prepare(request, requiresKey)).pipe(
      switchMap(() => next.handle()),
      map((document: Open311Document) => {
        const rendered = renderDocument(document, request.open311!.format);
        response.setHeader('Content-Type', rendered.contentType);
        return rendered.body;
      }),
    );
  }

  private async prepare(request: Open311Request, requiresKey: boolean): Promise<void> {
    const suffix = request.params.format;
    const format = parseFormat(typeof suffix === 'string' ? suffix : undefined);
    if (!format) throw Open311Error.of(400, `format: unknown format .${String(suffix).slice(0, 20)}; use .xml or .json`);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const tenant = await this.jurisdiction.enter(query, body);
    request.open311 = { tenant, format };
    if (requiresKey) request.open311.client = await this.jurisdiction.authenticate(query, body);
  }
}
