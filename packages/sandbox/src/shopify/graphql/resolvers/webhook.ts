/**
 * `WebhookSubscription` fields.
 * @module
 */
import { gid } from '../../core/ids.js';
import type { SimSubscription } from '../../store/records.js';
import { topicEnum } from '../../webhooks/topics.js';
import { dateTime, type TypeResolvers } from './shared.js';
import { servedVersions } from '../../core/api-versions.js';

/** Resolvers of `WebhookSubscription`. */
export const webhookResolvers: TypeResolvers<SimSubscription> = {
  id: (s) => gid('WebhookSubscription', s.id),
  legacyResourceId: (s) => s.id,
  topic: (s) => topicEnum(s.topic),
  callbackUrl: (s) => s.uri,
  endpoint: (s) => ({ resource: 'WebhookHttpEndpoint', callbackUrl: s.uri }),
  apiVersion: (s, _a, ctx) => ({
    handle: s.apiVersion,
    displayName: s.apiVersion,
    supported: servedVersions(ctx.sim).includes(s.apiVersion),
  }),
  createdAt: (s) => dateTime(s.createdAt),
  updatedAt: (s) => dateTime(s.updatedAt),
};
