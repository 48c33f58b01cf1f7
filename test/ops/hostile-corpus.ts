/**
 * Inputs a client should never be able to turn into a 5xx or a write. None of them is valid for
 * the field it is thrown at when every field of a body gets it (each route has a strict field:
 * an email, a time zone, a colour, a schedule, a status, `confirm: true`), so each answer is a 4xx.
 */

/** Nesting deep enough to hurt any recursive walker, small enough to pass the 100 KB body limit. */
export const DEEP_NESTING = 20_000;

export function deeplyNestedArray(depth = DEEP_NESTING): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

export function deeplyNestedObject(depth = DEEP_NESTING / 4): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** JSON values for a whole body or for every field of it (`true` is left out: `confirm: true` would be valid). */
export const HOSTILE_VALUES: unknown[] = [
  null,
  false,
  0,
  -1,
  -0.5,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  2 ** 31,
  'NaN',
  'Infinity',
  '-Infinity',
  '',
  '   ',
  'x'.repeat(10_000),
  'zoë 🌱 \u202e מימין 𝕏',
  '\u0000',
  'a\u0000b',
  '\ud800',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '${jndi:ldap://x}',
  '{{7*7}}',
  [],
  [1, 2, 3],
  ['a'],
  [{}],
  {},
  { a: 1 },
  { $gt: '' },
];

/** Raw JSON texts JSON.stringify cannot produce, or that only a parser sees. */
export const HOSTILE_RAW_BODIES: string[] = [
  '{"__proto__": {"admin": true}}',
  '{"constructor": {"prototype": {"admin": true}}}',
  '{"name": "x", "__proto__": {"role": "admin"}}',
  '{"a": 1e400}',
  '{"a": -1e400}',
  '1e400',
  '9007199254740993',
  deeplyNestedArray(),
  deeplyNestedObject(),
  `{"name": ${deeplyNestedArray()}}`,
  `{"schedule": ${deeplyNestedObject()}}`,
  '{"a":',
  '{"a": 1,}',
  "{'a': 1}",
  '"just a string"',
  '',
  '\u0000',
  '{"a": "\\ud800"}',
];

/** Values for a path id: nothing here names a resource. */
export const HOSTILE_IDS: string[] = [
  '0',
  '-1',
  '1.5',
  '1e3',
  '0x10',
  'NaN',
  'Infinity',
  '-Infinity',
  '99999999999999999999',
  '2147483648',
  '%00',
  'abc',
  '١٢٣',
  '%F0%9F%8C%B1',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '1%20OR%201%3D1',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  'x'.repeat(1000),
  '1,2',
  '%20',
];

/** Values for a path date. */
export const HOSTILE_DATES: string[] = ['2025-02-30', '2025-13-01', '2025-1-1', '0000-01-01', '99999-01-01', 'NaN', 'today', '%00', '2025-01-01T00:00:00Z', 'x'.repeat(300)];

/** Values for a query parameter (each also sent twice, and as `name[]`/`name[key]`). */
export const HOSTILE_QUERY_VALUES: string[] = [
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1.5',
  '1e3',
  '0x10',
  '99999999999999999999',
  'true%20',
  'TRUE',
  '%00',
  '%F0%9F%8C%B1',
  '2025-02-30',
  '0000-01-01',
  'x'.repeat(5000),
  '%27%20OR%201%3D1',
];

/** Query strings that are wrong whatever the route accepts. */
export const HOSTILE_QUERY_STRINGS: string[] = ['__proto__=1', 'constructor=x', '__proto__[admin]=1', 'unknown=1', 'a[b][c]=1'];

/** Authorization headers that must be a 401 (never a 5xx) on every protected route. */
export const HOSTILE_AUTHORIZATION: string[] = [
  'Bearer',
  'Bearer ',
  'Bearer x.y.z',
  'Bearer ..',
  'Bearer a.b',
  'Basic dXNlcjpwYXNz',
  `Bearer ${'a'.repeat(8000)}`,
  `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"1"}').toString('base64url')}.`,
  'Bearer eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln',
  'bearer lowercase.scheme.token',
];
