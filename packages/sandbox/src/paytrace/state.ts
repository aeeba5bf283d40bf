/**
 * In-memory state of one simulated PayTrace account: transactions, batches, vault profiles and
 * tokens. Holds no full card numbers and no CSC values.
 * @module
 */
import type { Sequences } from '../persistence/sequences.js';
import type { StoredCard } from './cards.js';
import type { SimChargeback } from './chargebacks.js';

/** The fields PayTrace uses for billing and shipping addresses. */
export interface Address {
  name: string;
  street_address: string;
  street_address2: string;
  city: string;
  county: string;
  state: string;
  zip: string;
  country: string;
}

/** Transaction kinds as exports name them. */
export type TransactionType = 'SALE' | 'AUTHORIZATION' | 'REFUND';

/** One transaction, approved or not. */
export interface SimTransaction {
  id: number;
  type: TransactionType;
  /** Endpoint flavour that created it (`keyed`, `by_customer`, `for_transaction`, …). */
  via: string;
  /** 101 approved, 102 declined, 103 auto-voided, 106 refund. */
  responseCode: number;
  /** Requested (authorized) amount in cents. */
  amountCents: number;
  /** Amount that settles: the sale or refund amount, or what was captured of an authorization. */
  capturedCents: number;
  /** Sum of non-voided refunds issued against this transaction. */
  refundedCents: number;
  /** Authorizations only: captured yet. */
  captured: boolean;
  voided: boolean;
  /** When it became pending settlement (sale/refund creation, capture), else `null`. */
  pendingSince: number | null;
  batchNumber: number | null;
  settledAt: number | null;
  card: StoredCard;
  customerId: string;
  invoiceId: string;
  description: string;
  customerReferenceId: string;
  taxAmountCents: number | null;
  email: string;
  billing: Address;
  shipping: Address;
  approvalCode: string;
  approvalMessage: string;
  avsResponse: string;
  cscResponse: string;
  /** For refunds: the transaction refunded. */
  refundOf: number | null;
  createdAt: number;
  createdBy: string;
  /** Processor fee kept of this transaction at settlement, in cents (absent before settlement). */
  feeCents?: number;
}

/** A closed settlement batch. */
export interface SimBatch {
  number: number;
  closedAt: number;
  transactionIds: number[];
  /** Business date of the close (`YYYY-MM-DD`; UTC unless a generated day says otherwise). */
  closedOn?: string;
  /** Date the net deposit is booked by the merchant's bank. */
  depositOn?: string;
  /** Injected discrepancy: the deposit is this many cents short of net minus fees. */
  depositShortCents?: number;
  /** Injected discrepancy: no deposit reaches the bank. */
  depositMissing?: boolean;
}

/** A vault profile. */
export interface SimCustomer {
  customerId: string;
  card: StoredCard;
  billing: Address;
  shipping: Address;
  email: string;
  phone: string;
  createdAt: number;
}

/** Injected fault for one endpoint path. */
export interface Fault {
  /** Extra delay before the request is handled, in real milliseconds. */
  latencyMs?: number;
  /** Answer this HTTP status (e.g. 502) without processing. */
  status?: number;
  /** Destroy the connection before processing, or after processing (the effect happened). */
  reset?: 'before' | 'after';
  /** How many requests it applies to; absent = until cleared. */
  remaining?: number;
  /** Applies to every `every`-th matching request only (1 = all), deterministically. */
  every?: number;
  /** Matching requests seen so far (maintained by the simulator for `every`). */
  seen?: number;
}

/** A Protect.js `hpf_token` issued by the simulator's iframe stand-in. */
export interface ProtectToken {
  card: StoredCard;
  encKey: string;
  /** CSC check result computed at entry; the CSC itself is dropped. */
  csc: 'match' | 'mismatch' | 'none';
}

/** Whole simulator state. */
export interface SimulatorState {
  transactions: Map<number, SimTransaction>;
  batches: SimBatch[];
  customers: Map<string, SimCustomer>;
  tokens: Map<string, { expiresAt: number }>;
  /** Protect.js client keys and their expiry (epoch ms). */
  clientKeys: Map<string, number>;
  /** One-time Protect.js tokens: the card as stored, the CSC check result, the paired `enc_key`. */
  protectTokens: Map<string, ProtectToken>;
  faults: Map<string, Fault>;
  /** `transaction` ids and `batch` numbers. */
  sequences: Sequences;
  /** Last automatic batch-close cut-off already processed (epoch ms). */
  autoCloseCheckedAt: number;
  /** Chargeback and retrieval cases by case number (outside the JSON API; see chargebacks.ts). */
  chargebacks: Map<string, SimChargeback>;
}

/** First values of the sequences; transaction ids start where recorded sandbox ids live (nine digits). */
export const SEQUENCE_STARTS = { transaction: 125391271n, batch: 1n };

/** Fresh state over `sequences` (memory: restarted; a durable store: continued). */
export function createState(now: number, sequences: Sequences): SimulatorState {
  return {
    transactions: new Map(),
    batches: [],
    customers: new Map(),
    tokens: new Map(),
    clientKeys: new Map(),
    protectTokens: new Map(),
    faults: new Map(),
    sequences,
    autoCloseCheckedAt: now,
    chargebacks: new Map(),
  };
}

/** An address with every field empty, as exports show absent addresses. */
export function emptyAddress(): Address {
  return {
    name: '',
    street_address: '',
    street_address2: '',
    city: '',
    county: '',
    state: '',
    zip: '',
    country: '',
  };
}

/** Reads a PayTrace address object from a request body, ignoring non-string fields. */
export function readAddress(value: unknown): Address {
  const address = emptyAddress();
  if (typeof value !== 'object' || value === null) return address;
  for (const key of Object.keys(address) as (keyof Address)[]) {
    const field = (value as Record<string, unknown>)[key];
    if (typeof field === 'string') address[key] = field;
  }
  return address;
}

/** Pending settlement: approved or refunded, not voided, not settled, and (if an auth) captured. */
export function isPendingSettlement(tx: SimTransaction): boolean {
  return tx.pendingSince !== null && !tx.voided && tx.batchNumber === null;
}
