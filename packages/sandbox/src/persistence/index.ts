/**
 * Durable simulator state: the store interface a host implements and the in-memory store.
 * @module
 */
export {
  memoryStore,
  type MemoryStore,
  type RecordChange,
  type SimulatorStore,
  type StoredRecord,
} from './store.js';
export type { DurableOptions } from './persistence.js';
