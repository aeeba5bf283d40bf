import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryEffectStore, NodeError, type MemoryEffectStore } from '@paybridge/engine';
import { smtpConnectionTester } from '../../connections/smtp/tester';
import { createTestContext, expectOutput } from '../../test-context';
import { emailNode } from './definition';
import { createEmailExecutor, messageIdFor } from './execute';
import { startTestSmtpServer, type TestSmtpServer } from './test-smtp-server';

const loopback = { allowPrivateCidrs: ['127.0.0.1/32'] };
const executor = createEmailExecutor(loopback);
let server: TestSmtpServer;
let effects: MemoryEffectStore;

beforeAll(async () => {
  server = await startTestSmtpServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.messages.length = 0;
  effects = memoryEffectStore();
});

function values(overrides: Record<string, unknown> = {}) {
  return {
    host: '127.0.0.1',
    port: server.port,
    security: 'none',
    user: 'mailer',
    password: 's3cret-pw',
    fromAddress: 'payments@shop.example',
    fromName: 'Example Shop',
    ...overrides,
  };
}

const config = {
  connectionId: 'conn-1',
  to: 'staff@shop.example, owner@shop.example',
  cc: ['books@shop.example'],
  subject: 'Payment declined for order #1001',
  text: 'The card ending 1111 was declined (insufficient funds).',
};

function ctxFor(
  overrides: {
    config?: object;
    values?: Record<string, unknown>;
    runId?: string;
    store?: MemoryEffectStore;
  } = {},
) {
  return createTestContext(
    emailNode,
    { ...config, ...overrides.config },
    {
      connection: { type: 'smtp', values: values(overrides.values) },
      effects: overrides.store ?? effects,
      ...(overrides.runId ? { runId: overrides.runId } : {}),
    },
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

describe('notify.email over a real SMTP server', () => {
  it('delivers the message with its recipients, subject, body and a Message-ID from the effect record', async () => {
    const result = await executor.execute(ctxFor());
    const { port, output } = expectOutput(emailNode, result);
    expect(port).toBe('out');
    expect(server.messages).toHaveLength(1);
    const [mail] = server.messages;
    expect(mail?.recipients).toEqual([
      'staff@shop.example',
      'owner@shop.example',
      'books@shop.example',
    ]);
    expect(mail?.from).toBe('payments@shop.example');
    expect(mail?.header('to')).toBe('staff@shop.example, owner@shop.example');
    expect(mail?.header('cc')).toBe('books@shop.example');
    expect(mail?.header('from')).toBe('Example Shop <payments@shop.example>');
    expect(mail?.header('subject')).toBe('Payment declined for order #1001');
    expect(mail?.body).toContain('The card ending 1111 was declined (insufficient funds).');

    const [record] = [...effects.records.values()];
    const messageId = messageIdFor(record?.reference ?? '', 'payments@shop.example');
    expect(mail?.header('message-id')).toBe(messageId);
    expect(output).toMatchObject({
      messageId,
      accepted: ['staff@shop.example', 'owner@shop.example', 'books@shop.example'],
      alreadySent: false,
    });
  });

  it('sends once across a re-execution (crash before the checkpoint) and a replay of the event', async () => {
    await executor.execute(ctxFor());
    const again = expectOutput(emailNode, await executor.execute(ctxFor({ config: {} })));
    const replay = expectOutput(
      emailNode,
      await executor.execute(ctxFor({ runId: 'run-2', store: effects.forRun('run-2') })),
    );
    expect(server.messages).toHaveLength(1);
    expect(again.output).toMatchObject({ alreadySent: true });
    expect(replay.output).toMatchObject({ alreadySent: true });
  });

  it('retries a deferred message once it is accepted, without a second copy', async () => {
    server.refuseNext(1, 451);
    const deferred = await failureOf(executor.execute(ctxFor()));
    expect(deferred).toMatchObject({ code: 'SMTP_TEMPORARY', errorClass: 'transient' });
    expect(server.messages).toHaveLength(0);
    await executor.execute(ctxFor());
    await executor.execute(ctxFor());
    expect(server.messages).toHaveLength(1);
  });

  it('fails a refused login with SMTP_AUTH_FAILED and sends nothing', async () => {
    const err = await failureOf(executor.execute(ctxFor({ values: { password: 'wrong' } })));
    expect(err).toMatchObject({ code: 'SMTP_AUTH_FAILED', errorClass: 'permanent' });
    expect(err.message).not.toContain('wrong');
    expect(server.messages).toHaveLength(0);
    // Nothing was sent, so fixing the password sends the message.
    await executor.execute(ctxFor());
    expect(server.messages).toHaveLength(1);
  });

  it('keeps SMTP on the outbound network policy: loopback is refused unless allowed', async () => {
    const strict = createEmailExecutor({ allowPrivateCidrs: [] });
    const err = await failureOf(strict.execute(ctxFor()));
    expect(err.code).toBe('SSRF_BLOCKED');
    const metadata = await failureOf(
      strict.execute(ctxFor({ values: { host: '169.254.169.254' } })),
    );
    expect(metadata.code).toBe('SSRF_BLOCKED');
    expect(server.messages).toHaveLength(0);
  });

  it('refuses to mail what looks like a card number', async () => {
    const err = await failureOf(
      executor.execute(ctxFor({ config: { text: 'Card 4111 1111 1111 1111 was declined' } })),
    );
    expect(err.code).toBe('CARD_DATA_IN_MESSAGE');
    expect(server.messages).toHaveLength(0);
  });

  it('a changed message under a business reference already sent is a conflict, not a second mail', async () => {
    await executor.execute(ctxFor({ config: { reference: 'declined-1001' } }));
    const err = await failureOf(
      executor.execute(ctxFor({ config: { reference: 'declined-1001', subject: 'Other' } })),
    );
    expect(err.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(server.messages).toHaveLength(1);
  });
});

describe('smtp connection tester', () => {
  const signal = () => AbortSignal.timeout(10_000);
  it('passes with a working login and fails clearly with a wrong one', async () => {
    await expect(
      smtpConnectionTester(values(), { signal: signal(), http: loopback }),
    ).resolves.toMatchObject({ ok: true });
    const bad = await smtpConnectionTester(values({ password: 'nope' }), {
      signal: signal(),
      http: loopback,
    });
    expect(bad).toMatchObject({ ok: false });
    expect(bad.ok === false && bad.message).toMatch(/^SMTP_AUTH_FAILED/);
    const blocked = await smtpConnectionTester(values(), { signal: signal() });
    expect(blocked.ok === false && blocked.message).toMatch(/^SSRF_BLOCKED/);
  });
});
