/**
 * The scorer's inputs as types (their shape is defined once, by the schemas in `./order-schema`)
 * and the history summary it reads.
 *
 * @module
 */
import type { z } from 'zod';
import type {
  FraudAddressSchema,
  FraudLineItemSchema,
  FraudOrderSchema,
  PaymentCheckSchema,
} from './order-schema';

export type FraudAddress = z.infer<typeof FraudAddressSchema>;
export type FraudLineItem = z.infer<typeof FraudLineItemSchema>;
export type FraudOrder = z.infer<typeof FraudOrderSchema>;
export type PaymentCheck = z.infer<typeof PaymentCheckSchema>;

/** Counters of past activity sharing one key with the order, over one window, the order excluded. */
export interface VelocityWindow {
  /** Approved orders. */
  orders: number;
  /** Their total in minor units of the order's currency. */
  amountMinor: number;
  /** Distinct card fingerprints among the orders and the failed attempts. */
  distinctCards: number;
  /** Declined authorization attempts. */
  failedAttempts: number;
}

export interface VelocityCounters {
  h1: VelocityWindow;
  h24: VelocityWindow;
  d7: VelocityWindow;
}

/**
 * Everything the signals need from Paybridge's own history, computed before scoring (in memory
 * by {@link summariseHistory} for the generator; by indexed SQL over Postgres at run time). All
 * windows end at the order's `created_at` and exclude the order itself.
 */
export interface HistorySummary {
  velocity: {
    email: VelocityCounters;
    ip: VelocityCounters;
    card: VelocityCounters;
    shippingAddress: VelocityCounters;
    device: VelocityCounters;
  };
  customer: {
    /** First order or account creation we know of (ISO 8601), null for a first-time customer. */
    firstSeenAt: string | null;
    priorOrders: number;
    priorRefunds: number;
    priorChargebacks: number;
    /** 90th percentile of the customer's past order totals in minor units, null without history. */
    amountP90Minor: number | null;
    /** Shipping addresses the customer used before (normalised keys). */
    knownShippingAddresses: number;
    /** Whether this order's shipping address was used by the customer before. */
    shippingAddressSeenBefore: boolean;
  };
  /** First time this email was seen on any order (ISO 8601), null when never. */
  emailFirstSeenAt: string | null;
  /** Median order total of the store in minor units, null without history. */
  storeMedianAmountMinor: number | null;
}

export function emptyVelocityWindow(): VelocityWindow {
  return { orders: 0, amountMinor: 0, distinctCards: 0, failedAttempts: 0 };
}

function emptyCounters(): VelocityCounters {
  return { h1: emptyVelocityWindow(), h24: emptyVelocityWindow(), d7: emptyVelocityWindow() };
}

/** The summary of a store with no history: what the node uses until the SQL summary lands. */
export function emptyHistory(): HistorySummary {
  return {
    velocity: {
      email: emptyCounters(),
      ip: emptyCounters(),
      card: emptyCounters(),
      shippingAddress: emptyCounters(),
      device: emptyCounters(),
    },
    customer: {
      firstSeenAt: null,
      priorOrders: 0,
      priorRefunds: 0,
      priorChargebacks: 0,
      amountP90Minor: null,
      knownShippingAddresses: 0,
      shippingAddressSeenBefore: false,
    },
    emailFirstSeenAt: null,
    storeMedianAmountMinor: null,
  };
}
