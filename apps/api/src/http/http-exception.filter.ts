import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { TenantContextMissingError, classifyDatabaseError } from '@app/core';

/**
 * One error shape for every response. Unknown errors are logged with the
 * request id and answered with a generic 500; a lost database is a 503
 * with Retry-After, so clients and load balancers know to come back.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    if (response.headersSent) return;
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      response.status(exception.getStatus()).json(typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body);
      return;
    }
    const parseError = exception as { type?: string; status?: number };
    if (parseError?.type === 'entity.too.large') {
      response.status(413).json({ statusCode: 413, message: 'Request body too large' });
      return;
    }
    if (parseError?.type === 'entity.parse.failed' || parseError?.status === 400) {
      response.status(400).json({ statusCode: 400, message: 'Malformed request body', errors: [{ field: '(body)', code: 'malformed', message: 'Malformed request body' }] });
      return;
    }
    const databaseError = classifyDatabaseError(exception);
    if (databaseError === 'invalid_input') {
      this.logger.warn(`input refused by the database on ${request.method} ${request.route?.path ?? ''}: ${(exception as Error).message}`);
      response.status(400).json({ statusCode: 400, message: 'The input contains a value that cannot be stored (e.g. a NUL character or a number out of range).', errors: [{ field: '(input)', code: 'invalid_value', message: 'Invalid value' }] });
      return;
    }
    if (databaseError === 'unavailable') {
      response.setHeader('Retry-After', '5');
      response.status(HttpStatus.SERVICE_UNAVAILABLE).json({ statusCode: 503, message: 'The service is temporarily unavailable; nothing was stored. Please try again shortly.' });
      return;
    }
    const requestId = (request as Request & { id?: string }).id;
    if (exception instanceof TenantContextMissingError) {
      this.logger.error(`tenant context missing on ${request.method} ${request.route?.path ?? ''} (request ${requestId})`);
    } else {
      this.logger.error(`unhandled error on ${request.method} ${request.route?.path ?? ''} (request ${requestId}): ${(exception as Error)?.stack ?? String(exception)}`);
    }
    response.status(500).json({ statusCode: 500, message: 'Internal server error', requestId });
  }
}
