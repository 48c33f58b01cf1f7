import { ValidationOptions, registerDecorator } from 'class-validator';
import { isCalendarDate } from '../dates/calendar-date';

/** A real calendar date written `YYYY-MM-DD` (`2025-02-30` fails). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be a real calendar date (YYYY-MM-DD)', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value) },
    });
}
