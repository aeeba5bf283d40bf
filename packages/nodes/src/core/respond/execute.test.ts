import { executeRun, type NodeExecutor } from '@paybridge/engine';
import { describe, expect, it } from 'vitest';
import { createTestContext, expectOutput } from '../../test-context';
import { manualTriggerExecutor } from '../../trigger/manual/execute';
import { respondNode } from './definition';
import { respondExecutor } from './execute';

describe('respond', () => {
  it("is the node whose answer the engine hands back to a sync trigger's caller", async () => {
    const executors = new Map<string, NodeExecutor<unknown>>([
      ['trigger.manual', manualTriggerExecutor as NodeExecutor<unknown>],
      ['respond', respondExecutor as NodeExecutor<unknown>],
    ]);
    const outcome = await executeRun({
      runId: 'run_1',
      flowId: 'flow_1',
      graph: {
        nodes: [
          {
            id: 'start',
            type: 'trigger.manual',
            typeVersion: 1,
            config: {},
            position: { x: 0, y: 0 },
          },
          {
            id: 'reply',
            type: 'respond',
            typeVersion: 1,
            config: { status: 202, body: '=$trigger.id' },
            position: { x: 0, y: 0 },
          },
        ],
        edges: [{ from: { node: 'start', port: 'out' }, to: { node: 'reply', port: 'in' } }],
      },
      trigger: { id: 'order-7' },
      priorSteps: [],
      lookupExecutor: (type) => executors.get(type),
      store: { checkpoint: async () => {} },
    });
    expect(outcome).toEqual({
      status: 'succeeded',
      response: { status: 202, headers: {}, body: 'order-7' },
    });
  });

  it('answers 200 with the input as body when nothing is configured', async () => {
    const input = { received: true };
    const ctx = createTestContext(respondNode, {}, { input });
    const { port, output } = expectOutput(respondNode, await respondExecutor.execute(ctx));
    expect(port).toBe('out');
    expect(output).toEqual({ status: 200, headers: {}, body: input });
  });

  it('answers with the configured status, headers and body', async () => {
    const config = { status: 201, headers: { 'x-order-id': '1' }, body: { id: 1 } };
    const ctx = createTestContext(respondNode, config, { input: { ignored: true } });
    const { output } = expectOutput(respondNode, await respondExecutor.execute(ctx));
    expect(output).toEqual(config);
  });

  it('keeps an explicit null or empty body instead of echoing the input', async () => {
    for (const body of [null, '']) {
      const ctx = createTestContext(respondNode, { status: 204, body }, { input: { x: 1 } });
      const { output } = expectOutput(respondNode, await respondExecutor.execute(ctx));
      expect(output).toMatchObject({ status: 204, body });
    }
  });

  it.each([
    [{ status: 99 }, 'a status below 100'],
    [{ status: 600 }, 'a status above 599'],
    [{ headers: { 'bad header': 'x' } }, 'an invalid header name'],
    [{ headers: { 'x-a': 'a\r\nset-cookie: x' } }, 'a header value with a line break'],
    [{ headers: { 'Content-Length': '5' } }, 'a framing header'],
  ])('rejects %j (%s) on save', (config, _label) => {
    expect(respondNode.config.safeParse(config).success).toBe(false);
  });

  it.each([
    [{ headers: { 'Content-Type': 'text/html' } }, /never a page or a script/],
    [{ headers: { 'content-type': 'application/javascript' } }, /never a page or a script/],
    [
      { headers: { 'Content-Type': 'image/svg+xml' }, format: 'download', filename: 'a.svg' },
      /never a page/,
    ],
    [{ headers: { 'Set-Cookie': 'pb_session=x' } }, /"Set-Cookie" cannot be set by a hook answer/],
    [{ headers: { Location: 'https://evil.test' } }, /"Location" cannot be set/],
    [{ headers: { 'Content-Security-Policy': 'script-src *' } }, /cannot be set/],
    [{ headers: { 'X-Content-Type-Options': 'sniff' } }, /cannot be set/],
    [{ headers: { 'Content-Disposition': 'inline' } }, /format "download"/],
    [{ format: 'download' }, /a download needs a file name/],
    [
      { format: 'json', headers: { 'Content-Type': 'text/plain' } },
      /does not match the format "json"/,
    ],
  ])('refuses %j on save with a message saying why', (config, message) => {
    const parsed = respondNode.config.safeParse(config);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.message).join('\n')).toMatch(message);
  });

  it('refuses a forbidden header even when its value is an expression', () => {
    const graphIssue = respondNode.config.safeParse({
      headers: { 'Set-Cookie': '=$trigger.body.c' },
    });
    expect(graphIssue.success).toBe(false);
    expect(graphIssue.error!.issues[0]!.path).toEqual(['headers']);
  });

  it('accepts JSON, plain text and a declared download', () => {
    for (const config of [
      { body: { ok: true } },
      { headers: { 'Content-Type': 'application/problem+json' }, body: { title: 'x' } },
      { format: 'text', body: 'accepted' },
      { format: 'download', filename: 'orders.csv', headers: { 'Content-Type': 'text/csv' } },
      { headers: { 'Cache-Control': 'no-store', 'X-Order-Id': '7' } },
    ]) {
      expect(respondNode.config.safeParse(config).success).toBe(true);
    }
  });

  it('passes the format and file name on to the answer', async () => {
    const config = { format: 'download', filename: 'orders.csv', body: 'a,b' } as const;
    const ctx = createTestContext(respondNode, config, { input: {} });
    const { output } = expectOutput(respondNode, await respondExecutor.execute(ctx));
    expect(output).toMatchObject({ format: 'download', filename: 'orders.csv', body: 'a,b' });
    expect((output as { headers: Record<string, string> }).headers['Content-Disposition']).toMatch(
      /^attachment; filename="orders.csv"/,
    );
  });

  it('counts as an external effect', () => {
    expect(respondNode.effects).toBe(true);
  });
});
