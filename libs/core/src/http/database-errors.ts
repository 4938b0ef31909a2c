const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', '57P01', '57P02', '57P03', '08006', '08001', '08003']);
// The connection died mid-transaction: TypeORM released its query runner and refuses further
// queries on it (even the COMMIT). The transaction never committed: an outage like any other.
const RELEASED_RUNNER_ERRORS = new Set(['QueryRunnerProviderAlreadyReleasedError', 'QueryRunnerAlreadyReleasedError']);

export type DatabaseErrorKind = 'unavailable' | 'invalid_input';

/**
 * What a database error means for the client. A lost database is a 503
 * (come back); PostgreSQL's class 22 "data exception" (a NUL byte, an
 * invalid uuid, a number out of range that slipped past validation) is bad
 * input, a 400 — never a 500. Anything else is a bug and stays a 500.
 */
export function classifyDatabaseError(error: unknown): DatabaseErrorKind | null {
  const candidate = error as { code?: string; name?: string; message?: string; driverError?: { code?: string } };
  const code = candidate?.driverError?.code ?? candidate?.code;
  if (
    RELEASED_RUNNER_ERRORS.has(candidate?.name ?? '') ||
    (code !== undefined && UNAVAILABLE_CODES.has(code)) ||
    /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED/.test(candidate?.message ?? '')
  ) {
    return 'unavailable';
  }
  if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return 'invalid_input';
  return null;
}
