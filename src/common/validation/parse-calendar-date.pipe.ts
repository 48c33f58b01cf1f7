import { ArgumentMetadata, BadRequestException, PipeTransform } from '@nestjs/common';
import { isAcceptedDate } from '../dates/calendar-date';

/** A calendar date in the path (`/records/2025-03-01`): anything but a real `YYYY-MM-DD` from 1900-01-01 is a 400. */
export class ParseCalendarDatePipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && isAcceptedDate(value)) return value;
    throw new BadRequestException(`${metadata.data ?? 'date'} must be a real calendar date (YYYY-MM-DD) from 1900-01-01`);
  }
}
