/**
 * Shopify ids. GraphQL names resources by global id (`gid://shopify/Order/820982911946154508`);
 * webhooks, the admin and merchants use the legacy numeric id. Both stay strings: the numbers
 * exceed 2^53, and a JSON number would already have been rounded. Browser-safe.
 *
 * @module
 */
import { z } from 'zod';

/** Resource types whose ids nodes accept. */
export type ShopifyResource = 'Order' | 'Customer' | 'Refund' | 'OrderTransaction' | 'Metafield';

/** Shopify ids are unsigned 64-bit integers. */
const U64_MAX = 18446744073709551615n;
const LEGACY = /^(0|[1-9]\d{0,19})$/;
const GID = /^gid:\/\/shopify\/([A-Za-z]+)\/(0|[1-9]\d{0,19})(?:\?.*)?$/;

function inRange(digits: string): boolean {
  return BigInt(digits) <= U64_MAX;
}

/** `gid://shopify/<type>/<legacy id>`. */
export function toGid(type: ShopifyResource, legacyId: string): string {
  if (!LEGACY.test(legacyId) || !inRange(legacyId)) {
    throw new RangeError(`${JSON.stringify(legacyId)} is not a Shopify id`);
  }
  return `gid://shopify/${type}/${legacyId}`;
}

/** The legacy numeric id inside a global id, as a string; `undefined` when `gid` is not one. */
export function legacyIdOf(gid: string): string | undefined {
  const match = GID.exec(gid);
  if (!match?.[2] || !inRange(match[2])) return undefined;
  return match[2];
}

/** The resource type named by a global id, or `undefined`. */
export function gidType(gid: string): string | undefined {
  return GID.exec(gid)?.[1];
}

/**
 * The global id of a `type` resource from what a flow passes: a global id of that type, or a
 * legacy id as a string, or as a JSON number when it is a safe integer (a larger number has
 * already lost digits, so it is refused). Returns an error message instead of throwing so
 * schemas can report it against the field.
 */
export function normalizeId(
  type: ShopifyResource,
  value: string | number,
): { gid: string } | { error: string } {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) {
      return {
        error: `${value} is not exact: Shopify ids exceed 2^53, pass them as strings`,
      };
    }
    return { gid: toGid(type, String(value)) };
  }
  const text = value.trim();
  if (LEGACY.test(text) && inRange(text)) return { gid: toGid(type, text) };
  const named = gidType(text);
  if (named !== undefined && legacyIdOf(text) !== undefined) {
    if (named !== type) return { error: `a ${named} id where a ${type} id was expected` };
    return { gid: toGid(type, legacyIdOf(text) as string) };
  }
  return { error: `not a ${type} id: use gid://shopify/${type}/<number> or the number` };
}

/**
 * A config field for the id of a `type` resource; parses to the global id. Accepts what
 * {@link normalizeId} accepts.
 */
export function resourceIdField(type: ShopifyResource) {
  // A missing id is "required", not zod's "Invalid input" for a union nothing matched.
  const required = (issue: { input?: unknown }) =>
    issue.input === undefined ? 'required' : undefined;
  return z
    .union([z.string().min(1).max(200), z.number()], { error: required })
    .transform((value, ctx) => {
      const result = normalizeId(type, value);
      if ('error' in result) {
        ctx.addIssue({ code: 'custom', message: result.error });
        return z.NEVER;
      }
      return result.gid;
    });
}
