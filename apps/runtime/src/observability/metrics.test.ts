import { describe, expect, it } from 'vitest';
import { defaultLogFormat } from '../logger';
import { RuntimeMetrics } from './metrics';

describe('RuntimeMetrics on the hot path', () => {
  it('builds each label set once and reuses it for every later observation', () => {
    const m = new RuntimeMetrics();
    for (let i = 0; i < 10_000; i++) {
      m.step('paytrace.sale', 0.01, true);
      m.outboundCall('paytrace', '2xx', 0.02);
      m.ingressRequest('rest', 202);
    }
    expect(m.labelSets()).toMatchObject({ steps: 1, outbound: 1, ingress: 1 });
    m.step('paytrace.sale', 0.01, false);
    expect(m.labelSets().steps).toBe(2);
  });

  it("creates a flow's run series at zero when the flow is first seen", async () => {
    const m = new RuntimeMetrics();
    m.runStarted('flow-a');
    const text = await m.registry.metrics();
    for (const status of ['succeeded', 'declined', 'failed', 'cancelled']) {
      expect(text).toContain(`paybridge_runs_finished_total{flow="flow-a",status="${status}"} 0`);
    }
    expect(text).toContain('paybridge_dead_letters_total{flow="flow-a"} 0');
    expect(m.labelSets()).toMatchObject({ started: 1, finished: 4 });
  });
});

describe('default log format', () => {
  it('is readable at a terminal and JSON for pipes and files', () => {
    expect(defaultLogFormat({ isTTY: true })).toBe('pretty');
    expect(defaultLogFormat({ isTTY: false })).toBe('json');
    expect(defaultLogFormat({})).toBe('json');
  });
});
