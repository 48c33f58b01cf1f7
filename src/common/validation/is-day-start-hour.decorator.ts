import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';

/** A whole hour 0..23: when "today" starts for the user. */
export const IsDayStartHour = () => applyDecorators(IsInt(), Min(0), Max(23));
