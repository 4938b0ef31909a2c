import { classifyDatabaseError } from './database-errors';

describe('classifyDatabaseError', () => {
  it.each([
    [{ code: '22021', message: 'invalid byte sequence for encoding "UTF8": 0x00' }, 'invalid_input'],
    [{ driverError: { code: '22P02' }, message: 'invalid input syntax for type uuid' }, 'invalid_input'],
    [{ code: '22003' }, 'invalid_input'],
    [{ code: 'ECONNREFUSED' }, 'unavailable'],
    [{ code: '57P01' }, 'unavailable'],
    [new Error('Connection terminated unexpectedly'), 'unavailable'],
    [{ code: '23505' }, null],
    [new Error('boom'), null],
    [undefined, null],
  ])('%j → %s', (error, kind) => {
    expect(classifyDatabaseError(error)).toBe(kind);
  });
});
