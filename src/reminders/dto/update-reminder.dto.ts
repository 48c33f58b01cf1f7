import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsOptionalNonNull } from '../../common/validation/transforms';
import { CreateReminderDto } from './create-reminder.dto';

/** Any field of the create body; the ones left out stay as they are. */
export class UpdateReminderDto extends PartialType(CreateReminderDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({ example: '08:30', description: 'Wall-clock time in your time zone, 00:00..23:59' })
  @IsOptionalNonNull()
  declare time?: string;
}
