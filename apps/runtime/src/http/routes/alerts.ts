import { randomUUID } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import { actorOf } from '../../auth/actor';
import { AlertNotDelivered, ChannelSender } from '../../alerts/channel-sender';
import { AlertStore } from '../../alerts/alert-store';
import { RULE_KINDS, RuleInput } from '../../alerts/rule-kinds';
import type { AppDeps } from '../app-deps';
import { apiRoute } from '../api-route';
import { apiRouter } from '../api-router';
import { jsonBody, jsonResponse } from '../openapi-helpers';
import { errorResponses, IdParam } from '../schemas';

const AlertChannel = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['email', 'webhook']),
    connectionId: z.string().nullable(),
    connectionName: z.string().nullable(),
    recipients: z.array(z.string()),
    builtin: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('AlertChannel');

const AlertRule = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(RULE_KINDS),
    flowId: z.string().nullable(),
    flowName: z.string().nullable(),
    params: z.record(z.string(), z.number()),
    quietSeconds: z.number().int(),
    channelIds: z.array(z.string()),
    enabled: z.boolean(),
    builtin: z.boolean(),
    firing: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('AlertRule');

const AlertNotice = z
  .object({
    id: z.string(),
    ruleId: z.string(),
    ruleName: z.string(),
    kind: z.enum(['fired', 'ongoing', 'resolved']),
    count: z.number().int(),
    title: z.string(),
    detail: z.string(),
    link: z.string().nullable(),
    createdAt: z.string(),
    deliveries: z.array(
      z.object({
        channelId: z.string(),
        sent: z.boolean(),
        attempts: z.number().int(),
        lastError: z.string().nullable(),
      }),
    ),
  })
  .openapi('AlertNotice');

const ErrorFlow = z
  .object({ errorFlowId: z.string().nullable(), errorFlowName: z.string().nullable() })
  .openapi('ErrorFlow');

const name = z.string().trim().min(1).max(200);
const recipients = z.array(z.email('not a valid email address')).min(1).max(50);
const webhookUrl = z
  .string()
  .max(2048)
  .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), {
    message: 'must be an http:// or https:// URL',
  });

const ChannelInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('email'), name, connectionId: z.uuid(), recipients }),
  z.object({ kind: z.literal('webhook'), name, url: webhookUrl }),
]);

const ChannelPatch = z.object({
  name: name.optional(),
  recipients: recipients.optional(),
  connectionId: z.uuid().optional(),
  url: webhookUrl.optional().openapi({ description: 'Replaces the stored URL; omitted: kept' }),
});

/**
 * Alert channels, rules, history and the list of error flows, mounted under `/alerts`. Viewers read; operators and up
 * change (alerting is operations, like retrying runs). Webhook URLs are secrets: written, never
 * read back.
 */
