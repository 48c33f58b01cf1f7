/** Stops the Redis servers global-setup.ts started for the workers. */
export default function globalTeardown(): void {
  globalThis.workerRedisServers?.stop();
}
