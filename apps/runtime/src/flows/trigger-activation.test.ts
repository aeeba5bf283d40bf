import type { FlowGraph } from '@paybridge/engine';
import {
  defineTrigger,
  manualTriggerNode,
  type TriggerDeactivation,
} from '@paybridge/nodes/definitions';
import { describe, expect, it } from 'vitest';
import { disableTrigger, enableRegistrations, type TriggerFinder } from './trigger-activation';

const graph = (type: string, config: Record<string, unknown>): FlowGraph => ({
  nodes: [{ id: 'trigger', type, typeVersion: 1, config, position: { x: 0, y: 0 } }],
  edges: [],
});

describe('trigger activation hooks', () => {
  it("registers what each shipped kind's onEnable asks for", () => {
    expect(enableRegistrations(graph('trigger.rest', { path: 'orders/new' }))).toEqual({
      endpointKey: 'orders/new',
      startClock: false,
    });
    expect(enableRegistrations(graph('trigger.schedule', { cron: '* * * * *' }))).toEqual({
      endpointKey: null,
      startClock: true,
    });
    expect(enableRegistrations(graph('trigger.manual', {}))).toEqual({
      endpointKey: null,
      startClock: false,
    });
  });

  it("calls a kind's onEnable and onDisable with no runtime change for the kind", () => {
    const heard: TriggerDeactivation[] = [];
    const notice = defineTrigger({
      node: manualTriggerNode,
      channel: 'http',
      onEnable: (node, ctx) => ctx.claimEndpoint(`notices/${String(node.config.account)}`),
      onDisable: (_node, ctx) => heard.push(ctx),
    });
    const find: TriggerFinder = (g) => ({ node: g.nodes[0]!, trigger: notice });
    const g = graph('test.notice', { account: 'acme' });
    expect(enableRegistrations(g, find).endpointKey).toBe('notices/acme');
    disableTrigger('flow-1', g, 'replaced', find);
    disableTrigger('flow-1', g, 'deleted', find);
    expect(heard).toEqual([
      { flowId: 'flow-1', reason: 'replaced' },
      { flowId: 'flow-1', reason: 'deleted' },
    ]);
  });
});
