import { ArgumentMetadata, BadRequestException, PipeTransform } from '@nestjs/common';
import { isCalendarDate } from '../dates/calendar-date';

/** A calendar date in the path (`/records/2025-03-01`): anything but a real `YYYY-MM-DD` is a 400. */
export class ParseCalendarDatePipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && isCalendarDate(value)) return value;
    throw new BadRequestException(`${metadata.data ?? 'date'} must be a real calendar date (YYYY-MM-DD)`);
  }
}
