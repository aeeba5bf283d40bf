import { describe, expect, it } from 'vitest';
import { validateGraph } from '@paybridge/engine';
import { labelIssues, labelledType, lookupSpec } from './definitions';

describe('labelIssues', () => {
  it('names the node by its label and the field by its form title, never by path', () => {
    const graph = {
      nodes: [
        { id: 'trigger', type: 'trigger.rest', typeVersion: 1, config: { path: 'x' } },
        { id: 'pay', type: 'paytrace.sale', typeVersion: 1, name: 'Charge card', config: {} },
        { id: 'cust', type: 'shopify.get-customer', typeVersion: 1, config: {} },
      ],
      edges: [],
    };
    const result = validateGraph(graph, lookupSpec);
    expect(result.ok).toBe(false);
    const texts = labelIssues(result.ok ? [] : result.errors, graph.nodes, labelledType).map(
      (p) => p.text,
    );
    expect(texts).toContain('"Charge card" › Amount: required');
    // Without a name, the node goes by its type's title.
    expect(texts.some((t) => t.startsWith('"Get customer" › '))).toBe(true);
    expect(texts.join('\n')).not.toMatch(/nodes\.|config\./);
  });
});
