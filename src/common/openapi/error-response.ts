import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** The one error body of API.md: `{statusCode, error, message}`; `message` lists each bad field on a 400. */
export class ErrorResponse {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request' })
  error!: string;

  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], example: ['name must be a string'] })
  message!: string | string[];
}

const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: `message` names each bad field',
  401: 'Missing, invalid, expired or revoked access token',
  403: 'Authenticated but not allowed',
  404: 'Not found (or not yours)',
  409: 'Conflict',
  413: 'Body too large',
  415: 'Unsupported content type',
  429: 'Too many requests; retry after `Retry-After` seconds',
  503: 'A dependency is unavailable; retry after `Retry-After` seconds',
};

/**
 * Documents error answers with the shared ErrorResponse schema:
 * `@ApiErrors(400, 404)` or `@ApiErrors({ 409: 'A category with this name exists' })`.
 */
export function ApiErrors(...codes: Array<number | Record<number, string>>): MethodDecorator & ClassDecorator {
  const entries = codes.flatMap((code) =>
    typeof code === 'number' ? [[code, DEFAULT_DESCRIPTIONS[code] ?? 'Error'] as const] : Object.entries(code).map(([c, d]) => [Number(c), d] as const),
  );
  return applyDecorators(
    ApiExtraModels(ErrorResponse),
    ...entries.map(([status, description]) =>
      ApiResponse({ status, description, schema: { $ref: getSchemaPath(ErrorResponse) } }),
    ),
  );
}
