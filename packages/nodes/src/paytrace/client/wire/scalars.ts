/**
 * Scalar shapes shared by PayTrace requests and answers. Answers are read leniently where the
 * facts say PayTrace varies (ids as numbers or strings, `"0"` or text in AVS fields), and requests
 * strictly, so that the connector can only ever send what it means to.
 *
 * @module
 */
import { z } from 'zod';

/** A transaction id in an answer: an integer (`125391271`) or digit string, read as a string. */
export const WireTransactionId = z
  .union([z.int().nonnegative(), z.string().regex(/^\d{1,18}$/)])
  .transform(String);

/** Free text in an answer that PayTrace sometimes sends as a number (`"0"`, `0`). */
export const WireText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? '' : String(value)));

/** An amount in an answer: a JSON number (`110`) or decimal string (`"8.10"`), kept as sent. */
export const WireAmount = z.union([z.number(), z.string()]);

/** An amount in a request: PayTrace's decimal dollars with exactly two decimals. */
export const RequestAmount = z.string().regex(/^\d{1,13}\.\d{2}$/);

/** A transaction id in a request. */
export const RequestTransactionId = z.string().regex(/^[1-9]\d{0,17}$/);

/** PayTrace's invoice field; Paybridge's references are alphanumeric and short. */
export const RequestInvoiceId = z.string().regex(/^[A-Za-z0-9]{1,50}$/);

/** A billing or shipping address as PayTrace names its fields. */
export const RequestAddress = z.strictObject({
  name: z.string().max(100).optional(),
  street_address: z.string().max(100).optional(),
  street_address2: z.string().max(100).optional(),
  city: z.string().max(100).optional(),
  state: z.string().max(50).optional(),
  zip: z.string().max(20).optional(),
  country: z.string().max(50).optional(),
});
/** A request address. */
export type RequestAddress = z.infer<typeof RequestAddress>;

/** A `MM/DD/YYYY` filter date. */
export const RequestUsDate = z.string().regex(/^\d{2}\/\d{2}\/\d{4}$/);
