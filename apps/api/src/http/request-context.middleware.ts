import { randomUUID } from 'node:crypto';
import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { LANGUAGE_KEY, Metrics, requestLanguage } from '@app/core';
import { Logger as Pino } from 'pino';

export const PINO = Symbol('PINO');

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Per request: an id (taken from X-Request-Id when sane), the UI language,
 * one access-log line and a latency observation. The log line names the
 * route template, never the query string or body, which may carry personal data.
 */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  constructor(
    private readonly cls: ClsService,
    private readonly metrics: Metrics,
    @Inject(PINO) private readonly pino: Pino,
  ) {}

  use(request: Request & { id?: string }, response: Response, next: NextFunction): void {
    const incoming = request.header('x-request-id');
    const id = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    request.id = id;
    response.setHeader('X-Request-Id', id);
    if (this.cls.isActive()) this.cls.set(LANGUAGE_KEY, requestLanguage(request.headers['accept-language']));
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = request.route?.path ? `${request.baseUrl ?? ''}${request.route.path}` : 'unmatched';
      this.metrics.httpDuration.observe({ method: request.method, route, status: String(response.statusCode) }, seconds);
      if (route === '/metrics' || route === '/health') return;
      this.pino.info({ reqId: id, method: request.method, route, status: response.statusCode, ms: Math.round(seconds * 1000) }, 'request');
    });
    next();
  }
}
