import { ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';

/** Far deeper than any body of the API (a habit's schedule is the deepest, at 3 levels). */
export const MAX_BODY_DEPTH = 32;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Keys the stock pipe silently drops; a request naming them is refused like any unknown field. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The global ValidationPipe, with what the hostile-input suite (test/ops) found it lacks:
 * - a body nested deeper than MAX_BODY_DEPTH, or holding a string that is not well-formed Unicode
 *   (a lone surrogate), is a 400: the stock pipe walks bodies recursively (a stack overflow, so a
 *   500) and validator.js throws a URIError on lone surrogates (a 500 as well);
 * - `__proto__`, `constructor` and `prototype` keys (in a query; JSON bodies never get this far
 *   with them) are a 400 like any unknown field, rather than silently dropped;
 * - path parameters stay strings for their own pipes (ParseIdPipe, ParseCalendarDatePipe): the
 *   stock pipe converts `number` parameters first, so `/habits/1e3` reached ParseIdPipe as 1000.
 */
export class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const problem = inputProblem(value);
      if (problem) throw new BadRequestException(problem);
    }
    return super.transform(value, metadata);
  }

  protected override transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    return metadata.type === 'param' ? value : super.transformPrimitive(value, metadata);
  }
}

/** Walks a body or query without recursion; null when it is sound. */
export function inputProblem(input: unknown): string | null {
  const pending: [unknown, number][] = [[input, 1]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) return 'strings must be well-formed Unicode';
    } else if (value !== null && typeof value === 'object') {
      if (depth > MAX_BODY_DEPTH) return `the body must not be nested deeper than ${MAX_BODY_DEPTH} levels`;
      for (const [key, item] of Object.entries(value)) {
        if (PROTOTYPE_KEYS.has(key)) return `property ${key} should not exist`;
        if (LONE_SURROGATE.test(key)) return 'strings must be well-formed Unicode';
        pending.push([item, depth + 1]);
      }
    }
  }
  return null;
}
