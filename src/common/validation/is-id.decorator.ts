import { ValidationOptions, registerDecorator } from 'class-validator';

/** Largest value of the database's `integer` columns. */
export const MAX_DATABASE_ID = 2_147_483_647;

/** A positive integer that fits an id column. */
export function IsId(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isId',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be a positive integer id', ...options },
      validator: {
        validate: (value: unknown) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_DATABASE_ID,
      },
    });
}
