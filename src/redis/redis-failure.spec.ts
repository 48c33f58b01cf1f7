import { describeRedisFailure } from './redis-failure';

describe('describeRedisFailure', () => {
  it('says a wrong password plainly', () => {
    expect(describeRedisFailure(new Error('WRONGPASS invalid username-password pair or user is disabled.'))).toMatch(/^authentication failed/);
    expect(describeRedisFailure(new Error('NOAUTH Authentication required.'))).toMatch(/^authentication failed/);
  });

  it('says a TLS failure and names the setting for a private CA', () => {
    const error = Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    expect(describeRedisFailure(error)).toMatch(/^TLS failed \(SELF_SIGNED_CERT_IN_CHAIN: .*REDIS_TLS_CA_FILE/);
  });

  it('says refused connections and unknown hosts, looking inside wrapped errors', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(describeRedisFailure(refused)).toMatch(/^connection refused/);
    expect(describeRedisFailure(Object.assign(new Error('wrapper'), { cause: refused }))).toMatch(/^connection refused/);
    expect(describeRedisFailure(Object.assign(new Error('getaddrinfo ENOTFOUND nowhere'), { code: 'ENOTFOUND' }))).toMatch(/^host not found/);
  });
});
