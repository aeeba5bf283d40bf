import { PermanentError } from '@paybridge/engine';
import { hostAllowed, hostPatterns, type HostPattern } from './allowed-hosts';
import { basicAuthorization, httpBasicAuthConnection } from './basic-auth';
import { httpHeaderAuthConnection } from './header-auth';

/** Headers to add to a request, and which of them carry credentials. */
export interface HttpAuth {
  headers: Record<string, string>;
  /** Lower-case names, dropped when a redirect leaves the origin. */
  credentialHeaders: string[];
  /** The hosts the connection is pinned to; see {@link assertCredentialHost}. */
  allowedHosts: readonly HostPattern[];
  /** The patterns as the admin typed them, for messages. */
  allowedHostsText: readonly string[];
}

/** Code of every refusal to send a connection's credentials to a host. */
export const HOST_NOT_ALLOWED = 'CONNECTION_HOST_NOT_ALLOWED';

/**
 * Throws `CONNECTION_HOST_NOT_ALLOWED` (permanent: retrying cannot change the host) unless the
 * connection is pinned to the URL's host. Called before the first byte is sent and before each
 * redirect hop is followed, so credentials reach no other host, whatever the flow or the server
 * says.
 */
export function assertCredentialHost(auth: HttpAuth, url: URL): void {
  if (hostAllowed(auth.allowedHosts, url)) return;
  throw new PermanentError(
    HOST_NOT_ALLOWED,
    `The connection's credentials may not be sent to ${url.host}: it is pinned to ` +
      `${auth.allowedHostsText.join(', ')} (an admin can add the host to its Allowed hosts)`,
    { details: { host: url.host, allowedHosts: [...auth.allowedHostsText] } },
  );
}

/**
 * The request headers of an HTTP auth connection, from its decrypted values, for a request to
 * `url`, which must be a host the connection is pinned to. The values are re-parsed with the
 * type's schema: stored values were valid when saved, but a changed schema must fail the step as
 * a configuration problem, not send a malformed header.
 *
 * A connection saved before host pinning has no `allowedHosts`: it sends nothing until an admin
 * sets them (guessing a host from the first request would pin it to whatever a flow asked for).
 */
export function httpAuthFor(
  type: string,
  values: Readonly<Record<string, unknown>>,
  url: URL,
): HttpAuth {
  if (type !== httpHeaderAuthConnection.type && type !== httpBasicAuthConnection.type) {
    throw new PermanentError(
      'CONNECTION_INVALID',
      `Connection type ${type} cannot authenticate HTTP requests`,
    );
  }
  if (values.allowedHosts === undefined) {
    throw new PermanentError(
      HOST_NOT_ALLOWED,
      `The connection's credentials may not be sent to ${url.host}: it lists no allowed hosts ` +
        '(it was saved before connections were pinned to hosts); an admin must set its ' +
        'Allowed hosts before it is used',
      { details: { host: url.host, allowedHosts: [] } },
    );
  }
  let auth: HttpAuth;
  if (type === httpHeaderAuthConnection.type) {
    const parsed = httpHeaderAuthConnection.fields.safeParse(values);
    if (!parsed.success) throw invalid(type);
    const name = parsed.data.headerName;
    auth = {
      headers: { [name]: parsed.data.value },
      credentialHeaders: [name.toLowerCase()],
      allowedHosts: hostPatterns(parsed.data.allowedHosts),
      allowedHostsText: parsed.data.allowedHosts,
    };
  } else {
    const parsed = httpBasicAuthConnection.fields.safeParse(values);
    if (!parsed.success) throw invalid(type);
    const { username, password } = parsed.data;
    auth = {
      headers: { authorization: basicAuthorization(username, password) },
      credentialHeaders: ['authorization'],
      allowedHosts: hostPatterns(parsed.data.allowedHosts),
      allowedHostsText: parsed.data.allowedHosts,
    };
  }
  assertCredentialHost(auth, url);
  return auth;
}

/** Replaces headers of the same name (case-insensitive) with the connection's. */
export function withAuthHeaders(
  headers: Readonly<Record<string, string>>,
  auth: HttpAuth,
): Record<string, string> {
  const replaced = new Set(Object.keys(auth.headers).map((name) => name.toLowerCase()));
  const kept = Object.entries(headers).filter(([name]) => !replaced.has(name.toLowerCase()));
  return { ...Object.fromEntries(kept), ...auth.headers };
}

function invalid(type: string): PermanentError {
  // No issue details: they could quote the values.
  return new PermanentError(
    'CONNECTION_INVALID',
    `The ${type} connection's stored values no longer match its type; edit the connection`,
  );
}
