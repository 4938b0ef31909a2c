import { FieldError } from '@app/core';
import { Open311Document } from './open311-format';

export interface Open311ErrorEntry {
  code: string;
  description: string;
}

/**
 * An Open311 error answer: HTTP 400 for bad input, 403 for a missing or wrong
 * api_key, 404 for unknown resources. The body's `code` repeats the HTTP
 * status (numeric, as in the specification's sample); the description names
 * the parameter first, so a client that only logs the text still sees it.
 */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly errors: Open311ErrorEntry[],
  ) {
    super(errors.map((error) => error.description).join('; '));
  }

  static of(status: number, description: string): Open311Error {
    return new Open311Error(status, [{ code: String(status), description }]);
  }

  static badRequest(parameter: string, description: string): Open311Error {
    return Open311Error.of(400, `${parameter}: ${description}`);
  }

  static fromFieldErrors(status: number, errors: FieldError[], fieldName: (field: string) => string = (field) => field): Open311Error {
    if (errors.length === 0) return Open311Error.of(status, 'invalid input');
    return new Open311Error(status, errors.map((error) => ({ code: String(status), description: `${fieldName(error.field)}: ${error.message} (${error.code})` })));
  }

  document(): Open311Document {
    return { kind: 'list', root: 'errors', items: this.errors.map((error) => ({ code: error.code, description: error.description })) };
  }
}
