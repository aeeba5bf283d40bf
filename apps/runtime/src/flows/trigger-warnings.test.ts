import type { FlowGraph } from '@paybridge/engine';
import { describe, expect, it } from 'vitest';
import { triggerWarnings } from './trigger-warnings';

const CONNECTION = '7d0f2a4e-5b8c-4e1a-9f3d-2c6b8a0e4f11';

function graph(type: string, config: Record<string, unknown>): FlowGraph {
  return {
    nodes: [{ id: 'trigger', type, typeVersion: 1, config, position: { x: 0, y: 0 } }],
    edges: [],
  };
}

describe('triggerWarnings', () => {
  it('warns about a REST trigger without authentication, including one saved before the setting', () => {
    for (const config of [{ path: 'orders' }, { path: 'orders', auth: { type: 'none' } }]) {
      const warnings = triggerWarnings(graph('trigger.rest', config));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(
        /"trigger" \(\/hooks\/orders\) accepts requests without authentication/,
      );
    }
  });

  it('mentions the allow-list when one narrows an open trigger', () => {
    const [warning] = triggerWarnings(
      graph('trigger.rest', { path: 'orders', ipAllowList: ['203.0.113.0/24'] }),
    );
    expect(warning).toContain('from the allowed addresses');
  });

  it('is quiet for an authenticated trigger and for other trigger types', () => {
    const auth = { type: 'standard-webhooks', connectionId: CONNECTION };
    expect(triggerWarnings(graph('trigger.rest', { path: 'orders', auth }))).toEqual([]);
    expect(triggerWarnings(graph('trigger.manual', {}))).toEqual([]);
  });

  it('points out trusted proxies that have no allow-list to serve', () => {
    const auth = { type: 'bearer', connectionId: CONNECTION };
    expect(
      triggerWarnings(graph('trigger.rest', { path: 'x', auth, trustedProxies: ['10.0.0.0/8'] })),
    ).toEqual([
      'REST trigger "trigger" (/hooks/x) lists trusted proxies but no IP allow-list; the proxies have no effect.',
    ]);
  });
});
