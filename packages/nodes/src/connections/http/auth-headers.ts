import { PermanentError } from '@paybridge/engine';
import { basicAuthorization, httpBasicAuthConnection } from './basic-auth';
import { httpHeaderAuthConnection } from './header-auth';

/** Headers to add to a request, and which of them carry credentials. */
export interface HttpAuth {
  headers: Record<string, string>;
  /** Lower-case names, dropped when a redirect leaves the origin. */
  credentialHeaders: string[];
}

/**
 * The request headers of an HTTP auth connection, from its decrypted values. The values are
 * re-parsed with the type's schema: stored values were valid when saved, but a changed schema
 * must fail the step as a configuration problem, not send a malformed header.
 */
export function httpAuthFor(type: string, values: Readonly<Record<string, unknown>>): HttpAuth {
  if (type === httpHeaderAuthConnection.type) {
    const parsed = httpHeaderAuthConnection.fields.safeParse(values);
    if (!parsed.success) throw invalid(type);
    const name = parsed.data.headerName;
    return { headers: { [name]: parsed.data.value }, credentialHeaders: [name.toLowerCase()] };
  }
  if (type === httpBasicAuthConnection.type) {
    const parsed = httpBasicAuthConnection.fields.safeParse(values);
    if (!parsed.success) throw invalid(type);
    const { username, password } = parsed.data;
    return {
      headers: { authorization: basicAuthorization(username, password) },
      credentialHeaders: ['authorization'],
    };
  }
  throw new PermanentError(
    'CONNECTION_INVALID',
    `Connection type ${type} cannot authenticate HTTP requests`,
  );
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
