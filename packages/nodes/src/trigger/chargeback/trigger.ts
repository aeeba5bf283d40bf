import { NoticeError, noticeFromProcessor } from '../../disputes/notice';
import { defineTrigger, type TriggerGraphNode } from '../declare-trigger';
import { restTrigger } from '../rest/trigger';
import { chargebackTriggerNode } from './definition';

/** The endpoint path a chargeback intake claims. */
function pathOf(node: TriggerGraphNode): string {
  return String(node.config.path ?? 'chargebacks/paytrace');
}

/**
 * The chargeback intake: a signed REST endpoint (the http channel serves it like any REST
 * trigger, async, under its rate limit), the chosen store's dispute webhooks (the shopify
 * channel reads its `connectionId` and `topics` as a Shopify trigger's) and the rows of an
 * uploaded chargeback report (the `chargeback-report` feed).
 */
export const chargebackTrigger = defineTrigger({
  node: chargebackTriggerNode,
  channel: 'http',
  alsoOn: ['shopify'],
  feeds: ['chargeback-report'],
  /** The notification path is the endpoint: one live flow per path. */
  onEnable(node, ctx) {
    ctx.claimEndpoint(pathOf(node));
  },

  /** Always async: a processor wants its 2xx, not the run's outcome. */
  endpoint(node) {
    return { ...restTrigger.endpoint!(node), mode: 'async' };
  },

  /** Standard Webhooks only, with the settings' network rules. */
  access(node) {
    const parsed = chargebackTriggerNode.config.safeParse(node.config);
    if (!parsed.success) return null;
    const { auth, ipAllowList, trustedProxies } = parsed.data;
    return { auth, ipAllowList, trustedProxies };
  },

  /**
   * A signed notification becomes the case it reports (`{ channel, notice }`, the shape every
   * intake hands `dispute.case`); one that is not a chargeback notification is refused with 422
   * and the field at fault, and nothing is stored.
   */
  toEvent(node, { body }) {
    const processor = String(node.config.processor ?? 'paytrace');
    const data = (body as { data?: unknown } | null)?.data;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      return {
        ok: false,
        status: 422,
        code: 'NOT_A_CHARGEBACK_NOTICE',
        message: 'A chargeback notification is a JSON object { type, timestamp, data }',
      };
    }
    try {
      const notice = noticeFromProcessor(data as Record<string, unknown>, processor);
      return { ok: true, event: { channel: notice.channel, notice } };
    } catch (err) {
      if (!(err instanceof NoticeError)) throw err;
      return { ok: false, status: 422, code: 'INVALID_CHARGEBACK_NOTICE', message: err.message };
    }
  },

  connectionRefs(node, index) {
    const connectionId = (node.config.auth as { connectionId?: unknown } | undefined)?.connectionId;
    if (typeof connectionId !== 'string') return [];
    return [
      {
        nodeId: node.id,
        connectionId,
        path: ['nodes', index, 'config', 'auth', 'connectionId'],
        type: 'webhook.standard',
      },
    ];
  },

  warnings(node) {
    return node.config.connectionId
      ? []
      : [
          `Chargeback intake "${node.id}" takes no Shopify store's disputes; choose a store to take them too.`,
        ];
  },

  subscription(node) {
    const parsed = chargebackTriggerNode.config.safeParse(node.config);
    if (!parsed.success || parsed.data.connectionId === '') return null;
    return {
      source: parsed.data.connectionId,
      sourceLabel: 'Shopify store',
      topics: parsed.data.topics,
    };
  },

  entryPoint(node) {
    return {
      kind: 'rest',
      path: `hooks/${pathOf(node)}`,
      topics: [],
      hint: 'Processor notifications: POST here, signed with Standard Webhooks. Shopify disputes/create and disputes/update: subscribe them to the store’s hooks URL. Chargeback reports: upload on the Disputes page.',
    };
  },
});
