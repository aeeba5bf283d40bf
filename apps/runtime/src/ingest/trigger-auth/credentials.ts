import {
  shopifyConnection,
  webhookSecretsOf,
  TRIGGER_AUTH_CONNECTION_TYPES,
  webhookBasicConnection,
  webhookBearerConnection,
  webhookShopifyConnection,
  webhookStandardConnection,
  type TriggerAuthType,
} from '@paybridge/nodes/definitions';
import type { ResolvedConnection } from '../../connections/resolver';
import { standardWebhookKey } from './standard-webhooks';

/**
 * An authentication method that needs a connection: every REST trigger method but `none`, and
 * `shopify-store`, the webhooks of a Shopify connection (its secrets and shop domain).
 */
export type TriggerAuthMethod = Exclude<TriggerAuthType, 'none'> | 'shopify-store';

/**
 * The secrets one trigger checks requests against, in the form each verifier wants (Standard
 * Webhooks keys already base64-decoded). Held in memory only, in the trigger table's cache.
 */
export type TriggerCredentials =
  | { method: 'bearer'; tokens: string[] }
  | { method: 'basic'; username: string; password: string }
  | { method: 'standard-webhooks'; keys: Buffer[] }
  | { method: 'shopify-hmac'; secrets: string[] }
  | { method: 'shopify-store'; secrets: string[]; shopDomain: string };

function present(values: (string | undefined)[]): string[] {
  return values.filter((v): v is string => v !== undefined && v !== '');
}

/**
 * Turns a decrypted connection into verifier input. Returns null when the connection is of
 * another type than the method needs (a bearer trigger pointed at a Shopify secret) or its
 * values do not satisfy the type's schema: ingress then refuses every request rather than
 * checking against something nobody meant.
 */
export function credentialsFromConnection(
  method: TriggerAuthMethod,
  connection: ResolvedConnection,
): TriggerCredentials | null {
  if (method === 'shopify-store') {
    if (connection.type !== shopifyConnection.type) return null;
    const v = shopifyConnection.fields.safeParse(connection.values);
    return v.success
      ? { method, secrets: webhookSecretsOf(v.data), shopDomain: v.data.shopDomain }
      : null;
  }
  if (connection.type !== TRIGGER_AUTH_CONNECTION_TYPES[method]) return null;
  switch (method) {
    case 'bearer': {
      const v = webhookBearerConnection.fields.safeParse(connection.values);
      return v.success ? { method, tokens: present([v.data.token, v.data.previousToken]) } : null;
    }
    case 'basic': {
      const v = webhookBasicConnection.fields.safeParse(connection.values);
      return v.success ? { method, username: v.data.username, password: v.data.password } : null;
    }
    case 'standard-webhooks': {
      const v = webhookStandardConnection.fields.safeParse(connection.values);
      return v.success ? { method, keys: v.data.secrets.map(standardWebhookKey) } : null;
    }
    case 'shopify-hmac': {
      const v = webhookShopifyConnection.fields.safeParse(connection.values);
      return v.success
        ? { method, secrets: present([v.data.secret, v.data.previousSecret]) }
        : null;
    }
  }
}
