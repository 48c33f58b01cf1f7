import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class DeleteAccountDto {
  @ApiProperty({ maxLength: 128, description: 'The current password, to confirm' })
  @IsString()
  @MaxLength(128)
  password: string;
}
