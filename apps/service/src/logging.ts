import type { LogLevel as NestLogLevel } from '@nestjs/common';
import type { LogLevel } from './config/app-config';

const ORDER: LogLevel[] = ['error', 'warn', 'info', 'debug'];

/** Nest's levels for LOG_LEVEL: "info" shows Nest's "log" level. */
export function nestLogLevels(level: LogLevel): NestLogLevel[] {
  return ORDER.slice(0, ORDER.indexOf(level) + 1).map((name) =>
    name === 'info' ? 'log' : name,
  ) as NestLogLevel[];
}
