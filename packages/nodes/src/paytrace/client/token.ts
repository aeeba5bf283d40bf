/**
 * The OAuth password grant (`POST /oauth/token`, form-encoded). A token request never has an
 * effect, so every failure to get one proves that the payment it was for was not sent.
 *
 * @module
 */
import { PermanentError } from '@paybridge/engine';
import { PaytraceNotSentError, PaytraceOutcomeUnknownError } from './errors';
import { jsonObject } from './json-body';
import type { PaytraceSettings } from './settings';
import type { AccessToken } from '../../http/token-cache';
import { postOnce, type TransportOptions } from './transport';
import { TokenAnswer } from './wire/answers';

/** Lifetime assumed when PayTrace leaves `expires_in` out (every source says 7200 s). */
const DEFAULT_LIFETIME_S = 7200;

/** What PayTrace said when it refused the credentials, for the admin and the run history. */
function refusal(body: Record<string, unknown>): string | undefined {
  const description = body.error_description;
  const error = body.error;
  if (typeof description === 'string' && description.trim() !== '') return description.trim();
  if (typeof error === 'string' && error !== '') return error;
  return undefined;
}

/**
 * Requests a token for the connection's API user. Throws PermanentError `PAYTRACE_AUTH_FAILED`
 * (with PayTrace's `error_description`) for rejected credentials, and PaytraceNotSentError when
 * PayTrace could not be asked or did not answer readably.
 */
export async function requestToken(
  settings: PaytraceSettings,
  transport: TransportOptions,
  now: () => number,
): Promise<AccessToken> {
  const url = new URL(`${settings.baseUrl}/oauth/token`);
  const form = new URLSearchParams({
    grant_type: 'password',
    username: settings.username,
    password: settings.password,
  });
  let answer;
  try {
    answer = await postOnce(
      { url, contentType: 'application/x-www-form-urlencoded', body: form.toString() },
      transport,
    );
  } catch (err) {
    if (!(err instanceof PaytraceOutcomeUnknownError)) throw err;
    throw new PaytraceNotSentError('PAYTRACE_AUTH_UNAVAILABLE', err.message, { cause: err });
  }
  const unavailable = (why: string) =>
    new PaytraceNotSentError('PAYTRACE_AUTH_UNAVAILABLE', `${url.host} ${why} to a token request`);
  if (answer.status >= 500 || answer.status === 429) {
    throw unavailable(`answered ${answer.status}`);
  }
  const body = jsonObject(answer.text);
  if (body === undefined) throw unavailable(`gave an unreadable answer (${answer.status})`);
  const token = TokenAnswer.safeParse(body);
  if (token.success) {
    const lifetime = token.data.expires_in ?? DEFAULT_LIFETIME_S;
    return { value: token.data.access_token, expiresAt: now() + lifetime * 1000 };
  }
  const reason = refusal(body);
  if (reason === undefined) throw unavailable(`gave an unreadable answer (${answer.status})`);
  throw new PermanentError('PAYTRACE_AUTH_FAILED', `PayTrace refused the API user: ${reason}`, {
    details: { error: body.error, status: answer.status },
  });
}
