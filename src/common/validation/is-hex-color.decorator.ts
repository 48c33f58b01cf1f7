import { Matches, ValidationOptions } from 'class-validator';

export const HEX_COLOR_PATTERN = /^#[0-9A-Fa-f]{6}$/;

/** A colour written `#RRGGBB`. */
export function IsHexColor(options?: ValidationOptions): PropertyDecorator {
  return Matches(HEX_COLOR_PATTERN, { message: '$property must be a color written #RRGGBB', ...options });
}
