import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { FieldValidationException, classifyDatabaseError } from '@app/core';
import { Open311Error, open311FieldName, parseFormat, renderDocument } from '@app/open311';

/** The format the client asked for by suffix; XML (mandatory in the spec) otherwise. */
function requestedFormat(request: Request): 'xml' | 'json' {
  const fromParam = parseFormat((request.params as Record<string, string> | undefined)?.format);
  if (fromParam) return fromParam;
  return /\.json$/i.test(request.path) ? 'json' : 'xml';
}

/**
 * Every error on an Open311 route as `<errors><error><code/><description/>`
 * (JSON: an array): FixMyStreet reads nothing else. Validation and client
 * errors keep their 4xx status; anything unexpected is logged and answered
 * 500 in the same shape.
 */
@Catch()
export class Open311ExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('open311');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request & { id?: string }>();
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    const error = this.toOpen311(exception, request);
    const rendered = renderDocument(error.document(), requestedFormat(request));
    if (error.status === 503) response.setHeader('Retry-After', '5');
    response.status(error.status).setHeader('Content-Type', rendered.contentType);
    response.send(Buffer.from(rendered.body, 'utf8'));
  }

  private toOpen311(exception: unknown, request: Request & { id?: string }): Open311Error {
    if (exception instanceof Open311Error) return exception;
    if (exception instanceof FieldValidationException) return Open311Error.fromFieldErrors(400, exception.fieldErrors, open311FieldName);
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const body = exception.getResponse() as string | { message?: unknown };
      const message = typeof body === 'string' ? body : Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? exception.message);
      return Open311Error.of(exception.getStatus(), message);
    }
    const databaseError = classifyDatabaseError(exception);
    if (databaseError === 'unavailable') {
      return Open311Error.of(503, 'The service is temporarily unavailable; nothing was stored. Please try again shortly.');
    }
    if (databaseError === 'invalid_input') return Open311Error.of(400, 'A parameter contains a value that cannot be stored or searched (e.g. a NUL character)');
    this.logger.error(`unhandled error on ${request.method} ${request.route?.path ?? ''} (request ${request.id}): ${(exception as Error)?.stack ?? String(exception)}`);
    return Open311Error.of(500, `Internal server error (request ${request.id ?? 'unknown'})`);
  }
}
