/**
 * Where a connector's API lives, shared by every connection type that offers its service's own
 * hosts, the runtime's built-in simulator or a custom base URL (PayTrace, Shopify). Browser-safe:
 * connection forms validate custom URLs with it too.
 *
 * @module
 */
import { PermanentError } from '@paybridge/engine';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why a custom base URL is unacceptable, or `undefined`. HTTPS is required because passwords and
 * bearer tokens travel in every request; plain HTTP is tolerated on loopback only (a local
 * simulator or test double), where nothing crosses a network.
 */
export function customBaseUrlProblem(value: string): string | undefined {
  if (!URL.canParse(value)) return 'an absolute https:// URL';
  const url = new URL(value);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)))
    return 'https:// is required (plain http:// only on localhost)';
  if (url.username !== '' || url.password !== '') return 'credentials do not belong in the URL';
  if (url.search !== '' || url.hash !== '') return 'a base URL has no query or fragment';
  return undefined;
}

/** Where a connection points: the service's own host, the simulator, or a custom URL. */
export interface BaseUrlChoice {
  /** `simulator`, `custom`, or one of the service's own environments. */
  readonly environment: string;
  /** The service's own host for that environment (ignored for `simulator` and `custom`). */
  readonly hosted?: string | undefined;
  /** The custom base URL (`custom` only). */
  readonly custom?: string | undefined;
  /** The runtime's built-in simulator, absent when it serves none. */
  readonly simulatorUrl: string | undefined;
}

/**
 * The base URL (without trailing slash) and whether it is trusted: the service's hosts and the
 * runtime's simulator skip the outbound address policy, a custom URL does not. `service` names
 * the connector in messages and codes (`PAYTRACE_SIMULATOR_UNAVAILABLE`).
 */
export function resolveBaseUrl(
  service: { readonly code: string; readonly title: string },
  choice: BaseUrlChoice,
): { baseUrl: string; trusted: boolean } {
  let baseUrl: string;
  let trusted = true;
  if (choice.environment === 'simulator') {
    if (choice.simulatorUrl === undefined) {
      throw new PermanentError(
        `${service.code}_SIMULATOR_UNAVAILABLE`,
        `This runtime serves no ${service.title} simulator; choose another environment`,
      );
    }
    baseUrl = choice.simulatorUrl;
  } else if (choice.environment === 'custom') {
    const problem = customBaseUrlProblem(choice.custom ?? '');
    if (problem !== undefined) {
      throw new PermanentError(
        'CONNECTION_INVALID',
        `The custom ${service.title} base URL: ${problem}`,
      );
    }
    baseUrl = choice.custom as string;
    trusted = false;
  } else {
    baseUrl = choice.hosted ?? '';
  }
  return { baseUrl: baseUrl.replace(/\/+$/, ''), trusted };
}

/**
 * A node's connection values re-checked against their type's schema (they were valid when
 * saved, but the type may have changed since). Refusals never quote the values: they could hold
 * a secret.
 */
export function storedConnectionValues<Values>(
  schema: { safeParse(values: unknown): { success: true; data: Values } | { success: false } },
  values: Readonly<Record<string, unknown>> | undefined,
  title: string,
): Values {
  if (values === undefined) {
    throw new PermanentError('CONNECTION_MISSING', `Choose a ${title} connection for this node`);
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    throw new PermanentError(
      'CONNECTION_INVALID',
      `The ${title} connection's stored values no longer match its type; edit the connection`,
    );
  }
  return parsed.data;
}
