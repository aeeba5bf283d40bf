import net from 'node:net';
import { ConfigError, type Env } from '../env';

/** Whether this process serves the simulators, and a warning to log when that is risky. */
export interface SandboxMode {
  on: boolean;
  /** Set when the simulators are explicitly served on an address other machines can reach. */
  warning: string | null;
}

/** True for host names and addresses only this machine can connect to. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (net.isIPv4(bare)) return bare.startsWith('127.');
  if (net.isIPv6(bare)) return bare === '::1' || /^::ffff:127\./.test(bare);
  return false;
}

/**
 * Decides sandbox mode. The simulators are a demo: their emulated APIs accept public demo
 * credentials and hand out made-up payment data. So the default (on with the embedded database)
 * applies only when the server listens on loopback; on any other HOST the start is refused unless
 * `PAYBRIDGE_SANDBOX=on` asks for them explicitly, and then a warning goes to the log.
 */
export function sandboxMode(
  env: Pick<Env, 'PAYBRIDGE_SANDBOX' | 'DATABASE_URL' | 'HOST'>,
  /** False for a worker-only process: it serves no HTTP, so HOST exposes nothing. */
  servesHttp = true,
) {
  const setting = env.PAYBRIDGE_SANDBOX;
  const explicit = setting === 'on' || setting === 'true' || setting === '1';
  const on = setting === undefined ? !env.DATABASE_URL : explicit;
  if (!on || !servesHttp || isLoopbackHost(env.HOST)) {
    return { on, warning: null } satisfies SandboxMode;
  }
  if (setting !== 'on') {
    throw new ConfigError([
      `PAYBRIDGE_SANDBOX: sandbox mode serves the simulators to every machine that reaches HOST=${env.HOST}; ` +
        'listen on 127.0.0.1, set PAYBRIDGE_SANDBOX=off, or set PAYBRIDGE_SANDBOX=on to expose them anyway',
    ]);
  }
  return {
    on,
    warning: `sandbox mode is on and HOST=${env.HOST} is not loopback: the simulators answer every machine that reaches it (their admin routes need an admin)`,
  } satisfies SandboxMode;
}
