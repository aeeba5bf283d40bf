/**
 * Reads a durable simulator's stored records back into a fresh state.
 * @module
 */
import { decodeRecord } from '../persistence/record-codec.js';
import type { StoredRecord } from '../persistence/store.js';
import type { SimChargeback } from './chargebacks.js';
import type { SimBatch, SimCustomer, SimTransaction, SimulatorState } from './state.js';

/** Puts stored transactions, batches, vault profiles, tokens, chargeback cases and bookkeeping into `state`. */
export function restoreState(state: SimulatorState, records: StoredRecord[]): void {
  const ordered = [...records].sort((a, b) =>
    a.kind === 'transaction' && b.kind === 'transaction' ? Number(a.key) - Number(b.key) : 0,
  );
  for (const record of ordered) {
    switch (record.kind) {
      case 'transaction':
        state.transactions.set(Number(record.key), decodeRecord<SimTransaction>(record.json));
        break;
      case 'customer':
        state.customers.set(record.key, decodeRecord<SimCustomer>(record.json));
        break;
      case 'batch':
        state.batches.push(decodeRecord<SimBatch>(record.json));
        break;
      case 'chargeback':
        state.chargebacks.set(record.key, decodeRecord<SimChargeback>(record.json));
        break;
      case 'token':
        state.tokens.set(record.key, decodeRecord<{ expiresAt: number }>(record.json));
        break;
      case 'account':
        state.autoCloseCheckedAt = decodeRecord<{ autoCloseCheckedAt: number }>(
          record.json,
        ).autoCloseCheckedAt;
        break;
    }
  }
  state.batches.sort((a, b) => a.number - b.number);
}
