/**
 * `metafieldsSet`, `webhookSubscriptionCreate` and `webhookSubscriptionDelete`.
 * @module
 */
import { gid } from '../../core/ids.js';
import { wholeSeconds } from '../../core/time.js';
import { setMetafields, type MetafieldsSetInput } from '../../store/metafields.js';
import { touchOrder } from '../../store/transactions.js';
import { createSubscription, deleteSubscription } from '../../webhooks/subscriptions.js';
import { requireGid } from './global-ids.js';
import type { TypeResolvers } from './shared.js';

/** Mutation resolvers for metafields and webhook subscriptions. */
export const otherMutationResolvers: TypeResolvers<unknown> = {
  metafieldsSet: (_p, args, ctx) => {
    const result = setMetafields(ctx.sim, args.metafields as MetafieldsSetInput[]);
    for (const owner of result.owners) {
      if (owner.resource === 'Order' && ctx.sim.settings.metafieldsTouchOrder) {
        touchOrder(ctx.sim, owner);
      } else if (owner.resource === 'Customer') {
        owner.updatedAt = wholeSeconds(ctx.sim.now());
      }
    }
    return { metafields: result.metafields, userErrors: result.userErrors };
  },
  webhookSubscriptionCreate: (_p, args, ctx) => {
    const input = args.webhookSubscription as Record<string, unknown>;
    const uri = (input.uri ?? input.callbackUrl) as string | undefined;
    const uriField = input.uri !== undefined ? 'uri' : 'callbackUrl';
    if (!uri) {
      const error = { field: ['webhookSubscription', 'uri'], message: "Address can't be blank" };
      return { webhookSubscription: null, userErrors: [error] };
    }
    const result = createSubscription(ctx.sim, {
      topic: args.topic as string,
      uri,
      format: (input.format as string | undefined) ?? null,
      includeFields: (input.includeFields as string[] | undefined) ?? null,
      metafieldNamespaces: (input.metafieldNamespaces as string[] | undefined) ?? null,
      filter: (input.filter as string | undefined) ?? null,
      apiVersion: ctx.version,
      fieldPrefix: ['webhookSubscription'],
      uriField,
    });
    return { webhookSubscription: result.subscription, userErrors: result.userErrors };
  },
  webhookSubscriptionDelete: (_p, args, ctx) => {
    const parsed = requireGid(args.id);
    if (parsed.type === 'WebhookSubscription' && deleteSubscription(ctx.sim, parsed.id)) {
      return {
        deletedWebhookSubscriptionId: gid('WebhookSubscription', parsed.id),
        userErrors: [],
      };
    }
    const error = { field: ['id'], message: 'Webhook subscription does not exist' };
    return { deletedWebhookSubscriptionId: null, userErrors: [error] };
  },
};
