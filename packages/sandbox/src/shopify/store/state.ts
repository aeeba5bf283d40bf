/**
 * In-memory state of one simulated store: its records, the id counter, issued tokens, the cost
 * bucket, the delivery log and the seeded random source. `reset` replaces it wholesale.
 * @module
 */
import type { Sequences } from '../../persistence/sequences.js';
import { DEFAULT_ID_START, IdSequence } from '../core/ids.js';
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
  /** Every counter: `id`, `order-number`, `delivery`, `webhook`, `event`. */
  sequences: Sequences;
  customers: Map<string, SimCustomer>;
  orders: Map<string, SimOrder>;
  transactions: Map<string, SimTransaction>;
  refunds: Map<string, SimRefund>;
  disputes: Map<string, SimDispute>;
  metafields: Map<string, SimMetafield>;
  subscriptions: Map<string, SimSubscription>;
  deliveries: SimDelivery[];
  /** Client-credentials tokens and their expiry (epoch ms). */
  tokens: Map<string, { expiresAt: number }>;
  /** Cost bucket: points available at time `at`; `null` until first use (starts full). */
  bucket: { available: number; at: number } | null;
  random: Random;
}

/** First values of the store's sequences, resource ids from `idStart`. */
export function sequenceStarts(idStart: bigint = DEFAULT_ID_START): Record<string, bigint> {
  return { id: idStart, 'order-number': 1001n, delivery: 1n, webhook: 1n, event: 1n };
}

/** A fresh, empty store over `sequences` (memory: restarted; a durable store: continued). */
export function createState(sequences: Sequences, seed: number): ShopifyState {
  return {
    ids: new IdSequence(sequences),
    sequences,
    customers: new Map(),
    orders: new Map(),
    transactions: new Map(),
    refunds: new Map(),
    disputes: new Map(),
    metafields: new Map(),
    subscriptions: new Map(),
    deliveries: [],
    tokens: new Map(),
    bucket: null,
    random: seededRandom(seed),
  };
}
