import { ValidationOptions, registerDecorator } from 'class-validator';

/**
 * A string of `min..max` characters, counted as the database counts them (Unicode code points),
 * without NUL characters (PostgreSQL rejects them in text columns).
 */
export function IsText(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isText',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: textMessage(min, max), ...options },
      validator: { validate: (value: unknown) => isText(value, min, max) },
    });
}

export function isText(value: unknown, min: number, max: number): boolean {
  if (typeof value !== 'string' || value.includes('\u0000')) return false;
  const length = [...value].length;
  return length >= min && length <= max;
}

function textMessage(min: number, max: number): string {
  return min > 0
    ? `$property must be a string of ${min} to ${max} characters`
    : `$property must be a string of at most ${max} characters`;
}
