import { verifyBasic } from './basic';
import { verifyBearer } from './bearer';
import type { TriggerCredentials } from './credentials';
import type { AuthResult, SignedRequest } from './result';
import { verifyShopifyHmac, verifyShopifyStore } from './shopify-hmac';
import { verifyStandardWebhook } from './standard-webhooks';

/**
 * Checks one request against a trigger's credentials, on the raw bytes and headers only: the
 * body has not been parsed, and is not parsed at all unless this says yes.
 *
 * @param nowMs the current time, injected so signature windows are testable.
 */
export function verifyTriggerRequest(
  credentials: TriggerCredentials,
  request: SignedRequest,
  nowMs: number,
): AuthResult {
  switch (credentials.method) {
    case 'bearer':
      return verifyBearer(request, credentials.tokens);
    case 'basic':
      return verifyBasic(request, [credentials]);
    case 'standard-webhooks':
      return verifyStandardWebhook(request, credentials.keys, Math.floor(nowMs / 1000));
    case 'shopify-hmac':
      return verifyShopifyHmac(request, credentials.secrets);
    case 'shopify-store':
      return verifyShopifyStore(request, credentials.secrets, credentials.shopDomain);
  }
}
