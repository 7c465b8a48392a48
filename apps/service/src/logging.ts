import { ConsoleLogger, type LogLevel as NestLogLevel } from '@nestjs/common';
import type { LogFormat, LogLevel } from './config/app-config';

const ORDER: LogLevel[] = ['error', 'warn', 'info', 'debug'];

/** Nest's levels for LOG_LEVEL: "info" shows Nest's "log" level. */
export function nestLogLevels(level: LogLevel): NestLogLevel[] {
  return ORDER.slice(0, ORDER.indexOf(level) + 1).map((name) =>
    name === 'info' ? 'log' : name,
  ) as NestLogLevel[];
}

/**
 * Nest's own ConsoleLogger: its json mode writes one object per line ({level, pid, timestamp,
 * message, context}), so no logging library is needed. Colours only on a terminal: escapes in a
 * redirected log are noise to every collector.
 */
export function createLogger(level: LogLevel, format: LogFormat): ConsoleLogger {
  return new ConsoleLogger({
    logLevels: nestLogLevels(level),
    json: format === 'json',
    colors: format === 'text' && process.stdout.isTTY === true,
  });
}
