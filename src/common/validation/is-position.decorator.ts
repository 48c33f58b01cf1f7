import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';

/** Positions stay far below the integer column's limit, so that "max + 1" can never overflow. */
export const MAX_POSITION = 1_000_000_000;

/** A list position: an integer from 0 to MAX_POSITION. */
export function IsPosition(): PropertyDecorator {
  const message = `$property must be an integer from 0 to ${MAX_POSITION}`;
  return applyDecorators(IsInt({ message }), Min(0, { message }), Max(MAX_POSITION, { message }));
}
