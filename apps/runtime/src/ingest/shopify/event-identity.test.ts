import { describe, expect, it } from 'vitest';
import { shopifyEventIdentity } from './event-identity';

describe('shopifyEventIdentity', () => {
  it('is the same for one update whatever the offset notation of its stamp', () => {
    const a = shopifyEventIdentity('orders/updated', {
      id: '820982911946154508',
      updated_at: '2025-03-01T10:00:00-05:00',
    });
    const b = shopifyEventIdentity('orders/updated', {
      id: '820982911946154508',
      updated_at: '2025-03-01T15:00:00Z',
    });
    expect(a).toBe('orders/updated:820982911946154508:2025-03-01T15:00:00.000Z');
    expect(b).toBe(a);
  });

  it('tells updates apart by topic and stamp', () => {
    const order = { id: '1', updated_at: '2025-03-01T15:00:00Z' };
    expect(
      shopifyEventIdentity('orders/updated', { ...order, updated_at: '2025-03-01T15:00:01Z' }),
    ).not.toBe(shopifyEventIdentity('orders/updated', order));
    expect(shopifyEventIdentity('orders/paid', order)).not.toBe(
      shopifyEventIdentity('orders/updated', order),
    );
  });

  it('gives once-per-resource topics one identity whatever the stamp', () => {
    const created = { id: '1', updated_at: '2025-03-01T15:00:00Z' };
    const seenLater = { id: '1', updated_at: '2025-03-05T09:00:00Z' };
    for (const topic of ['orders/create', 'orders/paid', 'refunds/create', 'disputes/create']) {
      expect(shopifyEventIdentity(topic, created)).toBe(`${topic}:1`);
      expect(shopifyEventIdentity(topic, seenLater)).toBe(`${topic}:1`);
    }
  });

  it('tells dispute updates apart by status and dates', () => {
    const open = { id: '1052608616', status: 'needs_response', evidence_sent_on: null };
    const sent = { ...open, status: 'under_review', evidence_sent_on: '2025-03-02T10:00:00-04:00' };
    expect(shopifyEventIdentity('disputes/update', open)).toBe(
      'disputes/update:1052608616:needs_response||',
    );
    expect(shopifyEventIdentity('disputes/update', sent)).not.toBe(
      shopifyEventIdentity('disputes/update', open),
    );
  });

  it('gives up without an id or, for updates, a stamp', () => {
    expect(shopifyEventIdentity('orders/updated', { id: '1' })).toBeNull();
    expect(shopifyEventIdentity('orders/create', { updated_at: 'x' })).toBeNull();
    expect(shopifyEventIdentity('orders/create', null)).toBeNull();
  });
});
