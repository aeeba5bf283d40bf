/**
 * The PayTrace node definitions, browser-safe, in palette order.
 *
 * @module
 */
import { paytraceAuthorizeNode } from './authorize/definition';
import { paytraceSaleNode } from './sale/definition';

export { paytraceSaleNode } from './sale/definition';
export { paytraceAuthorizeNode } from './authorize/definition';
export { ChargeSource, type ChargeConfig } from './shared/charge-config';
export {
  ApprovedPayment,
  BatchRecord,
  DeclinedPayment,
  MoneyValue,
  PaymentOutcome,
  PaymentOutput,
  TransactionRecord,
} from './shared/outputs';

/** Every PayTrace node type, in palette order. */
export const paytraceNodes = [paytraceSaleNode, paytraceAuthorizeNode] as const;
