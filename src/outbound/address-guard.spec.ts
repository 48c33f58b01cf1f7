import { guardedLookup, isPublicAddress, urlProblem } from './address-guard';

describe('outbound address guard', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.10', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '224.0.0.1'])(
    'refuses %s',
    (address) => expect(isPublicAddress(address)).toBe(false),
  );

  it.each(['1.1.1.1', '93.184.216.34', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('accepts %s', (address) => expect(isPublicAddress(address)).toBe(true));

  it('wants https unless http is allowed, and no credentials', () => {
    const strict = { allowPrivate: false, allowHttp: false };
    expect(urlProblem('https://example.org/hook', strict)).toBeNull();
    expect(urlProblem('http://example.org/hook', strict)).toBe('url must be https');
    expect(urlProblem('http://example.org/hook', { ...strict, allowHttp: true })).toBeNull();
    expect(urlProblem('ftp://example.org/hook', { ...strict, allowHttp: true })).toBe('url must be https');
    expect(urlProblem('https://user:pw@example.org/', strict)).toBe('url must not carry credentials');
    expect(urlProblem('not a url', strict)).toBe('url must be an absolute URL');
  });
});

describe('the address guard at connection time', () => {
  const lookupOf = (allowPrivate: boolean) => (host: string) =>
    new Promise<string>((resolve) =>
      guardedLookup({ allowPrivate, allowHttp: true })(host, {}, (error, address) => resolve(error ? `refused: ${error.constructor.name}` : (address as unknown as string))),
    );

  it('refuses a host that resolves to a loopback address when it connects, unless private addresses are allowed', async () => {
    expect(await lookupOf(false)('localhost')).toBe('refused: NonPublicAddressError');
    expect(await lookupOf(true)('localhost')).toMatch(/^(127\.0\.0\.1|::1)$/);
  });
});
