/** Severity levels in increasing order; `silent` turns logging off (tests, benchmarks). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

function render(value: unknown): string {
  if (value instanceof Error) return JSON.stringify(value.message);
  if (typeof value === 'string') return /\s/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

export type LogFormat = 'pretty' | 'json';

/**
 * The format when none is configured: people at a terminal read `pretty`; anything else (a
 * container runtime, systemd, a file, a log shipper) gets one JSON object per line.
 */
export function defaultLogFormat(stdout: { isTTY?: boolean } = process.stdout): LogFormat {
  return stdout.isTTY ? 'pretty' : 'json';
}

/**
 * A small structured logger: `pretty` for people at a terminal, `json` for log shippers. Callers
 * pass fields, never pre-formatted strings, so nothing sensitive hides in a message by accident.
 */
export function createLogger(
  level: LogLevel,
  format: LogFormat = defaultLogFormat(),
  base: Record<string, unknown> = {},
): Logger {
  const min = ORDER[level];
  const write = (
    lvl: Exclude<LogLevel, 'silent'>,
    msg: string,
    fields?: Record<string, unknown>,
  ) => {
    if (ORDER[lvl] < min) return;
    const all = { ...base, ...fields };
    const line =
      format === 'json'
        ? JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...all }, (_k, v) =>
            v instanceof Error ? v.message : v,
          )
        : `${new Date().toISOString()} ${lvl.toUpperCase().padEnd(5)} ${msg}${Object.entries(all)
            .map(([k, v]) => ` ${k}=${render(v)}`)
            .join('')}`;
    (lvl === 'error' || lvl === 'warn' ? process.stderr : process.stdout).write(line + '\n');
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLogger(level, format, { ...base, ...fields }),
  };
}
