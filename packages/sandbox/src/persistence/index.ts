/**
 * Durable simulator state: the store interface a host implements, the in-memory store, and the
 * codec of stored records.
 * @module
 */
export { memoryStore, type MemoryStore, type RecordChange, type SimulatorStore, type StoredRecord } from './store.js';
export type { DurableOptions } from './persistence.js';
