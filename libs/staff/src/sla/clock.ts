import { Injectable } from '@nestjs/common';

/** Time, behind an interface so SLA tests can move it (see test/staff/staff-sla.e2e-spec.ts). */
export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
