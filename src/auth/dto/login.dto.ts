import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsText } from '../../common/validation/is-text.decorator';

export class LoginDto {
  @ApiProperty({ example: 'ada@example.com' })
  @IsText(1, 254)
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(128)
  password: string;
}
