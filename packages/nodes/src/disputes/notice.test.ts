import { describe, expect, it } from 'vitest';
import { caseKeyOf, erpRefOf, noticeFromShopify } from './notice';
import { noticeFromEvent } from './notice-from-event';

const dispute = {
  id: '1052608616',
  order_id: '625362839',
  type: 'chargeback',
  amount: '11.50',
  currency: 'USD',
  reason: 'fraudulent',
  network_reason_code: '4827',
  status: 'needs_response',
  evidence_due_by: '2022-10-15T20:00:00-04:00',
  initiated_at: '2022-10-01T20:00:00-04:00',
};

describe('chargeback notices', () => {
  it('reads a Shopify dispute, keeping the merchant-local dates and the ERP reference of erp.dispute-open', () => {
    const notice = noticeFromShopify(dispute);
    expect(notice).toMatchObject({
      channel: 'shopify',
      processor: 'shopify',
      caseNumber: '1052608616',
      status: 'open',
      amount: 1150,
      reasonCode: '4827',
      orderRef: '625362839',
      openedOn: '2022-10-01',
      evidenceDueBy: '2022-10-15',
    });
    expect(caseKeyOf(notice)).toBe('shopify:1052608616');
    expect(erpRefOf(notice)).toBe('shopify-dispute-1052608616');
    expect(noticeFromShopify({ ...dispute, status: 'charge_refunded' }).status).toBe('lost');
  });

  it('reads every intake event and refuses anything else with the reason', () => {
    expect(
      noticeFromEvent({ topic: 'disputes/update', body: dispute }, 'paytrace').caseNumber,
    ).toBe('1052608616');
    const notice = noticeFromShopify(dispute);
    expect(noticeFromEvent({ channel: 'report', line: 3, notice }, 'paytrace')).toEqual(notice);
    const request = {
      method: 'POST',
      body: {
        type: 'chargeback.created',
        data: { case_number: 'CB-9', amount: '5.00', received_date: '2026-01-02' },
      },
    };
    expect(noticeFromEvent(request, 'paytrace')).toMatchObject({
      channel: 'processor-notice',
      processor: 'paytrace',
      caseNumber: 'CB-9',
      amount: 500,
      currency: 'USD',
    });
    expect(() => noticeFromEvent({ topic: 'orders/create', body: {} }, 'paytrace')).toThrow(
      /not a dispute/,
    );
    expect(() => noticeFromEvent('hello', 'paytrace')).toThrow(/not an object/);
  });
});
