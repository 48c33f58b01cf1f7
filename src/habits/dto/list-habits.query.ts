import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { IsId } from '../../common/validation/is-id.decorator';
import { QueryBoolean, QueryInteger } from '../../common/validation/transforms';

export class ListHabitsQuery {
  @ApiPropertyOptional({ type: Boolean, default: false, description: 'true lists only archived habits' })
  @QueryBoolean()
  @IsOptional()
  @IsBoolean({ message: 'archived must be true or false' })
  archived?: boolean;

  @ApiPropertyOptional({ type: Number, description: 'Only the habits of this category (404 if it is not yours)' })
  @QueryInteger()
  @IsOptional()
  @IsId()
  categoryId?: number;
}
