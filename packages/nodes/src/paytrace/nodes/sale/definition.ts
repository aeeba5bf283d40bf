/**
 * `paytrace.sale`: charge a card (authorize and capture at once).
 *
 * @module
 */
import { defineNode } from '../../../define-node';
import { CHARGE_DOCS, chargeConfig } from '../shared/charge-config';
import { PAYMENT_PORTS, PaymentOutput } from '../shared/outputs';
import { PAYTRACE_RETRY } from '../shared/retry';

/** Charges a card through PayTrace, exactly once per flow event. */
export const paytraceSaleNode = defineNode({
  type: 'paytrace.sale',
  version: 1,
  kind: 'action',
  title: 'PayTrace sale',
  description: 'Charge a card: authorize and capture in one step.',
  category: 'paytrace',
  icon: 'credit-card',
  config: chargeConfig(1),
  output: PaymentOutput,
  ports: PAYMENT_PORTS,
  effects: true,
  retry: PAYTRACE_RETRY,
  connection: { type: 'paytrace', field: 'connectionId' },
  docs: `Charges the card now; the sale settles with the next batch.

${CHARGE_DOCS}`,
});
