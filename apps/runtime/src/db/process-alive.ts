/**
 * Whether a process with this pid exists. EPERM means it exists but belongs to another user
 * (the embedded Postgres runs as `postgres` when we are root), which still counts as alive.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
