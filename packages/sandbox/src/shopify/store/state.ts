/**
 * In-memory state of one simulated store: its records, the id counter, issued tokens, the cost
 * bucket, the delivery log and the seeded random source. `reset` replaces it wholesale.
 * @module
 */
import { IdSequence } from '../core/ids.js';
import { seededRandom, type Random } from '../core/random.js';
import type { SimDelivery } from '../webhooks/delivery-records.js';
import type {
  SimCustomer,
  SimDispute,
  SimMetafield,
  SimOrder,
  SimRefund,
  SimSubscription,
  SimTransaction,
} from './records.js';

/** The whole state of one store. */
export interface ShopifyState {
  /** One counter for every resource id. */
  ids: IdSequence;
  nextOrderNumber: number;
  customers: Map<string, SimCustomer>;
  orders: Map<string, SimOrder>;
  transactions: Map<string, SimTransaction>;
  refunds: Map<string, SimRefund>;
  disputes: Map<string, SimDispute>;
  metafields: Map<string, SimMetafield>;
  subscriptions: Map<string, SimSubscription>;
  deliveries: SimDelivery[];
  nextDeliverySeq: number;
  /** Client-credentials tokens and their expiry (epoch ms). */
  tokens: Map<string, { expiresAt: number }>;
  /** Cost bucket: points available at time `at`; `null` until first use (starts full). */
  bucket: { available: number; at: number } | null;
  random: Random;
}

/** A fresh, empty store. */
export function createState(idStart: bigint, seed: number): ShopifyState {
  return {
    ids: new IdSequence(idStart),
    nextOrderNumber: 1001,
    customers: new Map(),
    orders: new Map(),
    transactions: new Map(),
    refunds: new Map(),
    disputes: new Map(),
    metafields: new Map(),
    subscriptions: new Map(),
    deliveries: [],
    nextDeliverySeq: 1,
    tokens: new Map(),
    bucket: null,
    random: seededRandom(seed),
  };
}
