import { ValidationOptions, registerDecorator } from 'class-validator';

/** Positions stay far below the integer column's limit, so that "max + 1" can never overflow. */
export const MAX_POSITION = 1_000_000_000;

/** A list position: an integer from 0 to MAX_POSITION. */
export function IsPosition(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPosition',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `$property must be an integer from 0 to ${MAX_POSITION}`, ...options },
      validator: {
        validate: (value: unknown) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_POSITION,
      },
    });
}