export function alertRoutes(deps: AppDeps) {
  const store = new AlertStore(deps.sql, deps.connections);
  const sender = new ChannelSender({
    connections: deps.connections,
    allowPrivateCidrs: deps.env.PAYBRIDGE_HTTP_ALLOW_CIDRS,
    builtinWebhookUrl: deps.env.PAYBRIDGE_ALERT_WEBHOOK_URL ?? null,
  });
  return apiRouter()
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/channels',
        summary: 'List alert channels (never a webhook URL)',
        responses: { 200: jsonResponse(z.object({ channels: z.array(AlertChannel) }), 'Channels') },
      }),
      async (c) => c.json({ channels: await store.listChannels() }, 200),
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/channels',
        summary: 'Create an email or webhook alert channel',
        request: jsonBody(ChannelInput),
        responses: { 201: jsonResponse(AlertChannel, 'Created'), ...errorResponses },
      }),
      async (c) => {
        const input = c.req.valid('json');
        const actor = actorOf(c);
        const channel = await store.createChannel(input, actor.type === 'user' ? actor.id : null);
        await deps.audit.record(c, {
          action: 'alert-channel.create',
          targetType: 'alert-channel',
          targetId: channel.id,
          details: { name: channel.name, kind: channel.kind },
        });
        return c.json(channel, 201);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'put',
        path: '/channels/{id}',
        summary: 'Change an alert channel (a webhook URL left out is kept)',
        request: { params: IdParam, ...jsonBody(ChannelPatch) },
        responses: { 200: jsonResponse(AlertChannel, 'Changed'), ...errorResponses },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const patch = c.req.valid('json');
        const channel = await store.updateChannel(id, patch);
        await deps.audit.record(c, {
          action: 'alert-channel.update',
          targetType: 'alert-channel',
          targetId: id,
          details: { fields: Object.keys(patch) },
        });
        return c.json(channel, 200);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'delete',
        path: '/channels/{id}',
        summary: 'Delete an alert channel (rules stop sending to it)',
        request: { params: IdParam },
        responses: { 204: { description: 'Deleted' }, ...errorResponses },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        await store.deleteChannel(id);
        await deps.audit.record(c, {
          action: 'alert-channel.delete',
          targetType: 'alert-channel',
          targetId: id,
        });
        return c.body(null, 204);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/channels/{id}/test',
        summary: 'Send a test alert through a channel now',
        request: { params: IdParam },
        responses: {
          200: jsonResponse(z.object({ ok: z.boolean(), message: z.string() }), 'Outcome'),
          ...errorResponses,
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const channel = await store.channel(id);
        try {
          await sender.send(
            channel,
            {
              kind: 'fired',
              title: 'Test alert from Paybridge',
              detail: `This is a test of the alert channel ${channel.name}.`,
              link: null,
            },
            `test-${randomUUID()}`,
            AbortSignal.timeout(20_000),
          );
          return c.json({ ok: true, message: 'Sent' }, 200);
        } catch (err) {
          const message =
            err instanceof AlertNotDelivered
              ? err.message
              : `Not sent: ${err instanceof Error ? err.message : String(err)}`;
          return c.json({ ok: false, message }, 200);
        }
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/rules',
        summary: 'List alert rules and whether each is firing',
        responses: { 200: jsonResponse(z.object({ rules: z.array(AlertRule) }), 'Rules') },
      }),
      async (c) => c.json({ rules: await store.listRules() }, 200),
    )
    .openapi(
      apiRoute('operator', {
        method: 'post',
        path: '/rules',
        summary: 'Create an alert rule',
        request: jsonBody(RuleInput),
        responses: { 201: jsonResponse(AlertRule, 'Created'), ...errorResponses },
      }),
      async (c) => {
        const rule = await store.createRule(c.req.valid('json'));
        await deps.audit.record(c, {
          action: 'alert-rule.create',
          targetType: 'alert-rule',
          targetId: rule.id,
          details: { name: rule.name, kind: rule.kind, flowId: rule.flowId },
        });
        return c.json(rule, 201);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'put',
        path: '/rules/{id}',
        summary: 'Replace an alert rule (a changed kind or scope starts it over)',
        request: {
          params: IdParam,
          ...jsonBody(z.intersection(RuleInput, z.object({ enabled: z.boolean().optional() }))),
        },
        responses: { 200: jsonResponse(AlertRule, 'Changed'), ...errorResponses },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const rule = await store.updateRule(id, c.req.valid('json'));
        await deps.audit.record(c, {
          action: 'alert-rule.update',
          targetType: 'alert-rule',
          targetId: id,
          details: { name: rule.name, kind: rule.kind, enabled: rule.enabled },
        });
        return c.json(rule, 200);
      },
    )
    .openapi(
      apiRoute('operator', {
        method: 'delete',
        path: '/rules/{id}',
        summary: 'Delete an alert rule and its history',
        request: { params: IdParam },
        responses: { 204: { description: 'Deleted' }, ...errorResponses },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        await store.deleteRule(id);
        await deps.audit.record(c, {
          action: 'alert-rule.delete',
          targetType: 'alert-rule',
          targetId: id,
        });
        return c.body(null, 204);
      },
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/history',
        summary: 'Alerts fired and resolved, newest first, with counts and delivery outcomes',
        request: {
          query: z.object({
            limit: z.coerce.number().int().min(1).max(500).default(100),
            ruleId: z.uuid().optional(),
          }),
        },
        responses: {
          200: jsonResponse(z.object({ notices: z.array(AlertNotice) }), 'History'),
          ...errorResponses,
        },
      }),
      async (c) => c.json({ notices: await store.history(c.req.valid('query')) }, 200),
    )
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/error-flows',
        summary: "Every flow's error flow",
        responses: {
          200: jsonResponse(
            z.object({
              flows: z.array(
                z.object({
                  flowId: z.string(),
                  flowName: z.string(),
                  errorFlowId: z.string().nullable(),
                }),
              ),
            }),
            'Error flows',
          ),
        },
      }),
      async (c) => c.json({ flows: await store.errorFlows() }, 200),
    );
}

/**
 * Each flow's error flow, mounted under `/flows`: viewers read it, operators and up set it.
 */
export function errorFlowRoutes(deps: AppDeps) {
  const store = new AlertStore(deps.sql, deps.connections);
  return apiRouter()
    .openapi(
      apiRoute('viewer', {
        method: 'get',
        path: '/{id}/error-flow',
        summary: 'The flow run when one of this flow’s runs fails for good',
        request: { params: IdParam },
        responses: { 200: jsonResponse(ErrorFlow, 'Error flow'), ...errorResponses },
      }),
      async (c) => c.json(await store.errorFlow(c.req.valid('param').id), 200),
    )
    .openapi(
      apiRoute('operator', {
        method: 'put',
        path: '/{id}/error-flow',
        summary: 'Set (or clear with null) the flow run with a summary of each failed run',
        request: {
          params: IdParam,
          ...jsonBody(z.object({ errorFlowId: z.uuid().nullable() })),
        },
        responses: { 200: jsonResponse(ErrorFlow, 'Error flow'), ...errorResponses },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const { errorFlowId } = c.req.valid('json');
        const result = await store.setErrorFlow(id, errorFlowId);
        await deps.audit.record(c, {
          action: 'flow.error-flow',
          targetType: 'flow',
          targetId: id,
          details: { errorFlowId },
        });
        return c.json(result, 200);
      },
    );
}
