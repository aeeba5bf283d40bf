/**
 * Config fields the PayTrace nodes share, declared once so every node labels and validates them
 * the same way. Browser-safe.
 *
 * @module
 */
import { z } from 'zod';

/** Largest amount a node takes, in minor units: PayTrace's amounts have at most 13 integer digits. */
export const MAX_AMOUNT_MINOR = 999_999_999_999_99;

/** The connection field of every PayTrace node. */
export const connectionIdField = z
  .string()
  .meta({ title: 'PayTrace connection', widget: 'connection' });

/** An amount in integer minor units (cents), at least `min`. */
export function amountField(title: string, min: number) {
  return z.int().min(min).max(MAX_AMOUNT_MINOR).meta({
    title,
    description: 'Integer minor units: 1050 is $10.50.',
    widget: 'number',
  });
}

/** ISO 4217 currency code; PayTrace processes USD only (others fail the step). */
export const currencyField = z
  .string()
  .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD')
  .default('USD')
  .meta({ title: 'Currency', description: 'PayTrace processes USD only.' });

/** A PayTrace transaction id: digits, as a string or a number (ids fit easily in either). */
export const transactionIdField = z
  .union([z.string().regex(/^[1-9]\d{0,17}$/, 'a PayTrace transaction id'), z.int().min(1)])
  .transform(String)
  .meta({ title: 'Transaction id', placeholder: '125391271' });

/** A vault customer id (PayTrace v1: the merchant's own string). */
export const customerIdField = z
  .string()
  .min(1)
  .max(50)
  .meta({ title: 'Customer id', description: 'Your id for the vault profile.' });

/** A billing address, named the Paybridge way and mapped to PayTrace's fields when sent. */
export const BillingAddress = z.object({
  name: z.string().max(100).optional().meta({ title: 'Name' }),
  streetAddress: z.string().max(100).optional().meta({ title: 'Street' }),
  streetAddress2: z.string().max(100).optional().meta({ title: 'Street (2nd line)' }),
  city: z.string().max(100).optional().meta({ title: 'City' }),
  state: z.string().max(50).optional().meta({ title: 'State' }),
  zip: z.string().max(20).optional().meta({ title: 'ZIP' }),
  country: z.string().max(50).optional().meta({ title: 'Country' }),
});
/** A billing address in node config. */
export type BillingAddress = z.infer<typeof BillingAddress>;

/** The optional billing address field. */
export const billingAddressField = BillingAddress.optional().meta({
  title: 'Billing address',
  description: 'Used for AVS; the account may require it for keyed and Protect.js charges.',
});

/**
 * Base64 ciphertext from PayTrace's client-side encryption library. Digits-only text (a clear
 * card number or CSC) can never match, so a clear value is refused before anything is sent.
 */
export const encryptedValueField = z
  .string()
  .regex(/^[A-Za-z0-9+/]{40,2048}={0,2}$/, 'a value encrypted by PayTrace client-side encryption')
  .refine((value) => !/^\d+$/.test(value), 'clear card data is never accepted');
