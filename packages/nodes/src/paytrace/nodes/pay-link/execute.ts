/**
 * The `paytrace.pay-link` executor.
 *
 * @module
 */
import { PermanentError, type NodeExecutor } from '@paybridge/engine';
import { implementNode } from '../../../define-node';
import { paytracePayLinkNode, type PaytracePayLinkConfig } from './definition';
import { payLinkFacts } from './order-defaults';
import type { PayLinks } from './pay-links';

/** Thrown where the host serves no pay page (a worker without the runtime's pay links). */
export function payPageMissing(): PermanentError {
  return new PermanentError(
    'PAY_PAGE_UNAVAILABLE',
    'This runtime serves no pay page; pay links need the Paybridge runtime',
  );
}

/**
 * Builds the executor on the host's pay links. Issuing is keyed by run and node, so a retry or a
 * crash recovery hands out the same link (and the same expiry) instead of a second one.
 */
export function createPayLinkExecutor(
  links: PayLinks | undefined,
): NodeExecutor<PaytracePayLinkConfig> {
  return implementNode(paytracePayLinkNode, async (ctx) => {
    if (!links) throw payPageMissing();
    const facts = payLinkFacts(ctx.config, await ctx.evaluate('$trigger', null));
    const expiresAt = new Date(ctx.now().getTime() + ctx.config.expiresInHours * 3_600_000);
    const link = await links.issue({
      runId: ctx.runId,
      nodeId: ctx.nodeId,
      connectionId: ctx.config.connectionId,
      ...facts,
      expiresAt,
    });
    return {
      port: 'out',
      output: {
        linkId: link.linkId,
        url: link.url,
        expiresAt: link.expiresAt.toISOString(),
        orderRef: facts.orderRef,
        amount: { minor: facts.amountMinor, currency: facts.currency },
      },
    };
  });
}
