import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { databaseUnavailability } from '../database/database-errors';
import { RetryLaterException } from '../http/retry-later.exception';
import { boundedMessage } from './bounded-message';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
}

/** Seconds a client is told to wait after a 503 (a dependency that is down, slow or locked). */
export const RETRY_AFTER_SECONDS = 2;

/**
 * Every error answers `{statusCode, error, message}` (API.md); never a stack trace. A database that
 * is unreachable, timed out, locked, out of pool connections or out of disk is a 503 with
 * Retry-After and one warning naming the cause; every 503 carries Retry-After.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception, host.switchToHttp().getRequest<FastifyRequest>());
    // A deliberate HttpException (e.g. a 503 while Redis is down) is logged with the request line; anything else is a bug.
    if (body.statusCode === 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (reply.sent) return;
    if (exception instanceof RetryLaterException) void reply.header('retry-after', String(exception.retryAfterSeconds));
    if (body.statusCode === 503 && !reply.hasHeader('retry-after')) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private toBody(exception: unknown, request: FastifyRequest | undefined): ErrorBody {
    if (exception instanceof HttpException) return fromHttpException(exception);
    const cause = databaseUnavailability(exception);
    if (cause) {
      const detail = exception instanceof Error ? exception.message : String(exception);
      this.logger.warn(`Database ${cause}: ${request?.method ?? ''} ${request?.url ?? ''} answered 503 (${detail})`);
      const code = HttpStatus.SERVICE_UNAVAILABLE;
      return { statusCode: code, error: STATUS_CODES[code]!, message: `The database is ${cause}; retry after Retry-After seconds` };
    }
    const status = clientErrorStatus(exception);
    if (status !== undefined) return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message: messageOf(exception) };
    const code = HttpStatus.INTERNAL_SERVER_ERROR;
    return { statusCode: code, error: STATUS_CODES[code]!, message: 'Internal server error' };
  }
}

function fromHttpException(exception: HttpException): ErrorBody {
  const statusCode = exception.getStatus();
  const response = exception.getResponse();
  const error = STATUS_CODES[statusCode] ?? 'Error';
  if (typeof response === 'string') return { statusCode, error, message: response };
  const message = (response as { message?: string | string[] }).message ?? exception.message;
  return { statusCode, error, message: boundedMessage(message) };
}

/** Fastify's own client errors (bad JSON, body too large, wrong content type) carry a 4xx statusCode. */
function clientErrorStatus(exception: unknown): number | undefined {
  const status = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function messageOf(exception: unknown): string {
  return exception instanceof Error ? exception.message : 'Bad request';
}
