import { describe, expect, it } from 'vitest';
import { HistoryIndex } from './history';
import { check, order } from './test-orders.test-support';

const at = (iso: string, id: number, extra: Parameters<typeof order>[0] = {}) =>
  order({ id, created_at: iso, ...extra });

describe('HistoryIndex velocity windows', () => {
  it('counts past orders per email in 1 h / 24 h / 7 d, excluding the order itself and later ones', () => {
    const index = new HistoryIndex();
    const times = [
      '2026-03-01T10:00:00Z', // 8 days before: outside every window
      '2026-03-03T16:00:00Z', // 6 days before: 7 d only
      '2026-03-09T11:00:00Z', // 23 h before: 24 h and 7 d
      '2026-03-09T09:59:59Z', // just over 24 h before: 7 d only
      '2026-03-10T09:30:00Z', // 30 min before: all windows
    ];
    times.forEach((t, i) => index.add({ order: at(t, i), check: check(), approved: true }));
    const now = at('2026-03-10T10:00:00Z', 99);
    index.add({ order: at('2026-03-10T10:30:00Z', 100), check: check(), approved: true }); // later
    const v = index.summarise(now, check()).velocity.email;
    expect([v.h1.orders, v.h24.orders, v.d7.orders]).toEqual([1, 2, 4]);
    expect(v.h1.amountMinor).toBe(6000);
  });

  it('counts the other orders of the same second (a burst stamped to one instant), never the order itself', () => {
    const index = new HistoryIndex();
    const second = '2026-03-10T10:00:00Z';
    for (let i = 0; i < 4; i++) {
      index.add({
        order: at(second, i, { email: `t${i}@example.com` }),
        check: check(),
        approved: true,
      });
    }
    // A fifth order in that second sees the four; the third, summarised again, sees the others.
    expect(index.summarise(at(second, 4), check()).velocity.ip.h1.orders).toBe(4);
    expect(index.summarise(at(second, 2), check()).velocity.ip.h1.orders).toBe(3);
  });

  it('counts declined attempts and distinct cards per IP, approved or not', () => {
    const index = new HistoryIndex();
    for (let i = 0; i < 5; i++)
      index.add({
        order: at(`2026-03-10T09:5${i}:00Z`, i, { email: `x${i}@mailinator.com` }),
        check: check({ masked_card: `xxxxxxxxxxxx000${i}` }),
        approved: i === 4,
      });
    const v = index.summarise(at('2026-03-10T10:00:00Z', 9), check()).velocity;
    expect(v.ip.h1).toEqual({ orders: 1, amountMinor: 6000, distinctCards: 5, failedAttempts: 4 });
    expect(v.email.h1.orders).toBe(0);
  });

  it('treats addresses differing only in case and punctuation as the same shipping address', () => {
    const index = new HistoryIndex();
    index.add({
      order: at('2026-03-10T09:00:00Z', 1, {
        shipping_address: {
          address1: '11 Commerce Dr., Ste 107',
          zip: '19720',
          country_code: 'US',
        },
      }),
      check: check(),
      approved: true,
    });
    const now = at('2026-03-10T10:00:00Z', 2, {
      shipping_address: { address1: '11 COMMERCE DR STE 107', zip: '19720', country_code: 'us' },
    });
    expect(index.summarise(now, check()).velocity.shippingAddress.h24.orders).toBe(1);
  });
});

describe('HistoryIndex customer history', () => {
  it('summarises a returning customer: prior orders, refunds, p90, addresses, chargebacks known so far', () => {
    const index = new HistoryIndex();
    const amounts = ['20.00', '30.00', '40.00', '50.00', '200.00'];
    amounts.forEach((total_price, i) =>
      index.add({
        order: at(`2026-02-0${i + 1}T12:00:00Z`, i, {
          total_price,
          customer: { id: 7, created_at: '2026-01-15T00:00:00Z' },
        }),
        check: check(),
        approved: true,
        refunded: i === 0,
        chargebackAt: i === 1 ? '2026-03-01T00:00:00Z' : i === 2 ? '2026-04-01T00:00:00Z' : null,
      }),
    );
    const c = index.summarise(
      at('2026-03-10T10:00:00Z', 9, {
        shipping_address: { address1: '9 Elm Dr', zip: '80202', country_code: 'US' },
      }),
      check(),
    ).customer;
    expect(c).toEqual({
      firstSeenAt: '2026-01-15T00:00:00Z',
      priorOrders: 5,
      priorRefunds: 1,
      priorChargebacks: 1, // the April chargeback has not happened yet on 10 March
      amountP90Minor: 20000,
      knownShippingAddresses: 1,
      shippingAddressSeenBefore: false,
    });
  });

  it('gives a first-time customer and an unseen email an empty history', () => {
    const summary = new HistoryIndex().summarise(order(), check());
    expect(summary.customer.priorOrders).toBe(0);
    expect(summary.emailFirstSeenAt).toBeNull();
    expect(summary.storeMedianAmountMinor).toBeNull();
  });
});
