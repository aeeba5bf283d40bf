/**
 * "Test connection" for PayTrace: requests an OAuth token with the stored API user. A refusal
 * shows PayTrace's own `error_description`, which says whether the user name or password is wrong.
 *
 * @module
 */
import { Agent, type Dispatcher } from 'undici';
import type { ConnectionTester } from '../connections/testers';
import { createAddressPolicy } from '../http/address-policy';
import { createGuardedAgent } from '../http/guarded-agent';
import { paytraceSettings } from './client/settings';
import { requestToken } from './client/token';

/** Tests a PayTrace connection by requesting a token; nothing is charged or changed. */
export const paytraceConnectionTester: ConnectionTester = async (values, ctx) => {
  let settings;
  try {
    settings = paytraceSettings(values, ctx.paytrace?.simulatorUrl);
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  const dispatcher: Dispatcher = settings.trusted
    ? new Agent()
    : createGuardedAgent({
        policy: createAddressPolicy(ctx.http?.allowPrivateCidrs ?? []),
        ...(ctx.http?.lookup ? { lookup: ctx.http.lookup } : {}),
      });
  try {
    const token = await requestToken(
      settings,
      { dispatcher, timeoutMs: settings.requestTimeoutMs, signal: ctx.signal },
      Date.now,
    );
    const minutes = Math.round((token.expiresAt - Date.now()) / 60_000);
    return {
      ok: true,
      message: `PayTrace accepted the API user (token valid for ${minutes} minutes)`,
    };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  } finally {
    await dispatcher.close().catch(() => undefined);
  }
};
