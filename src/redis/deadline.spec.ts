import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { DeadlineExceededError, withDeadline } from './deadline';

/** Blocks the event loop, as a burst of requests does. */
function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

describe('withDeadline', () => {
  it('settles with the operation when it answers in time', async () => {
    await expect(withDeadline(Promise.resolve('value'), 50)).resolves.toBe('value');
  });

  it('rejects when the operation does not settle in time', async () => {
    await expect(withDeadline(new Promise(() => undefined), 10)).rejects.toBeInstanceOf(DeadlineExceededError);
  });

  it('keeps a reply that arrived while the event loop was blocked past the deadline', async () => {
    // `cat` echoes from another process, so its reply is waiting to be read when the loop is free again.
    const echo = spawn('cat');
    try {
      await once(echo, 'spawn');
      const reply = once(echo.stdout, 'data').then(([chunk]) => String(chunk));
      // From a setImmediate callback, the next phases are: timers (the deadline, overdue), then I/O (the reply).
      const { guarded } = await new Promise<{ guarded: Promise<string> }>((resolve) =>
        setImmediate(() => {
          echo.stdin.write('pong');
          const pending = withDeadline(reply, 10);
          busyFor(200);
          resolve({ guarded: pending });
        }),
      );
      await expect(guarded).resolves.toBe('pong');
    } finally {
      echo.kill();
    }
  });
});
