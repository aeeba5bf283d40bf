/**
 * Resource ids and global ids. Shopify ids are unsigned 64-bit integers; some exceed 2^53, so
 * the simulator keeps them as decimal strings (bigint arithmetic for new ones) and never turns
 * them into JavaScript numbers. GraphQL ids are `gid://shopify/<Type>/<id>`.
 * @module
 */
import type { Sequences } from '../../persistence/sequences.js';
import { randomUuid, type Random } from './random.js';

/** Resource types that carry global ids in the simulator. */
export type GidType =
  | 'Order'
  | 'Fulfillment'
  | 'Customer'
  | 'LineItem'
  | 'ShippingLine'
  | 'OrderTransaction'
  | 'Refund'
  | 'RefundLineItem'
  | 'RefundShippingLine'
  | 'Metafield'
  | 'MailingAddress'
  | 'WebhookSubscription'
  | 'ShopifyPaymentsDispute'
  | 'Shop';

/** Builds `gid://shopify/<type>/<id>`. */
export function gid(type: GidType, id: string): string {
  return `gid://shopify/${type}/${id}`;
}

/** A parsed global id. */
export interface ParsedGid {
  type: string;
  id: string;
}

/**
 * Parses a global id (query parameters such as `?model_name=` are ignored), or `undefined` when
 * the text is not one. The id part must be a plain unsigned integer.
 */
export function parseGid(text: string): ParsedGid | undefined {
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/(0|[1-9]\d{0,19})(\?.*)?$/.exec(text);
  if (!match || !match[1] || !match[2]) return undefined;
  if (BigInt(match[2]) > 18446744073709551615n) return undefined;
  return { type: match[1], id: match[2] };
}

/** Hands out resource ids from one counter; kept as text so values beyond 2^53 stay exact. */
export class IdSequence {
  constructor(private readonly sequences: Sequences) {}

  /** Takes the next id. */
  take(): string {
    return this.sequences.next('id').toString();
  }
}

/**
 * A UUID-shaped id (`X-Shopify-Webhook-Id`, `X-Shopify-Event-Id`) whose first 48 bits are a
 * sequence number and the rest drawn from `random`: each is new, and later ones sort after
 * earlier ones, across restarts too.
 */
export function sequencedUuid(sequence: bigint, random: Random): string {
  const tail = randomUuid(random);
  const head = sequence.toString(16).padStart(12, '0').slice(-12);
  return `${head.slice(0, 8)}-${head.slice(8, 12)}${tail.slice(13)}`;
}

/** Default first id: above 2^53 (9007199254740992) so connectors meet unsafe integers at once. */
export const DEFAULT_ID_START = 9007199254740993123n;
