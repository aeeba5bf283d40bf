/**
 * The two gates a REST trigger request passes before anything is parsed or stored: the network
 * gate (IP allow-list, before the body is even read) and the credential gate (on the raw bytes).
 * Both answer with a failure category for the log; the caller answers every failure with the
 * same 401.
 *
 * @module
 */
import { isClientAllowed } from './ip-allow-list';
import type { TriggerAuthMethod, TriggerCredentials } from './trigger-auth/credentials';
import type { AuthFailure, AuthResult, SignedRequest } from './trigger-auth/result';
import { verifyTriggerRequest } from './trigger-auth/verify-request';
import type { TriggerSecurity } from './trigger-security';

/** Looks up (usually from cache) the secrets a trigger's connection holds. */
export type CredentialLookup = (
  method: TriggerAuthMethod,
  connectionId: string,
) => Promise<TriggerCredentials | null>;

/**
 * The network gate. Returns null when the request may go on. A trigger whose settings could not
 * be read (`security` null) lets nothing through.
 */
export function admitAddress(
  security: TriggerSecurity | null,
  peer: string | null,
  forwardedFor: string | undefined,
): AuthFailure | null {
  if (!security) return 'trigger-misconfigured';
  return isClientAllowed(security.network, peer, forwardedFor) ? null : 'ip-not-allowed';
}

/**
 * The credential gate, on the raw request. `none` passes; any other method needs its connection
 * to resolve to usable secrets, or the request is refused (`connection-unavailable`): a trigger
 * whose secrets are gone must not fall open. Lookup errors (database down, a tampered
 * ciphertext) propagate, so they surface as server errors, not as quiet refusals.
 */
export async function authenticateRequest(
  security: TriggerSecurity | null,
  request: SignedRequest,
  credentialsOf: CredentialLookup,
  nowMs: number,
): Promise<AuthResult> {
  if (!security) return { ok: false, failure: 'trigger-misconfigured' };
  const { auth } = security;
  if (auth.type === 'none') return { ok: true };
  const credentials = await credentialsOf(auth.type, auth.connectionId);
  if (!credentials) return { ok: false, failure: 'connection-unavailable' };
  return verifyTriggerRequest(credentials, request, nowMs);
}
