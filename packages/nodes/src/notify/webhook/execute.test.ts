import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryEffectStore, NodeError, type MemoryEffectStore } from '@paybridge/engine';
import { startTestServer, type TestServer } from '../../core/http-request/test-server';
import { createTestContext, expectOutput } from '../../test-context';
import { webhookNode } from './definition';
import { createWebhookExecutor } from './execute';

const executor = createWebhookExecutor({ allowPrivateCidrs: ['127.0.0.1/32'] });
let server: TestServer;
let effects: MemoryEffectStore;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.received.length = 0;
  effects = memoryEffectStore();
});

function ctxFor(
  config: Record<string, unknown>,
  connection?: { type: string; values: Record<string, unknown> },
) {
  return createTestContext(
    webhookNode,
    { url: `${server.origin}/json`, text: 'Order #1001 declined', ...config },
    { effects, ...(connection ? { connection } : {}) },
  );
}

async function failureOf(promise: Promise<unknown>): Promise<NodeError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(NodeError);
  return err as NodeError;
}

describe('notify.webhook over a real HTTP server', () => {
  it('posts Slack-compatible JSON with blocks and extra fields, once across re-executions', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Declined*' } }];
    const config = { blocks, extra: { channel: '#payments' } };
    const first = expectOutput(webhookNode, await executor.execute(ctxFor(config)));
    expect(first.output).toEqual({ status: 200, alreadySent: false });
    expect(server.received).toHaveLength(1);
    const [request] = server.received;
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['idempotency-key']).toMatch(/^PB[A-Z0-9]{16}$/);
    expect(JSON.parse(request?.body ?? '')).toEqual({
      channel: '#payments',
      text: 'Order #1001 declined',
      blocks,
    });
    const again = expectOutput(webhookNode, await executor.execute(ctxFor(config)));
    expect(again.output).toEqual({ status: 200, alreadySent: true });
    expect(server.received).toHaveLength(1);
  });

  it('releases a 5xx answer for a retry, then posts once', async () => {
    const failing = await failureOf(
      executor.execute(ctxFor({ url: `${server.origin}/status?code=503`, reference: 'r1' })),
    );
    expect(failing).toMatchObject({ code: 'WEBHOOK_HTTP_503', errorClass: 'transient' });
    // The receiver recovers: the retry posts, and every later execution finds it posted.
    const retried = expectOutput(webhookNode, await executor.execute(ctxFor({ reference: 'r1' })));
    const later = expectOutput(webhookNode, await executor.execute(ctxFor({ reference: 'r1' })));
    expect(retried.output).toEqual({ status: 200, alreadySent: false });
    expect(later.output).toEqual({ status: 200, alreadySent: true });
    expect(server.received.map((r) => r.url)).toEqual(['/status?code=503', '/json']);
  });

  it('fails a 4xx refusal clearly, and authenticates with a header connection', async () => {
    const refused = await failureOf(executor.execute(ctxFor({ url: `${server.origin}/need-key` })));
    expect(refused).toMatchObject({ code: 'WEBHOOK_REJECTED', errorClass: 'permanent' });
    const connection = {
      type: 'http.header-auth',
      values: {
        headerName: 'X-Api-Key',
        value: 'k-good',
        allowedHosts: [`127.0.0.1:${server.port}`],
      },
    };
    const ok = expectOutput(
      webhookNode,
      await executor.execute(
        ctxFor({ url: `${server.origin}/need-key`, connectionId: 'c1' }, connection),
      ),
    );
    expect(ok.output).toMatchObject({ status: 200 });
  });

  it('keeps to the network policy and refuses card numbers', async () => {
    const strict = createWebhookExecutor({ allowPrivateCidrs: [] });
    expect((await failureOf(strict.execute(ctxFor({})))).code).toBe('SSRF_BLOCKED');
    const card = await failureOf(executor.execute(ctxFor({ text: 'card 4111111111111111' })));
    expect(card.code).toBe('CARD_DATA_IN_MESSAGE');
    expect(server.received).toHaveLength(0);
  });
});
