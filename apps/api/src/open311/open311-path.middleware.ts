import type { NextFunction, Request, Response } from 'express';

/**
 * FixMyStreet appends "services.xml" to the endpoint an administrator typed:
 * ".../v2/" gives the right URL, ".../v2//" a double slash and ".../v2" gives
 * ".../v2services.xml". All three reach the same routes (docs/open311.md).
 */
export function normalizeOpen311Path(request: Request, _response: Response, next: NextFunction): void {
  const queryAt = request.url.indexOf('?');
  const path = queryAt === -1 ? request.url : request.url.slice(0, queryAt);
  const normalized = path.replace(/\/{2,}/g, '/').replace(/^\/open311\/v2(?=[a-z])/, '/open311/v2/');
  if (normalized !== path) request.url = normalized + (queryAt === -1 ? '' : request.url.slice(queryAt));
  next();
}
