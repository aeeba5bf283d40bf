import { safeEqualAny } from './constant-time';
import { refuse, type AuthResult, type SignedRequest } from './result';

/**
 * Checks `Authorization: Bearer <token>` against the configured tokens (the current one and,
 * during a rotation, the previous one). The scheme name is case-insensitive (RFC 7235).
 */
export function verifyBearer(request: SignedRequest, tokens: readonly string[]): AuthResult {
  const match = /^bearer +(\S+) *$/i.exec(request.headers.authorization ?? '');
  if (!match) return refuse('credentials-missing');
  return safeEqualAny(match[1]!, tokens) ? { ok: true } : refuse('credentials-invalid');
}
