import { inputProblem, MAX_BODY_DEPTH } from './api-validation.pipe';

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 1; level < depth; level += 1) value = level % 2 ? { a: value } : [value];
  return value;
}

describe('inputProblem', () => {
  it('refuses prototype keys at any depth', () => {
    expect(inputProblem(JSON.parse('{"__proto__": 1}'))).toMatch(/__proto__ should not exist/);
    expect(inputProblem({ a: [{ constructor: 1 }] })).toMatch(/constructor should not exist/);
  });

  it('accepts ordinary bodies, emoji included', () => {
    expect(inputProblem({ name: 'Walk 🌱', schedule: { type: 'weekdays', days: [1, 3] } })).toBeNull();
    expect(inputProblem(null)).toBeNull();
    expect(inputProblem(nested(MAX_BODY_DEPTH))).toBeNull();
  });

  it('refuses a body nested deeper than the limit, without recursing', () => {
    expect(inputProblem(nested(MAX_BODY_DEPTH + 2))).toMatch(/nested deeper/);
    expect(inputProblem(nested(200_000))).toMatch(/nested deeper/);
  });

  it('refuses lone surrogates in values and in keys', () => {
    expect(inputProblem({ email: '\ud800' })).toMatch(/Unicode/);
    expect(inputProblem({ note: 'a\udc00b' })).toMatch(/Unicode/);
    expect(inputProblem({ ['\ud83c']: 1 })).toMatch(/Unicode/);
    expect(inputProblem(['ok', ['\udfff']])).toMatch(/Unicode/);
  });
});
