/**
 * The executor of the sale and authorization nodes: prepare the request, then perform it exactly
 * once, finding a lost charge by its invoice id.
 *
 * @module
 */
import type { NodeExecutor } from '@paybridge/engine';
import { implementNode, type NodeDefinition } from '../../../define-node';
import { createPaytraceClient } from '../../client/paytrace-client';
import type { PaytraceRuntime } from '../../client/runtime';
import { paytraceSettings } from '../../client/settings';
import { findByInvoice } from '../../lookups';
import { outcomeFromAnswer, outcomeFromRecord, usd, type OutcomeFacts } from '../../outcomes';
import { paymentScope, performPayment } from '../../payment-effect';
import type { ChargeConfig } from './charge-config';
import { prepareCharge, type ChargeKind } from './charge-request';

/** Export type of each charge kind, for matching a lost charge. */
const EXPORT_TYPE: Record<ChargeKind, string> = { sale: 'SALE', authorization: 'AUTHORIZATION' };

/** Builds the executor of a charge node of `kind`. */
export function createChargeExecutor<Type extends string>(
  definition: NodeDefinition<ChargeConfig, Type>,
  kind: ChargeKind,
  runtime: PaytraceRuntime,
): NodeExecutor<ChargeConfig> {
  return implementNode(definition, async (ctx) => {
    const settings = paytraceSettings(ctx.connection, runtime.simulatorUrl);
    const call = prepareCharge(kind, ctx.config, settings);
    const client = createPaytraceClient(runtime, settings, ctx.signal);
    const facts = (invoiceId: string): OutcomeFacts => ({
      operation: kind,
      amount: usd(ctx.config.amount),
      invoiceId,
      targetTransactionId: null,
    });
    const { business } = await paymentScope(ctx, kind);
    const output = await performPayment(
      ctx,
      client,
      {
        item: '',
        operation: kind,
        call,
        amountMinor: ctx.config.amount,
        perform: async (invoiceId) =>
          outcomeFromAnswer(await call.send(client, invoiceId), facts(invoiceId)),
        resolve: async (attempt) => {
          const record = await findByInvoice(client, {
            invoiceId: attempt.reference,
            type: EXPORT_TYPE[kind],
            startedAt: attempt.startedAt,
            now: attempt.now,
          });
          return record && outcomeFromRecord(record, facts(attempt.reference));
        },
      },
      business,
    );
    return { port: output.status, output };
  });
}
