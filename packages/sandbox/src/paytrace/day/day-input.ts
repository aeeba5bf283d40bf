/**
 * The request of `POST /__admin/generate-day`: which local date, how many orders, the rates of
 * refunds, voids and declines, the seed, how many batches close that day, and the processor-side
 * discrepancies to inject.
 * @module
 */
import { z } from 'zod';
import { isTimeZone } from './local-time.js';

const count = z.int().min(0).default(0);
const rate = z.number().min(0).max(1).default(0);

/** Input of a generated day. */
export const GenerateDayInput = z
  .object({
    date: z.iso.date(),
    timeZone: z.string().default('UTC').refine(isTimeZone, 'is not an IANA time zone'),
    /** Local time of the day's last batch close (`HH:MM`, at least 01:00). */
    cutOff: z
      .string()
      .regex(/^(0[1-9]|1\d|2[0-3]):[0-5]\d$/, 'must be HH:MM between 01:00 and 23:59')
      .default('23:00'),
    orders: z.int().min(0).max(200_000),
    refundRate: rate,
    voidRate: rate,
    declineRate: rate,
    seed: z.union([z.int(), z.string()]).default(1),
    /** Batches closing that day, evenly spaced, the last at the cut-off (manual settles). */
    batches: z.int().min(1).max(96).default(1),
    discrepancies: z
      .object({
        shortDeposit: count,
        missingDeposit: count,
        feeDifference: count,
        notInShopify: count,
      })
      .default({ shortDeposit: 0, missingDeposit: 0, feeDifference: 0, notInShopify: 0 }),
  })
  .refine((d) => d.discrepancies.shortDeposit + d.discrepancies.missingDeposit <= d.batches, {
    message: 'short and missing deposits need a batch each: raise `batches`',
    path: ['discrepancies'],
  });
/** Input of a generated day, defaults applied. */
export type GenerateDayInput = z.output<typeof GenerateDayInput>;
