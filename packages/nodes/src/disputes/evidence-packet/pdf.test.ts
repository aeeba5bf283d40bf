import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { noticeFromShopify } from '../notice';
import { assemblePacket, lastFour } from './assemble';
import { packetPdf, packetSections } from './pdf';

const money = (amount: string) => ({
  shopMoney: { amount, currencyCode: 'USD' },
  presentmentMoney: { amount, currencyCode: 'USD' },
});

const notice = noticeFromShopify({
  id: '77',
  order_id: '1001',
  amount: '68.87',
  currency: 'USD',
  reason: 'fraudulent',
  network_reason_code: '10.4',
  status: 'needs_response',
  initiated_at: '2026-11-02T10:00:00-05:00',
  evidence_due_by: '2026-11-20T19:00:00-05:00',
});

const order = {
  id: 'gid://shopify/Order/1001',
  legacyResourceId: '1001',
  name: '#1001',
  createdAt: '2026-10-20T10:00:00Z',
  email: 'grace@example.com',
  phone: null,
  note: 'Leave at the door',
  clientIp: '203.0.113.7',
  displayFinancialStatus: 'PAID',
  displayFulfillmentStatus: 'FULFILLED',
  totalPriceSet: money('68.87'),
  customer: {
    id: 'gid://shopify/Customer/5',
    legacyResourceId: '5',
    firstName: 'Grace',
    lastName: 'Hopper',
    email: 'grace@example.com',
    note: 'VIP – ordered “twice” before',
    numberOfOrders: '3',
  },
  billingAddress: {
    name: 'Grace Hopper',
    address1: '12 Harbour Road',
    address2: null,
    city: 'Portland',
    province: 'Oregon',
    zip: '97201',
    country: 'United States',
  },
  shippingAddress: null,
  fulfillments: [
    {
      status: 'SUCCESS',
      createdAt: '2026-10-21T09:00:00Z',
      trackingInfo: [{ company: 'UPS', number: '1Z999AA10123456784', url: null }],
    },
  ],
  lineItems: {
    nodes: [
      { title: 'Oolong tea', sku: 'TEA-1', quantity: 2, originalUnitPriceSet: money('34.43') },
    ],
  },
  refunds: [
    {
      id: 'gid://shopify/Refund/9',
      createdAt: '2026-10-25T00:00:00Z',
      note: null,
      totalRefundedSet: money('5.00'),
    },
  ],
};

describe('evidence packet', () => {
  it('never keeps more of a card number than its last four digits', () => {
    expect([
      lastFour('4012000098765439'),
      lastFour('XXXX5439'),
      lastFour('54'),
      lastFour(null),
    ]).toEqual(['5439', '5439', null, null]);
  });

  it('assembles order, customer, payment checks, refunds and prior orders, and renders them as a PDF', async () => {
    const packet = assemblePacket({
      notice,
      order,
      priorOrders: [
        {
          id: order.id,
          legacyResourceId: '1001',
          name: '#1001',
          createdAt: order.createdAt,
          displayFinancialStatus: 'PAID',
          totalPriceSet: money('68.87'),
        },
        {
          id: 'gid://shopify/Order/990',
          legacyResourceId: '990',
          name: '#990',
          createdAt: '2026-01-01T00:00:00Z',
          displayFinancialStatus: 'PAID',
          totalPriceSet: money('12.00'),
        },
      ],
      transaction: {
        transactionId: '1234',
        avsResponse: 'Full Exact Match',
        cscResponse: 'Match',
        approvalCode: 'TAS123',
        cardLastFour: '4012000098765439',
        amount: { minor: 6887, currency: 'USD' },
      },
      notes: ['Called the customer on 11/03'],
      now: new Date('2026-11-03T00:00:00Z'),
    });
    expect(packet.payment).toMatchObject({
      cardLast4: '5439',
      avsResponse: 'Full Exact Match',
      ip: '203.0.113.7',
    });
    expect(packet.priorOrders.map((o) => o.name)).toEqual(['#990']);
    expect(packet.refunds).toEqual([
      {
        id: '9',
        createdAt: '2026-10-25T00:00:00Z',
        amount: { amount: 500, currency: 'USD' },
        note: null,
      },
    ]);
    expect(packet.notes).toEqual([
      'Order note: Leave at the door',
      'Customer note: VIP – ordered “twice” before',
      'Called the customer on 11/03',
    ]);
    const text = packetSections(packet)
      .flatMap((s) => [s.title, ...s.lines])
      .join('\n');
    expect(text).toContain('Disputed amount: 68.87 USD');
    expect(text).toContain('AVS result: Full Exact Match');
    expect(text).toContain('by UPS, tracking 1Z999AA10123456784');
    expect(text).not.toContain('4012000098765439');
    const pdf = await packetPdf(packet);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe('Chargeback 77 evidence');
  });
});
