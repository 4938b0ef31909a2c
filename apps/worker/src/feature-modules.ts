import { Type } from '@nestjs/common';

/** The domain capabilities whose job handlers and sweeps run in the worker. */
export function workerFeatureModules(): Type[] {
  return [];
}
