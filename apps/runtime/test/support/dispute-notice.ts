/**
 * Test support: a chargeback notice from the processor, as `admitNotice` takes it, with only the
 * case number and the dates to choose.
 *
 * @module
 */
import type { DisputeNotice } from '@paybridge/nodes/definitions';

/** An open PayTrace chargeback of 25.00 USD (reason 10.4) opened on `openedOn`. */
export const processorNotice = (
  caseNumber: string,
  openedOn: string,
  evidenceDueBy: string | null = null,
): DisputeNotice => ({
  channel: 'processor-notice',
  processor: 'paytrace',
  caseNumber,
  kind: 'chargeback',
  status: 'open',
  amount: 2500,
  currency: 'USD',
  reasonCode: '10.4',
  reason: null,
  orderRef: null,
  invoice: null,
  transactionId: null,
  cardLast4: null,
  openedOn,
  evidenceDueBy,
});
