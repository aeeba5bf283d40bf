/**
 * The scorer's inputs as zod schemas, the one definition of their shape: the `fraud.score` node
 * validates its input with them and the TypeScript types in `./order` are inferred from them.
 * Browser-safe and light (zod only), so the editor can import it through the node definition
 * without pulling in the model or the email lists.
 *
 * `FraudOrder` is the subset of a Shopify Admin REST order (`orders/create` webhook payload) the
 * signals use, spelled as Shopify spells it; other fields pass through. `PaymentCheck` is
 * PayTrace's authorization answer: `avs_response` / `csc_response` as PayTrace words them, and
 * the masked card (e.g. "xxxxxxxxxxxx1111") with the vault `customer_id` to fingerprint the card
 * without its number ever being seen.
 *
 * @module
 */
import { z } from 'zod';

export const FraudAddressSchema = z
  .object({
    address1: z.string().nullish(),
    city: z.string().nullish(),
    zip: z.string().nullish(),
    country_code: z.string().nullish(),
  })
  .loose();

export const FraudLineItemSchema = z
  .object({
    sku: z.string().nullish(),
    quantity: z.int().min(0),
    price: z.string(),
    gift_card: z.boolean().optional(),
  })
  .loose();

export const FraudOrderSchema = z
  .object({
    id: z.union([z.int(), z.string().min(1)]),
    /** ISO 8601 with offset, as Shopify sends it. */
    created_at: z.iso.datetime({ offset: true }),
    email: z.string().nullish(),
    browser_ip: z.string().nullish(),
    total_price: z.string().regex(/^-?\d+(\.\d{1,2})?$/, 'a money string such as "12.34"'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code'),
    billing_address: FraudAddressSchema.nullish(),
    shipping_address: FraudAddressSchema.nullish(),
    line_items: z.array(FraudLineItemSchema),
    shipping_lines: z
      .array(z.object({ code: z.string().nullish(), title: z.string().nullish() }).loose())
      .optional(),
    client_details: z
      .object({ browser_ip: z.string().nullish(), user_agent: z.string().nullish() })
      .loose()
      .nullish(),
    customer: z
      .object({ id: z.union([z.int(), z.string()]), created_at: z.string().nullish() })
      .loose()
      .nullish(),
  })
  .loose();

export const PaymentCheckSchema = z.object({
  avs_response: z.string().nullish(),
  csc_response: z.string().nullish(),
  masked_card: z
    .string()
    .regex(/^[0-9xX*]{12,19}$/, 'a masked card such as xxxxxxxxxxxx1111')
    .nullish(),
  /** PayTrace vault customer id when the card came from the vault. */
  customer_id: z.string().nullish(),
});
