/**
 * Request bodies of the customer vault: create (encrypted keyed card, Protect.js token or a past
 * transaction), update and delete.
 *
 * @module
 */
import { z } from 'zod';
import { EncryptedCard, EncryptedValue } from './charge-requests';
import { RequestAddress, RequestTransactionId } from './scalars';

/** PayTrace v1 customer ids are the merchant's own strings. */
export const RequestCustomerId = z.string().min(1).max(50);

const ProfileFields = {
  customer_id: RequestCustomerId,
  billing_address: RequestAddress.optional(),
  email: z.string().max(254).optional(),
  phone: z.string().max(40).optional(),
};

/** `/v1/customer/create` with an encrypted card. */
export const CustomerCreateRequest = z.strictObject({
  ...ProfileFields,
  credit_card: EncryptedCard,
  encrypted_csc: EncryptedValue.optional(),
});

/** `/v1/customer/pt_protect_create`. */
export const CustomerProtectCreateRequest = z.strictObject({
  ...ProfileFields,
  hpf_token: z.string().min(1).max(4096),
  enc_key: z.string().min(1).max(4096),
});

/** `/v1/customer/create_from_transaction`. */
export const CustomerFromTransactionRequest = z.strictObject({
  ...ProfileFields,
  transaction_id: RequestTransactionId,
});

/** `/v1/customer/update`: the card only when keyed (encrypted). */
export const CustomerUpdateRequest = z.strictObject({
  ...ProfileFields,
  credit_card: EncryptedCard.optional(),
  encrypted_csc: EncryptedValue.optional(),
});

/** `/v1/customer/delete`. */
export const CustomerDeleteRequest = z.strictObject({ customer_id: RequestCustomerId });
