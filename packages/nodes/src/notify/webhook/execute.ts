import { PermanentError, TransientError, type NodeExecutor } from '@paybridge/engine';
import { z } from 'zod';
import {
  assertCredentialHost,
  httpAuthFor,
  type HttpAuth,
} from '../../connections/http/auth-headers';
import type { HttpRuntimeOptions } from '../../core/http-request/execute';
import { implementNode } from '../../define-node';
import { fingerprint } from '../../effects/fingerprint';
import { performOnce, type FailureKind } from '../../effects/perform-once';
import { createAddressPolicy } from '../../http/address-policy';
import { createGuardedAgent } from '../../http/guarded-agent';
import { postOnce, type ServiceFailures } from '../../http/post-once';
import { parseRetryAfter } from '../../http/retry-after';
import { assertNoCardData } from '../card-data';
import { webhookNode, type WebhookConfig } from './definition';

const Delivered = z.object({ status: z.number().int() });
type Delivered = z.infer<typeof Delivered>;

/** A failure that proves the receiver did nothing (refused, or never reached). */
class NotDelivered extends Error {
  constructor(readonly error: Error) {
    super(error.message);
  }
}

/** A failure after the request may have reached the receiver. */
class MaybeDelivered extends Error {}

const failures: ServiceFailures = {
  codePrefix: 'WEBHOOK',
  label: 'The webhook',
  maxAnswerBytes: 64 * 1024,
  notSent: (code, message, options) => new NotDelivered(new TransientError(code, message, options)),
  outcomeUnknown: (_code, message, options) => new MaybeDelivered(message, options),
};

function classify(err: unknown): FailureKind {
  if (err instanceof NotDelivered || err instanceof PermanentError) return 'nothing-happened';
  if (err instanceof MaybeDelivered) return 'unknown';
  return 'other';
}

/**
 * The `notify.webhook` executor for one runtime's network settings: one guarded connection pool,
 * and every post through the connectors' exactly-once driver.
 */
export function createWebhookExecutor(network: HttpRuntimeOptions): NodeExecutor<WebhookConfig> {
  const dispatcher = createGuardedAgent({
    policy: createAddressPolicy(network.allowPrivateCidrs),
    ...(network.lookup ? { lookup: network.lookup } : {}),
  });
  return implementNode(webhookNode, async (ctx) => {
    const { url: target, text, blocks, extra, timeoutMs, reference } = ctx.config;
    const url = new URL(target);
    assertNoCardData({
      text,
      blocks: blocks && JSON.stringify(blocks),
      extra: JSON.stringify(extra),
    });
    let auth: HttpAuth | undefined;
    if (ctx.connection && ctx.connectionType) {
      auth = httpAuthFor(ctx.connectionType, ctx.connection, url);
      assertCredentialHost(auth, url);
    }
    const body = JSON.stringify({ ...extra, text, ...(blocks ? { blocks } : {}) });
    const { result, origin } = await performOnce<Delivered>(ctx, {
      ref: { item: '', business: reference === undefined ? null : `notify.webhook:${reference}` },
      fingerprint: fingerprint({ url: url.href, body }),
      system: 'WEBHOOK',
      result: Delivered,
      wrote: () => true,
      unknownOutcomeWaitMs: 0,
      couldLandTwice: true,
      lookupAtOnce: true,
      noteMarksSending: true,
      async prepare() {
        return {
          note: 'sending',
          async send(attemptRef) {
            const answer = await postOnce(
              failures,
              url,
              {
                'content-type': 'application/json',
                'idempotency-key': attemptRef,
                ...(auth?.headers ?? {}),
              },
              body,
              { dispatcher, timeoutMs, signal: ctx.signal },
            );
            if (answer.status >= 200 && answer.status < 300) return { status: answer.status };
            const said = answer.text.replace(/\s+/g, ' ').trim().slice(0, 200);
            const message = `${url.host} answered ${answer.status}${said ? `: ${said}` : ''}`;
            if (answer.status === 429 || answer.status >= 500) {
              const wait = parseRetryAfter(answer.headers['retry-after'], ctx.now());
              throw new NotDelivered(
                new TransientError(`WEBHOOK_HTTP_${answer.status}`, message, {
                  ...(wait !== undefined ? { retryAfterMs: wait } : {}),
                }),
              );
            }
            throw new NotDelivered(new PermanentError('WEBHOOK_REJECTED', message));
          },
        };
      },
      async lookup() {
        throw new PermanentError(
          'WEBHOOK_OUTCOME_UNKNOWN',
          `The answer of ${url.host} was lost after the notification may have been received; it is not posted again. Check the receiving channel, and give the node a new business reference to post anew.`,
        );
      },
      classify,
      mapError: (err) => (err instanceof NotDelivered ? err.error : err),
      describe: () => ({
        message: 'A different notification was already posted for this business reference',
      }),
    });
    return { port: 'out', output: { status: result.status, alreadySent: origin === 'ledger' } };
  });
}
