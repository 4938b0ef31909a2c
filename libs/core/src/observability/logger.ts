import { LoggerService } from '@nestjs/common';
import pino, { Logger as Pino } from 'pino';

/**
 * Keys whose values are personal data. They are censored wherever they
 * appear in a log object; messages never carry request bodies.
 */
export const PERSONAL_DATA_KEYS = ['email', 'contactEmail', 'name', 'contactName', 'phone', 'contactPhone', 'firstName', 'lastName', 'first_name', 'last_name', 'password', 'authorization', 'cookie', 'token'];

export function createPinoLogger(level: string, destination?: pino.DestinationStream): Pino {
  return pino(
    {
      level,
      base: { pid: process.pid },
      redact: { paths: [...PERSONAL_DATA_KEYS, ...PERSONAL_DATA_KEYS.map((key) => `*.${key}`)], censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** Nest's logger interface on top of pino: one JSON line per entry. */
export class PinoNestLogger implements LoggerService {
  constructor(readonly pino: Pino) {}

  log(message: unknown, context?: string): void {
    this.pino.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.pino.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.pino.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.pino.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.pino.trace({ context }, String(message));
  }
}
