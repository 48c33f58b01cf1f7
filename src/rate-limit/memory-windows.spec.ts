import { MemoryWindows } from './memory-windows';

describe('MemoryWindows', () => {
  it('counts hits in a fixed window and starts a new one when it ends', () => {
    const windows = new MemoryWindows();
    expect(windows.hit('k', 1000, 0)).toEqual({ total: 1, resetInMs: 1000 });
    expect(windows.hit('k', 1000, 400)).toEqual({ total: 2, resetInMs: 600 });
    expect(windows.hit('k', 1000, 1000)).toEqual({ total: 1, resetInMs: 1000 });
  });

  it('gives a hit back, never below zero', () => {
    const windows = new MemoryWindows();
    windows.hit('k', 1000, 0);
    windows.refund('k', 10);
    windows.refund('k', 20);
    expect(windows.hit('k', 1000, 30).total).toBe(1);
  });

  it('keeps separate keys apart and forgets the oldest window past its bound', () => {
    const windows = new MemoryWindows(2);
    windows.hit('a', 1000, 0);
    windows.hit('a', 1000, 0);
    windows.hit('b', 1000, 0);
    windows.hit('c', 1000, 0);
    expect(windows.hit('b', 1000, 1).total).toBe(2);
    expect(windows.hit('a', 1000, 1).total).toBe(1);
  });

  it('hands over the hits of a live window once, and takes back what could not be handed over', () => {
    const windows = new MemoryWindows();
    windows.hit('k', 1000, 0);
    windows.hit('k', 1000, 10);
    expect(windows.take('k', 20)).toBe(2);
    expect(windows.take('k', 30)).toBe(0);
    windows.add('k', 2, 1000, 40);
    expect(windows.hit('k', 1000, 50).total).toBe(3);
    windows.hit('old', 1000, 0);
    expect(windows.take('old', 1000)).toBe(0);
  });
});
