/** Hits counted in the current fixed window of one key, and when that window ends. */
export interface WindowCount {
  total: number;
  resetInMs: number;
}

/**
 * Puts a new window last in `windows` (insertion order is age) and forgets the oldest one past
 * `maxKeys`, so that counters kept in process stay bounded whatever the number of clients.
 */
export function startWindow<W>(windows: Map<string, W>, key: string, window: W, maxKeys: number): W {
  windows.delete(key);
  windows.set(key, window);
  if (windows.size > maxKeys) windows.delete(windows.keys().next().value!);
  return window;
}
