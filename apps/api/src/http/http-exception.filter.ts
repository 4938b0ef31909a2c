import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { TenantContextMissingError } from '@app/core';

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', '57P01', '57P02', '57P03', '08006', '08001', '08003']);

function isDatabaseUnavailable(error: unknown): boolean {
  const candidate = error as { code?: string; name?: string; message?: string; driverError?: { code?: string } };
  const code = candidate?.driverError?.code ?? candidate?.code;
  // The connection died mid-transaction: TypeORM released its query runner and refuses further
  // queries on it (even the COMMIT). The transaction never committed: an outage like any other.
  if (candidate?.name === 'QueryRunnerProviderAlreadyReleasedError' || candidate?.name === 'QueryRunnerAlreadyReleasedError') return true;
  return (
    (code !== undefined && UNAVAILABLE_CODES.has(code)) ||
    /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED/.test(candidate?.message ?? '')
  );
}

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
    if (isDatabaseUnavailable(exception)) {
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
