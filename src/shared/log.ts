// The structured log outside HTTP requests (workers, job queue, background sweeps): one JSON line per
// event on stdout in pino's shape (level number, time, pid, msg, fields), filtered by LOG_LEVEL, so it
// lands in the same stream and format as the server's request log.
import { describeError } from './text.js';

const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;
export type LogLevel = keyof typeof LEVELS;

export interface Log {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** For a `.catch`: logs the failure of `what` at warn with its context, and resolves to undefined. */
  failed(what: string, fields?: Record<string, unknown>): (err: unknown) => undefined;
}

export function createLog(level: string, write: (line: string) => void = (l) => process.stdout.write(l)): Log {
  const min = level === 'silent' ? Infinity : (LEVELS[level as LogLevel] ?? LEVELS.info);
  const emit = (lvl: LogLevel, msg: string, fields: Record<string, unknown> = {}) => {
    if (LEVELS[lvl] < min) return;
    const { err, ...rest } = fields;
    write(
      JSON.stringify({ level: LEVELS[lvl], time: Date.now(), pid: process.pid, ...rest, ...(err !== undefined ? { err: describeError(err) } : {}), msg }) +
        '\n',
    );
  };
  return {
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    failed: (what, fields) => (err) => {
      emit('warn', `${what} failed`, { ...fields, err });
      return undefined;
    },
  };
}
