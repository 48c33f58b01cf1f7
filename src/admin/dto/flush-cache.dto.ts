import { ApiProperty } from '@nestjs/swagger';
import { Equals } from 'class-validator';

export class FlushCacheDto {
  @ApiProperty({ enum: [true], description: 'Must be true: flushing drops every cached response' })
  @Equals(true, { message: 'confirm must be true' })
  confirm: true;
}
