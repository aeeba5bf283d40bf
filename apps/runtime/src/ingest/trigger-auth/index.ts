/**
 * REST trigger authentication: pure verifiers for bearer, basic, Standard Webhooks and Shopify
 * HMAC, all on raw bytes with constant-time comparisons, and the mapping from a decrypted
 * connection to what they check against.
 *
 * @module
 */
export { safeEqual, safeEqualAny } from './constant-time';
export {
  credentialsFromConnection,
  type TriggerAuthMethod,
  type TriggerCredentials,
} from './credentials';
export { isDeliveryId, type AuthFailure, type AuthResult, type SignedRequest } from './result';
export {
  STANDARD_WEBHOOKS_TOLERANCE_S,
  signStandardWebhook,
  standardWebhookKey,
} from './standard-webhooks';
export { shopifyHmac } from './shopify-hmac';
export { verifyTriggerRequest } from './verify-request';
