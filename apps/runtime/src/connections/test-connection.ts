import { SecretScrubber } from '@paybridge/engine';
import {
  connectionTesters,
  type ConnectionTestResult,
  type HttpRuntimeOptions,
  type PaytraceRuntimeOptions,
  type ShopifyRuntimeOptions,
} from '@paybridge/nodes/executors';
import { SecretDecryptError } from '../secrets/seal';
import type { ConnectionResolver } from './resolver';

/** How long a connection test may take before it counts as failed. */
export const DEFAULT_TEST_TIMEOUT_MS = 10_000;

/**
 * Runs the connection type's tester on the decrypted values and returns what the service said.
 * A failing service, a timeout or an unreadable secret are results (`ok: false`), not errors;
 * the message is scrubbed of the connection's secrets, since services like to echo what they
 * were sent. `null` when there is no such connection.
 */
export async function testConnection(
  resolver: ConnectionResolver,
  id: string,
  options: {
    http: HttpRuntimeOptions;
    paytrace?: PaytraceRuntimeOptions;
    shopify?: ShopifyRuntimeOptions;
    timeoutMs?: number;
  },
): Promise<ConnectionTestResult | null> {
  let connection;
  try {
    connection = await resolver.resolve(id);
  } catch (err) {
    if (err instanceof SecretDecryptError) return { ok: false, message: err.message };
    throw err;
  }
  if (!connection) return null;
  const tester = connectionTesters[connection.type];
  if (!tester) {
    return {
      ok: true,
      message: `Values decrypt and are complete; ${connection.type} has no online test`,
    };
  }
  const scrubber = new SecretScrubber();
  scrubber.add(connection.secretValues);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  let result: ConnectionTestResult;
  try {
    result = await Promise.race([
      tester(connection.values, {
        signal,
        http: options.http,
        ...(options.paytrace ? { paytrace: options.paytrace } : {}),
        ...(options.shopify ? { shopify: options.shopify } : {}),
      }),
      new Promise<never>((_, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
      ),
    ]);
  } catch (err) {
    result = signal.aborted
      ? { ok: false, message: `No answer within ${timeoutMs} ms` }
      : { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  return result.message === undefined
    ? result
    : { ...result, message: scrubber.text(result.message) };
}
