import { Injectable } from '@nestjs/common';

/** The current instant, injectable so that tests can move time (session lifetimes, grace windows). */
@Injectable()
export class Clock {
  now(): number {
    return Date.now();
  }
}
