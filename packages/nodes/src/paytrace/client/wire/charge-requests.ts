/**
 * Request bodies of sales and authorizations, one strict schema per card source. Keyed requests
 * admit only PayTrace's client-side encrypted values: there is no `number` or `csc` field to put
 * a clear card into.
 *
 * @module
 */
import { z } from 'zod';
import { RequestAddress, RequestAmount, RequestInvoiceId, RequestTransactionId } from './scalars';

/** Optional fields every charge takes (3.2 of the API facts). */
const ChargeFields = {
  amount: RequestAmount,
  invoice_id: RequestInvoiceId.optional(),
  description: z.string().max(255).optional(),
  email: z.string().max(254).optional(),
  billing_address: RequestAddress.optional(),
  customer_reference_id: z.string().max(64).optional(),
  tax_amount: RequestAmount.optional(),
};

/** Base64 ciphertext of PayTrace's client-side encryption (a few hundred characters). */
export const EncryptedValue = z.string().regex(/^[A-Za-z0-9+/]{40,2048}={0,2}$/);

/** `credit_card` of a keyed request: encrypted number and expiry only. */
export const EncryptedCard = z.strictObject({
  encrypted_number: EncryptedValue,
  expiration_month: z.string().regex(/^(0?[1-9]|1[0-2])$/),
  expiration_year: z.string().regex(/^\d{4}$/),
});

/** `/v1/transactions/{sale,authorization}/keyed` with encrypted values. */
export const KeyedChargeRequest = z.strictObject({
  ...ChargeFields,
  credit_card: EncryptedCard,
  encrypted_csc: EncryptedValue.optional(),
});

/** `/v1/transactions/{sale,authorization}/by_customer`. */
export const VaultChargeRequest = z.strictObject({
  ...ChargeFields,
  customer_id: z.string().min(1).max(50),
});

/** `/v1/transactions/{sale,authorization}/by_transaction`. */
export const PreviousTransactionChargeRequest = z.strictObject({
  ...ChargeFields,
  transaction_id: RequestTransactionId,
});

/** `/v1/transactions/{sale,authorization}/pt_protect`. */
export const ProtectChargeRequest = z.strictObject({
  ...ChargeFields,
  hpf_token: z.string().min(1).max(4096),
  enc_key: z.string().min(1).max(4096),
});
