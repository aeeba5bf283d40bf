/**
 * Order mutations: `orderMarkAsPaid`, `orderCreateManualPayment`, `orderUpdate`, `tagsAdd`,
 * `tagsRemove`. Business failures come back as `userErrors` with HTTP 200, never as top-level
 * errors; only a malformed id is a top-level error, as in Shopify.
 * @module
 */
import { parseMinor } from '../../core/money.js';
import { changeTags, updateOrder, type OrderUpdateInput } from '../../store/order-update.js';
import { createManualPayment, markAsPaid } from '../../store/payments.js';
import type { SimOrder } from '../../store/records.js';
import { requireGid } from './global-ids.js';
import { dateArg } from './query-root.js';
import type { GqlContext, TypeResolvers } from './shared.js';

function findOrder(ctx: GqlContext, id: unknown): SimOrder | undefined {
  const parsed = requireGid(id);
  return parsed.type === 'Order' ? ctx.sim.state.orders.get(parsed.id) : undefined;
}

function manualPayment(args: Record<string, unknown>, ctx: GqlContext) {
  const order = findOrder(ctx, args.id);
  if (!order) {
    const error = { field: ['id'], message: 'Order is not found.', code: 'ORDER_NOT_FOUND' };
    return { order: null, userErrors: [error] };
  }
  const money = args.amount as { amount: string; currencyCode: string } | null | undefined;
  let amountMinor: number | undefined;
  if (money) {
    if (money.currencyCode !== order.currency) {
      const message =
        "The currency of the amount doesn't match the presentment currency of the order.";
      return {
        order: null,
        userErrors: [{ field: ['amount'], message, code: 'CURRENCY_MISMATCH' }],
      };
    }
    amountMinor = parseMinor(String(money.amount), order.currency);
    if (amountMinor === undefined || amountMinor <= 0) {
      const error = {
        field: ['amount'],
        message: 'Amount must be positive.',
        code: 'AMOUNT_NOT_POSITIVE',
      };
      return { order: null, userErrors: [error] };
    }
  }
  const processedAt = dateArg(args.processedAt);
  const errors = createManualPayment(ctx.sim, order, {
    ...(amountMinor === undefined ? {} : { amountMinor }),
    paymentMethodName: typeof args.paymentMethodName === 'string' ? args.paymentMethodName : null,
    ...(processedAt === undefined ? {} : { processedAt }),
  });
  return { order: errors.length > 0 ? null : order, userErrors: errors };
}

function orderInput(ctx: GqlContext, input: Record<string, unknown>): OrderUpdateInput {
  const metafields = (input.metafields as Record<string, unknown>[] | undefined)?.map((m) => {
    const existing =
      typeof m.id === 'string' ? ctx.sim.state.metafields.get(requireGid(m.id).id) : undefined;
    return {
      namespace: (m.namespace as string | undefined) ?? existing?.namespace ?? null,
      key: (m.key as string | undefined) ?? existing?.key ?? '',
      value: (m.value as string | undefined) ?? '',
      type: (m.type as string | undefined) ?? existing?.type ?? null,
    };
  });
  return { ...(input as unknown as OrderUpdateInput), metafields: metafields ?? [] };
}

/** Mutation resolvers for orders. */
export const orderMutationResolvers: TypeResolvers<unknown> = {
  orderMarkAsPaid: (_p, args, ctx) => {
    const input = args.input as { id: string };
    const order = findOrder(ctx, input.id);
    if (!order)
      return { order: null, userErrors: [{ field: ['id'], message: 'Order does not exist' }] };
    const errors = markAsPaid(ctx.sim, order);
    return { order: errors.length > 0 ? null : order, userErrors: errors };
  },
  orderCreateManualPayment: (_p, args, ctx) => manualPayment(args, ctx),
  orderUpdate: (_p, args, ctx) => {
    const input = args.input as Record<string, unknown>;
    requireGid(input.id);
    return updateOrder(ctx.sim, orderInput(ctx, input));
  },
  tagsAdd: (_p, args, ctx) => {
    requireGid(args.id);
    return changeTags(ctx.sim, args.id as string, args.tags as string[], false);
  },
  tagsRemove: (_p, args, ctx) => {
    requireGid(args.id);
    return changeTags(ctx.sim, args.id as string, args.tags as string[], true);
  },
};
