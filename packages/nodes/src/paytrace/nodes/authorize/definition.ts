/**
 * `paytrace.authorize`: reserve an amount on a card, to capture later.
 *
 * @module
 */
import { defineNode } from '../../../define-node';
import { CHARGE_DOCS, chargeConfig } from '../shared/charge-config';
import { PAYMENT_PORTS, PaymentOutput } from '../shared/outputs';
import { PAYTRACE_RETRY } from '../shared/retry';

/** Authorizes an amount through PayTrace, exactly once per flow event. */
export const paytraceAuthorizeNode = defineNode({
  type: 'paytrace.authorize',
  version: 1,
  kind: 'action',
  title: 'PayTrace authorize',
  description: 'Reserve an amount on a card; capture it later.',
  category: 'paytrace',
  icon: 'lock',
  config: chargeConfig(0),
  output: PaymentOutput,
  ports: PAYMENT_PORTS,
  effects: true,
  retry: PAYTRACE_RETRY,
  connection: { type: 'paytrace', field: 'connectionId' },
  docs: `Authorizes the amount without capturing it: use **PayTrace capture** (full or partial) to
collect it, or **PayTrace void** to release it. A $0.00 authorization verifies a card.

${CHARGE_DOCS}`,
});
