import { Foundation1732300000000 } from './1732300000000-foundation';

/** Every migration, in order. New migrations are appended here. */
export const migrations = [Foundation1732300000000];
