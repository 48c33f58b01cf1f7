import { ExecutionContext } from '@nestjs/common';
import { OncePerRequest } from './once-per-request';

const contextOf = (request: object) => ({ switchToHttp: () => ({ getRequest: () => request }) }) as unknown as ExecutionContext;

describe('OncePerRequest', () => {
  it('decides once per request and gives a second run the same answer', async () => {
    const once = new OncePerRequest();
    const decision = jest.fn(() => Promise.resolve(true));
    const request = {};
    await expect(once.decide(contextOf(request), decision)).resolves.toBe(true);
    await expect(once.decide(contextOf(request), decision)).resolves.toBe(true);
    expect(decision).toHaveBeenCalledTimes(1);
  });

  it('gives a second run the same exception', async () => {
    const once = new OncePerRequest();
    const refusal = new Error('refused');
    const decision = jest.fn(() => Promise.reject(refusal));
    const request = {};
    await expect(once.decide(contextOf(request), decision)).rejects.toBe(refusal);
    await expect(once.decide(contextOf(request), decision)).rejects.toBe(refusal);
    expect(decision).toHaveBeenCalledTimes(1);
  });

  it('decides anew for another request', async () => {
    const once = new OncePerRequest();
    const decision = jest.fn(() => Promise.resolve(true));
    await once.decide(contextOf({}), decision);
    await once.decide(contextOf({}), decision);
    expect(decision).toHaveBeenCalledTimes(2);
  });
});
