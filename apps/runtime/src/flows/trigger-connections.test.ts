import type { FlowGraph } from '@paybridge/engine';
import { describe, expect, it } from 'vitest';
import { triggerConnectionRefs } from './trigger-connections';

const ID = '7d0f2a4e-5b8c-4e1a-9f3d-2c6b8a0e4f11';
const node = (type: string, config: Record<string, unknown>) => ({
  id: 'trigger',
  type,
  typeVersion: 1,
  config,
  position: { x: 0, y: 0 },
});

describe('triggerConnectionRefs', () => {
  it('lists the connection of an authenticated REST trigger with the type it needs', () => {
    const graph: FlowGraph = {
      nodes: [
        node('trigger.rest', { path: 'x', auth: { type: 'standard-webhooks', connectionId: ID } }),
      ],
      edges: [],
    };
    expect(triggerConnectionRefs(graph)).toEqual([
      {
        nodeId: 'trigger',
        connectionId: ID,
        path: ['nodes', 0, 'config', 'auth', 'connectionId'],
        type: 'webhook.standard',
      },
    ]);
  });

  it('lists nothing for open triggers and other node types', () => {
    const graph: FlowGraph = {
      nodes: [node('trigger.rest', { path: 'x' }), node('trigger.manual', {})],
      edges: [],
    };
    expect(triggerConnectionRefs(graph)).toEqual([]);
  });
});
