/**
 * The client-credentials grant: a Dev Dashboard app for the merchant's own store trades its
 * client id and secret for a 24-hour Admin API token at `POST /admin/oauth/access_token`.
 *
 * @module
 */
import { PermanentError } from '@paybridge/engine';
import { z } from 'zod';
import { ShopifyNotSentError, ShopifyOutcomeUnknownError } from './errors';
import type { AccessToken } from '../../http/token-cache';
import { postOnce, type TransportOptions } from './transport';
import { retryAfterMs } from './waits';

const TokenAnswer = z.object({
  access_token: z.string().min(1),
  scope: z.string().optional(),
  expires_in: z.number().positive().optional(),
});

const TokenRefusal = z.object({
  error: z.string().optional(),
  error_description: z.string().optional(),
  errors: z.union([z.string(), z.array(z.unknown())]).optional(),
});

/** Lifetime assumed when the answer states none: Shopify documents 24 hours. */
const DEFAULT_LIFETIME_S = 86_400;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function refusalMessage(body: unknown): string | undefined {
  const refusal = TokenRefusal.safeParse(body);
  if (!refusal.success) return undefined;
  const { error, error_description: description, errors } = refusal.data;
  if (description) return error ? `${error}: ${description}` : description;
  if (typeof errors === 'string') return errors;
  return error;
}

/**
 * Requests a token. Throws PermanentError when Shopify refuses the credentials (with its
 * message), and a TransientError (never a token or secret in it) for throttling, server errors
 * and lost connections; the grant changes nothing, so those are always safe to repeat.
 */
export async function requestToken(
  tokenUrl: URL,
  clientId: string,
  clientSecret: string,
  transport: TransportOptions,
  now: () => number,
): Promise<AccessToken> {
  const requestedAt = now();
  let answer;
  try {
    answer = await postOnce(
      {
        url: tokenUrl,
        headers: {},
        body: JSON.stringify({
          client_id: clientId,
          client_secret: clientSecret,
          grant_type: 'client_credentials',
        }),
      },
      transport,
    );
  } catch (err) {
    if (err instanceof ShopifyOutcomeUnknownError) {
      // Nothing to be unsure about: a grant changes nothing.
      throw new ShopifyNotSentError(err.code, `Token request: ${err.message}`, { cause: err });
    }
    throw err;
  }
  const body = parseJson(answer.text);
  if (answer.status === 429 || answer.status >= 500) {
    const wait = retryAfterMs(answer.headers['retry-after'], new Date(now()));
    throw new ShopifyNotSentError(
      `SHOPIFY_TOKEN_HTTP_${answer.status}`,
      `${tokenUrl.host} answered ${answer.status} to the token request`,
      wait === undefined ? {} : { retryAfterMs: wait },
    );
  }
  if (answer.status !== 200) {
    const message = refusalMessage(body) ?? `HTTP ${answer.status}`;
    throw new PermanentError(
      'SHOPIFY_TOKEN_REFUSED',
      `Shopify refused the client credentials: ${message}`,
      { details: { status: answer.status } },
    );
  }
  const token = TokenAnswer.safeParse(body);
  if (!token.success) {
    throw new PermanentError(
      'SHOPIFY_TOKEN_UNREADABLE',
      `${tokenUrl.host} answered the token request in an unexpected shape (is the base URL right?)`,
    );
  }
  const lifetimeS = token.data.expires_in ?? DEFAULT_LIFETIME_S;
  return {
    value: token.data.access_token,
    obtainedAt: requestedAt,
    expiresAt: requestedAt + lifetimeS * 1000,
  };
}
