import { Injectable } from '@nestjs/common';

/** Counters of the change feed on this instance, read by /metrics. */
@Injectable()
export class FeedStats {
  openStreams = 0;
  /** Events written to streams, by event name (`change`, `end`). */
  readonly sent = { change: 0, end: 0 };
  /** Streams dropped because their client did not read fast enough. */
  slowClientsDropped = 0;
  /** Resyncs: every open stream told to refetch everything after the fan-out was interrupted. */
  resyncs = 0;
}
