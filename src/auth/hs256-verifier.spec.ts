import { createHmac } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { Hs256Verifier } from './hs256-verifier';

const SECRET = 'unit-test-secret-unit-test-secret-0000';
const NOW = 1_750_000_000;
const claims = { sub: '7', jti: 'abc', sv: 0, iat: NOW - 10, exp: NOW + 3600 };

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function handMade(header: object, payload: object, secret = SECRET): string {
  const unsigned = `${encode(header)}.${encode(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('Hs256Verifier', () => {
  const verifier = new Hs256Verifier(SECRET);

  it('accepts a token signed by jsonwebtoken with the same secret', () => {
    const token = sign(claims, SECRET, { algorithm: 'HS256' });
    expect(verifier.verify(token, NOW)).toEqual(claims);
  });

  it('refuses a token signed with another secret', () => {
    expect(verifier.verify(sign(claims, 'another-secret-another-secret-000000', { algorithm: 'HS256' }), NOW)).toBeNull();
  });

  it('refuses alg none and any algorithm other than HS256', () => {
    expect(verifier.verify(`${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`, NOW)).toBeNull();
    expect(verifier.verify(handMade({ alg: 'HS512', typ: 'JWT' }, claims), NOW)).toBeNull();
  });

  it('refuses an expired token, also one it verified before', () => {
    const token = handMade({ alg: 'HS256', typ: 'JWT' }, claims);
    expect(verifier.verify(token, NOW)).not.toBeNull();
    expect(verifier.verify(token, claims.exp)).toBeNull();
    expect(verifier.verify(handMade({ alg: 'HS256' }, { ...claims, exp: undefined }), NOW)).toBeNull();
  });

  it('refuses a tampered payload and malformed tokens', () => {
    const [header, , signature] = handMade({ alg: 'HS256' }, claims).split('.');
    expect(verifier.verify(`${header}.${encode({ ...claims, sub: '1' })}.${signature}`, NOW)).toBeNull();
    for (const bad of ['', 'a.b', 'a.b.c.d', 'a.b.c', '!!.@@.##', `${header}.${encode(claims)}`]) {
      expect(verifier.verify(bad, NOW)).toBeNull();
    }
  });

  it('refuses a token issued in the future', () => {
    expect(verifier.verify(handMade({ alg: 'HS256' }, { ...claims, iat: NOW + 3600 }), NOW)).toBeNull();
  });
});
