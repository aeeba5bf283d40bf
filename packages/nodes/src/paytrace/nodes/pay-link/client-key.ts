/**
 * What the hosted pay page needs from PayTrace to draw Protect.js's hosted fields: a client key
 * for the link's connection, and where Protect.js is served for that connection's environment.
 *
 * @module
 */
import { PermanentError } from '@paybridge/engine';
import { paymentFieldsEndpoints } from '../../client/endpoints';
import { createPaytraceClient } from '../../client/paytrace-client';
import type { PaytraceRuntime } from '../../client/runtime';
import { paytraceSettings } from '../../client/settings';
import { PAYTRACE_HOSTS } from '../../connection';

/** Protect.js of PayTrace's hosted environments (API facts 12.2). */
const PROTECT_SCRIPTS: Record<keyof typeof PAYTRACE_HOSTS, string> = {
  production: 'https://protect.paytrace.com/js/protect.min.js',
  sandbox: 'https://protect.sandbox.paytrace.com/js/protect.min.js',
};

/** A client key for Protect.js and the script URL that goes with the connection. */
export interface ProtectSetup {
  readonly clientKey: string;
  readonly scriptUrl: string;
}

/** Where the shopper's browser loads Protect.js from, when not PayTrace's own script. */
export interface ProtectScriptOptions {
  /** Overrides the script for every environment (a runtime setting). */
  readonly scriptUrl?: string | undefined;
  /**
   * The simulator's base URL as browsers reach it (the runtime may call its built-in simulator
   * on a loopback address shoppers cannot open). Default: the connection's base URL.
   */
  readonly simulatorBrowserUrl?: string | undefined;
}

/**
 * Asks PayTrace for a Protect.js client key with the connection's credentials. The script is
 * PayTrace's for its hosted environments, the simulator's stand-in otherwise (served beside the
 * simulator's API), unless the options say otherwise.
 */
export async function createProtectClientKey(
  runtime: PaytraceRuntime,
  values: Readonly<Record<string, unknown>> | undefined,
  signal: AbortSignal,
  options: ProtectScriptOptions = {},
): Promise<ProtectSetup> {
  const settings = paytraceSettings(values, runtime.simulatorUrl);
  const client = createPaytraceClient(runtime, settings, signal);
  const answer = await client.call(paymentFieldsEndpoints.clientKey, {});
  if (!answer.clientKey) {
    throw new PermanentError(
      'PAYTRACE_CLIENT_KEY_MISSING',
      'PayTrace gave no Protect.js client key',
    );
  }
  const environment = values?.['environment'];
  const standIn = environment === 'simulator' ? options.simulatorBrowserUrl : undefined;
  const hosted =
    environment === 'production' || environment === 'sandbox'
      ? PROTECT_SCRIPTS[environment]
      : `${(standIn ?? settings.baseUrl).replace(/\/+$/, '')}/protect/js/protect.min.js`;
  return { clientKey: answer.clientKey, scriptUrl: options.scriptUrl ?? hosted };
}
