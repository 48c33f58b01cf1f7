import { Transform } from 'class-transformer';
import { ValidateIf } from 'class-validator';

/** Trims strings; leaves anything else for the validators to reject. */
export function Trim(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
}

/**
 * For PATCH bodies: the field may be left out, but `null` is validated (and rejected)
 * like any other value, unlike `@IsOptional()` which lets `null` through.
 */
export function IsOptionalNonNull(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/**
 * Query-string boolean: `true`/`false` only. Reads the raw query value (`obj[key]`) so that
 * an implicit conversion (`Boolean('false') === true`) can never leak in; anything else stays
 * as it was and fails `@IsBoolean()`. An empty value counts as absent.
 */
export function QueryBoolean(): PropertyDecorator {
  return Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
    const raw = obj[key];
    if (raw === 'true') return true;
    if (raw === 'false') return false;
    return raw === '' ? undefined : raw;
  });
}

/** Query-string integer: decimal digits only, otherwise left as is for `@IsInt()` to reject. Empty counts as absent. */
export function QueryInteger(): PropertyDecorator {
  return Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
    const raw = obj[key];
    if (typeof raw === 'string' && /^\d{1,15}$/.test(raw)) return Number(raw);
    return raw === '' ? undefined : raw;
  });
}

/** Query-string text (dates): an empty value counts as absent. */
export function QueryString(): PropertyDecorator {
  return Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
    const raw = obj[key];
    return raw === '' ? undefined : raw;
  });
}
