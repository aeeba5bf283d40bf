/**
 * The executor of the sale and authorization nodes: prepare the request, then perform it exactly
 * once, finding a lost charge by its invoice id.
 *
 * @module
 */
import type { ExecuteContext, NodeExecutor } from '@paybridge/engine';
import { implementNode, type NodeDefinition } from '../../../define-node';
import { createPaytraceClient } from '../../client/paytrace-client';
import type { PaytraceRuntime } from '../../client/runtime';
import { paytraceSettings } from '../../client/settings';
import { findByInvoice } from '../../lookups';
import { outcomeFromAnswer, outcomeFromRecord, usd, type OutcomeFacts } from '../../outcomes';
import { paymentScope, performPayment, type PaymentContext } from '../../payment-effect';
import type { PaymentOutput } from './outputs';
import type { ChargeConfig } from './charge-config';
import { prepareCharge, type ChargeKind } from './charge-request';

/** Export type of each charge kind, for matching a lost charge. */
const EXPORT_TYPE: Record<ChargeKind, string> = { sale: 'SALE', authorization: 'AUTHORIZATION' };

/** What {@link performCharge} needs of an execution context. */
export type ChargeContext = PaymentContext & Pick<ExecuteContext, 'connection' | 'signal'>;

/**
 * Charges `config` exactly once under `business` (null: the flow and event) and returns the
 * outcome, finding a lost charge by its invoice id. `attempt` tells apart tries that may each be
 * sent (see {@link PaymentEffect.attempt}). Shared by the charge nodes and the pay page's wait.
 */
export async function performCharge(
  ctx: ChargeContext,
  runtime: PaytraceRuntime,
  kind: ChargeKind,
  config: ChargeConfig,
  business: string | null,
  attempt?: string,
): Promise<PaymentOutput> {
  const settings = paytraceSettings(ctx.connection, runtime.simulatorUrl);
  const call = prepareCharge(kind, config, settings);
  const client = createPaytraceClient(runtime, settings, ctx.signal);
  const facts = (invoiceId: string): OutcomeFacts => ({
    operation: kind,
    amount: usd(config.amount),
    invoiceId,
    targetTransactionId: null,
  });
  return performPayment(
    ctx,
    client,
    {
      item: '',
      operation: kind,
      call,
      amountMinor: config.amount,
      ...(attempt === undefined ? {} : { attempt }),
      perform: async (invoiceId) =>
        outcomeFromAnswer(await call.send(client, invoiceId), facts(invoiceId)),
      resolve: async (unknown) => {
        const record = await findByInvoice(client, {
          invoiceId: unknown.reference,
          type: EXPORT_TYPE[kind],
          startedAt: unknown.startedAt,
          now: unknown.now,
        });
        return record && outcomeFromRecord(record, facts(unknown.reference));
      },
    },
    business,
  );
}

/** Builds the executor of a charge node of `kind`. */
export function createChargeExecutor<Type extends string>(
  definition: NodeDefinition<ChargeConfig, Type>,
  kind: ChargeKind,
  runtime: PaytraceRuntime,
): NodeExecutor<ChargeConfig> {
  return implementNode(definition, async (ctx) => {
    const { business } = await paymentScope(ctx, kind);
    const output = await performCharge(ctx, runtime, kind, ctx.config, business);
    return { port: output.status, output };
  });
}
