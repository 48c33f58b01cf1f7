import { boundedMessage, MAX_LISTED_PROBLEMS } from './bounded-message';

describe('boundedMessage', () => {
  it('keeps a short list as it is', () => {
    expect(boundedMessage(['a should not exist', 'b must be a string'])).toEqual(['a should not exist', 'b must be a string']);
  });

  it('lists at most MAX_LISTED_PROBLEMS problems and says how many more there were', () => {
    const problems = Array.from({ length: 12_000 }, (_, index) => `property k${index} should not exist`);
    const bounded = boundedMessage(problems) as string[];
    expect(bounded).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(bounded.slice(0, MAX_LISTED_PROBLEMS)).toEqual(problems.slice(0, MAX_LISTED_PROBLEMS));
    expect(bounded[MAX_LISTED_PROBLEMS]).toBe(`and ${12_000 - MAX_LISTED_PROBLEMS} more`);
  });

  it('cuts a very long problem text', () => {
    const long = `property ${'x'.repeat(5000)} should not exist`;
    expect((boundedMessage(long) as string).length).toBeLessThanOrEqual(201);
    expect((boundedMessage([long]) as string[])[0].length).toBeLessThanOrEqual(201);
  });
});
