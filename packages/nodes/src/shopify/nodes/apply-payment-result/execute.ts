import { BusinessError, type NodeExecutor } from '@paybridge/engine';
import { implementNode } from '../../../define-node';
import { converge } from '../../client/converge';
import type { ShopifyClient } from '../../client/graphql-client';
import type { ShopifyRuntime } from '../../client/runtime';
import { tagsRemove } from '../../graphql/order-mutations';
import { getOrderNoteTags } from '../../graphql/orders';
import { planPaymentStatus, type PaymentStatusAction } from '../../payment-status';
import { orderWriteReference, performShopifyWrite } from '../../payments/write-effect';
import { markPaidEffect } from '../../payments/mark-paid';
import { factsOf, readPaymentFacts } from '../../payments/order-facts';
import { refundEffect, voidEffect } from '../../payments/refund';
import { annotateOrder } from '../add-note-tags/execute';
import { clientFor, notFound } from '../shared/node-client';
import { setMetafields } from '../set-metafields/execute';
import { PAYTRACE_NAMESPACE } from '../set-metafields/definition';
import {
  shopifyApplyPaymentResultNode,
  type ShopifyApplyPaymentResultConfig,
  type ShopifyPaymentStatusResult,
} from './definition';

/** Removes the tags the order has, reading first and again after a lost answer. */
async function removeTags(client: ShopifyClient, orderId: string, tags: readonly string[]) {
  await converge({
    readFirst: true,
    read: async () => {
      const { order } = await client.run(getOrderNoteTags, { id: orderId });
      if (!order) throw notFound('order', orderId);
      return order.tags;
    },
    write: async (current) => {
      const present = (current ?? []).filter((tag) =>
        tags.some((wanted) => wanted.toLowerCase() === tag.toLowerCase()),
      );
      if (present.length > 0) await client.run(tagsRemove, { id: orderId, tags: present });
    },
  });
}

/** The `shopify.apply-payment-result` executor of one runtime. */
export function createShopifyApplyPaymentResultExecutor(
  runtime: ShopifyRuntime,
): NodeExecutor<ShopifyApplyPaymentResultConfig> {
  return implementNode(shopifyApplyPaymentResultNode, async (ctx) => {
    const { orderId, result, paymentMethodName } = ctx.config;
    const client = clientFor(runtime, ctx);
    const waitMs = client.settings.unknownOutcomeWaitMs;
    // The payment is the order's (shared with shopify.mark-paid); a refund or void recorded for
    // a PayTrace transaction is that transaction's. The node's own reference overrides both.
    const own = ctx.config.businessReference;
    const reversalOf = result.transactionId ? `paytrace:${result.transactionId}` : undefined;
    const reference = (operation: string) =>
      orderWriteReference(
        ctx,
        operation,
        orderId,
        own ?? (operation === 'payment' ? undefined : reversalOf),
      );
    const state = await readPaymentFacts(client, orderId);
    const plan = planPaymentStatus(result, factsOf(state, paymentMethodName), {
      declined: ctx.config.declinedTag,
      authorized: ctx.config.authorizedTag,
      voided: ctx.config.voidedTag,
    });
    if (!plan.ok) {
      throw new BusinessError('SHOPIFY_PAYMENT_RESULT_REFUSED', plan.problem, {
        details: { outcome: plan.outcome, orderId },
      });
    }

    const output: ShopifyPaymentStatusResult = {
      orderId,
      legacyId: state.legacyResourceId,
      orderName: state.name,
      outcome: plan.outcome,
      expectedStatus: plan.expected,
      actions: plan.actions.map((action) => action.kind),
      payment: null,
      reversal: null,
      financialStatus: state.displayFinancialStatus,
    };
    const tagsToAdd: string[] = [];
    let noteLine: string | undefined;

    for (const action of plan.actions as PaymentStatusAction[]) {
      switch (action.kind) {
        case 'mark-paid':
        case 'record-payment': {
          const request =
            action.kind === 'mark-paid'
              ? { orderId, mode: 'full' as const, paymentMethodName }
              : { orderId, mode: 'amount' as const, amount: action.amount, paymentMethodName };
          output.payment = await performShopifyWrite(
            ctx,
            markPaidEffect(client, request, 'payment'),
            waitMs,
            reference('payment'),
          );
          output.financialStatus = output.payment.state.financialStatus;
          break;
        }
        case 'void-authorization':
          output.reversal = await performShopifyWrite(
            ctx,
            voidEffect(client, { orderId, transactionId: action.transactionId }),
            waitMs,
            reference('void'),
          );
          output.financialStatus = output.reversal.financialStatus;
          break;
        case 'record-refund':
          output.reversal = await performShopifyWrite(
            ctx,
            refundEffect(client, {
              orderId,
              amount: action.amount,
              parentTransactionId: action.parentTransactionId,
              gateway: action.gateway,
              note: `PayTrace ${plan.outcome} ${result.transactionId ?? ''}`.trim(),
            }),
            waitMs,
            reference('refund'),
          );
          output.financialStatus = output.reversal.financialStatus;
          break;
        case 'set-metafields':
          await setMetafields(
            client,
            'order',
            orderId,
            Object.entries(action.values).map(([key, value]) => ({
              ownerId: orderId,
              namespace: PAYTRACE_NAMESPACE,
              key,
              type: 'single_line_text_field',
              value,
            })),
          );
          break;
        case 'remove-tags':
          await removeTags(client, orderId, action.tags);
          break;
        case 'add-tags':
          tagsToAdd.push(...action.tags);
          break;
        case 'append-note':
          noteLine = action.line;
          break;
      }
    }
    if (tagsToAdd.length > 0 || noteLine !== undefined) {
      await annotateOrder(client, orderId, tagsToAdd, noteLine);
    }
    return { port: 'out', output };
  });
}
