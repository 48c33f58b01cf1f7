import { applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';

/** The request's `Accept-Language` header (undefined when absent). */
export const AcceptLanguage = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const header = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers['accept-language'];
  return Array.isArray(header) ? header.join(',') : header;
});

/** Documents the optional `Accept-Language` header of a route that reads it with @AcceptLanguage(). */
export const ApiAcceptLanguage = (description: string) => applyDecorators(ApiHeader({ name: 'Accept-Language', required: false, description }));
