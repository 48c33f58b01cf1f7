import pino, { DestinationStream, Logger } from 'pino';
import { LogLevel } from '../config/app-config';

/** This application's root pino logger (one per app instance: tests boot several in one process). */
export const APP_LOGGER = Symbol('APP_LOGGER');

/** Where log lines go: stdout unless AppModule.forRoot({ logDestination }) says otherwise (tests). */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

/**
 * Request and response bodies are never logged, nor are headers; these paths are censored anyway,
 * should a line ever carry one of them.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'password',
  '*.password',
  'passwordHash',
  '*.passwordHash',
  'accessToken',
  '*.accessToken',
  'token',
  '*.token',
];

/** Structured JSON lines: `level` as a word, ISO time, secrets censored. */
export function createAppLogger(level: LogLevel, destination?: DestinationStream | null): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}
