import { registerDecorator, ValidationOptions } from 'class-validator';
import { isTimeZone } from '../dates/calendar-date';

/** An IANA time zone name that Intl knows, e.g. `Europe/Paris`. */
export function IsTimeZone(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be an IANA time zone such as Europe/Paris`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && value.length <= 64 && isTimeZone(value) },
    });
}
