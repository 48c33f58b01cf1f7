import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { acceptsContentEncoding, acceptsContentType, BODY_RULES, BodyRules, exceedsKeyLimit, JSON_MEDIA_TYPE, MAX_BODY_KEYS } from './body-rules';

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * The API's body parsing, in place of Fastify's and Nest's defaults (JSON, text/plain and
 * form-encoded bodies): a body of a type the route does not take is a 415 before it is read
 * (so an HTML form on another site cannot post to us), a JSON body that is not valid UTF-8 or
 * has more than the route's key limit is a 400 before validation.
 */
export function registerBodyParsers(fastify: FastifyInstance): void {
  // Fastify's JSON and text/plain parsers and Nest's form parser; parsers added for extra types (a zip) stay.
  for (const type of [JSON_MEDIA_TYPE, 'text/plain', 'application/x-www-form-urlencoded']) {
    if (fastify.hasContentTypeParser(type)) fastify.removeContentTypeParser(type);
  }
  fastify.addHook('preParsing', refuseUnacceptableTypes);
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser(JSON_MEDIA_TYPE, { parseAs: 'buffer' }, (request, body, done) => {
    if (rulesOf(request)?.raw) return done(null, body);
    let text: string;
    try {
      text = UTF8.decode(body as Buffer);
    } catch {
      done(new BadRequestException('The body is not valid UTF-8'), undefined);
      return;
    }
    void parseJson(request, text, (error, value) => {
      if (error) return done(error, undefined);
      if (exceedsKeyLimit(value, rulesOf(request)?.maxKeys ?? MAX_BODY_KEYS)) {
        return done(new BadRequestException(`The body has more than ${rulesOf(request)?.maxKeys ?? MAX_BODY_KEYS} keys`), undefined);
      }
      done(null, value);
    });
  });
}

async function refuseUnacceptableTypes(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (!hasBody(request)) return;
  if (!acceptsContentType(request.headers['content-type'], rulesOf(request))) {
    const extra = rulesOf(request)?.extraTypes ?? [];
    throw new UnsupportedMediaTypeException(`Content-Type must be ${[`${JSON_MEDIA_TYPE} (UTF-8)`, ...extra].join(' or ')}`);
  }
  if (!acceptsContentEncoding(request.headers['content-encoding'], rulesOf(request))) {
    const encodings = ['identity', ...(rulesOf(request)?.encodings ?? [])];
    throw new UnsupportedMediaTypeException(`Content-Encoding must be ${encodings.join(' or ')}`);
  }
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function rulesOf(request: FastifyRequest): BodyRules | undefined {
  const config = request.routeOptions.config as unknown as Record<string, unknown> | undefined;
  return config?.[BODY_RULES] as BodyRules | undefined;
}
