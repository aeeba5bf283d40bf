import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { processAlive } from '../db/process-alive';

/**
 * The pid of a live runtime that owns the embedded database in `dataDir`, or `null`. A command
 * that needs the embedded database must not start a second Postgres on the same directory; the
 * runtime records itself in `runtime.pid` while it holds it.
 */
export function embeddedOwnerPid(dataDir: string): number | null {
  const file = join(resolve(dataDir), 'runtime.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]?.trim());
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  return processAlive(pid) ? pid : null;
}
