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
  endpointKey: pathOf,

  endpoint(node) {
    const rest = restTrigger.endpoint!(node);
    return { ...rest, mode: 'async' };
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
