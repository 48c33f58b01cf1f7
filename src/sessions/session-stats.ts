import { Injectable } from '@nestjs/common';

/** Counters of this instance since it started, read by /metrics at scrape time. */
@Injectable()
export class SessionStats {
  refreshes = 0;
  reuses = 0;
}
