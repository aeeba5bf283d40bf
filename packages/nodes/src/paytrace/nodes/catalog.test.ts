import { describe, expect, it } from 'vitest';
import { nodeCatalog } from '../../definitions';
import { createExecutorLookup } from '../../executors';
import { paytraceNodes } from './definitions';

const PAYMENTS = ['sale', 'authorize', 'capture', 'void', 'refund'].map((n) => `paytrace.${n}`);

describe('PayTrace node catalogue', () => {
  const entries = nodeCatalog().filter((entry) => entry.category === 'paytrace');

  it('lists every PayTrace node, all with effects, a paytrace connection and docs', () => {
    expect(entries.map((e) => e.type)).toEqual(paytraceNodes.map((n) => n.type));
    expect(entries).toHaveLength(12);
    for (const entry of entries) {
      expect(entry.effects, entry.type).toBe(true);
      expect(entry.connection, entry.type).toEqual({
        types: ['paytrace'],
        field: 'connectionId',
        optional: false,
      });
      expect(entry.docs.length, entry.type).toBeGreaterThan(100);
      expect(entry.outputSchema, entry.type).toBeDefined();
    }
  });

  it('gives payment nodes the approved, declined and error ports', () => {
    for (const entry of entries.filter((e) => PAYMENTS.includes(e.type))) {
      expect(entry.ports, entry.type).toEqual({
        inputs: ['in'],
        outputs: ['approved', 'declined', 'error'],
      });
    }
  });

  it('describes amounts as integer minor units in the config forms', () => {
    const sale = entries.find((e) => e.type === 'paytrace.sale');
    expect(sale?.configSchema.properties).toMatchObject({
      amount: { type: 'integer', minimum: 1 },
      currency: { default: 'USD' },
    });
  });

  it('has an executor for each, built for a runtime with a simulator', () => {
    const lookup = createExecutorLookup({
      http: { allowPrivateCidrs: [] },
      paytrace: { simulatorUrl: 'http://127.0.0.1:8600' },
    });
    for (const node of paytraceNodes) expect(lookup(node.type, 1)?.spec).toBe(node);
  });
});
