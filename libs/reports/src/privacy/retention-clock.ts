import { Injectable } from '@nestjs/common';

/** Time for retention, behind an interface so tests move it by days instead of waiting. */
export abstract class RetentionClock {
  abstract now(): Date;
}

@Injectable()
export class SystemRetentionClock extends RetentionClock {
  now(): Date {
    return new Date();
  }
}
