import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';

/** Largest value of the database's `integer` columns. */
export const MAX_DATABASE_ID = 2_147_483_647;

/** A positive integer that fits an id column. */
export function IsId(): PropertyDecorator {
  return applyDecorators(
    IsInt({ message: '$property must be a positive integer id' }),
    Min(1, { message: '$property must be a positive integer id' }),
    Max(MAX_DATABASE_ID, { message: '$property must be a positive integer id' }),
  );
}
