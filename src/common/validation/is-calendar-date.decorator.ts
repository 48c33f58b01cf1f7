import { ValidationOptions, registerDecorator } from 'class-validator';
import { isAcceptedDate } from '../dates/calendar-date';

/** A real calendar date written `YYYY-MM-DD` from 1900-01-01 on (`2025-02-30` and `1899-12-31` fail). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be a real calendar date (YYYY-MM-DD) from 1900-01-01', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isAcceptedDate(value) },
    });
}
