/**
 * Selections and zod schemas of the Admin API objects the operations read, shared so every
 * document asks for (and every answer is checked against) the same fields. Ids stay strings:
 * `legacyResourceId` is an `UnsignedInt64`, sent as text because it exceeds 2^53.
 *
 * @module
 */
import { z } from 'zod';

/** `MoneyBag` selection: shop and presentment currency. */
export const MONEY_BAG =
  'shopMoney { amount currencyCode } presentmentMoney { amount currencyCode }';

/** `OrderTransaction` selection. */
export const TRANSACTION = `id kind status gateway test processedAt createdAt authorizationCode errorCode
  parentTransaction { id } amountSet { ${MONEY_BAG} }`;

/** `Metafield` selection. */
export const METAFIELD = 'id namespace key type value';

/** A global id. */
export const Gid = z.string().regex(/^gid:\/\/shopify\/[A-Za-z]+\/\d+/);
/** A legacy id as text. */
export const LegacyId = z.string().regex(/^\d{1,20}$/);

/** `MoneyV2`. */
export const WireMoney = z.object({ amount: z.string(), currencyCode: z.string() });
/** `MoneyBag`. */
export const WireMoneyBag = z.object({ shopMoney: WireMoney, presentmentMoney: WireMoney });
export type WireMoneyBag = z.infer<typeof WireMoneyBag>;

/** `OrderTransaction` as selected by {@link TRANSACTION}. */
export const WireTransaction = z.object({
  id: Gid,
  kind: z.string(),
  status: z.string(),
  gateway: z.string().nullable(),
  test: z.boolean(),
  processedAt: z.string().nullable(),
  createdAt: z.string(),
  authorizationCode: z.string().nullable(),
  errorCode: z.string().nullable(),
  parentTransaction: z.object({ id: Gid }).nullable(),
  amountSet: WireMoneyBag,
});
export type WireTransaction = z.infer<typeof WireTransaction>;

/** `Metafield` as selected by {@link METAFIELD}. */
export const WireMetafield = z.object({
  id: Gid,
  namespace: z.string(),
  key: z.string(),
  type: z.string(),
  value: z.string(),
});
export type WireMetafield = z.infer<typeof WireMetafield>;

/** A connection's `nodes` list. */
export function nodesOf<T extends z.ZodType>(node: T) {
  return z.object({ nodes: z.array(node) });
}

/** `userErrors { field message }`. */
export const WireUserError = z.object({
  field: z.array(z.string()).nullable(),
  message: z.string(),
});

/** `userErrors { field message code }` of payloads whose error type has a code. */
export const WireCodedUserError = WireUserError.extend({ code: z.string().nullable().optional() });
