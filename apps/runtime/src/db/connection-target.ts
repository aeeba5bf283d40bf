/** Where to reach Postgres: a URL, and optionally a Unix-socket directory that overrides its host. */
export interface ConnectionTarget {
  /** The URL without the `host` query parameter (postgres.js would send it to the server). */
  url: string;
  /** Directory holding the server's socket, from a libpq-style `?host=/dir` parameter. */
  socketDir: string | null;
  port: number;
}

/**
 * Reads a `postgres://` URL, accepting libpq's `?host=/run/postgresql` form for Unix sockets.
 * Sockets skip the TCP stack: on the embedded default they make each round trip markedly cheaper.
 */
export function parseConnectionTarget(raw: string): ConnectionTarget {
  const url = new URL(raw);
  const host = url.searchParams.get('host');
  const socketDir = host && host.startsWith('/') ? host : null;
  if (socketDir) url.searchParams.delete('host');
  return { url: url.toString(), socketDir, port: Number(url.port || 5432) };
}

/** postgres.js option for the socket file, when the target names a socket directory. */
export function socketPathOf(target: ConnectionTarget): string | undefined {
  return target.socketDir ? `${target.socketDir}/.s.PGSQL.${target.port}` : undefined;
}
