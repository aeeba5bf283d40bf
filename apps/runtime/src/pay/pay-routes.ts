/**
 * The hosted pay page: `GET /pay/<token>` shows the order and PayTrace's Protect.js card fields,
 * `POST /pay/<token>` takes only the resulting `hpf_token` + `enc_key`, wakes the run waiting on
 * the link and answers with its outcome (receipt, decline with a retry form, or a page that
 * refreshes itself while the charge is still running). Plain HTML under its own strict CSP; no
 * cookies; card numbers are refused, never stored.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { createProtectClientKey, type RuntimeServices } from '@paybridge/nodes/executors';
import type { ConnectionResolver } from '../connections/resolver';
import { findCardData } from '../ingest/card-data-guard';
import type { IngressRateLimiter, RateLimit } from '../ingest/ingress-rate-limiter';
import type { RunWaiter } from '../ingest/run-waiter';
import type { Logger } from '../logger';
import type { KeyRing } from '../secrets/key-ring';
import { page, payForm, problem, processing, receipt } from './pay-page-html';
import type { PayLinkStore, PayLinkView, SubmissionView } from './pay-link-store';
import { verifyPayToken } from './pay-token';

/** What the pay page uses. */
export interface PayPageDeps {
  links: PayLinkStore;
  ring: KeyRing;
  connections: ConnectionResolver;
  /** PayTrace's shared client state, for the Protect.js client key. */
  paytrace: () => RuntimeServices['paytrace'];
  waiter: RunWaiter;
  ingressLimits: IngressRateLimiter;
  logger: Logger;
  /** `PAYBRIDGE_PROTECT_JS_URL`: overrides where Protect.js is loaded from. */
  protectScriptUrl?: string | undefined;
  /** The PayTrace simulator's URL as shoppers' browsers reach it (sandbox mode). */
  simulatorBrowserUrl?: () => string | undefined;
  /** How long a submission waits for the charge before the page says "still processing". */
  waitMs?: number;
}

/** Requests per link: a shopper retrying a few cards, never a card-testing script. */
export const PAY_LINK_LIMIT: RateLimit = { perMinute: 12, burst: 6 };
/** Largest form the page accepts (two tokens of at most 4 KB each). */
const MAX_FORM_BYTES = 16 * 1024;

const Tokens = z.object({
  hpf_token: z.string().trim().min(1).max(4096),
  enc_key: z.string().trim().min(1).max(4096),
});

type Frame = { nonce: string; script?: string; frameOrigin?: string };

/** The page's own policy: its nonce'd script and style, Protect.js's script and frames only. */
function contentSecurityPolicy(frame: Frame): string {
  const protect = frame.frameOrigin ?? '';
  return [
    "default-src 'none'",
    `script-src 'nonce-${frame.nonce}'${frame.script ? ` ${frame.script}` : ''}`,
    `style-src 'nonce-${frame.nonce}'`,
    ...(protect ? [`frame-src ${protect}`, `connect-src ${protect}`] : []),
    "img-src 'self' data:",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function send(
  c: Context,
  status: 200 | 202 | 400 | 402 | 403 | 404 | 409 | 410 | 413 | 429 | 503,
  title: string,
  body: string,
  frame: Frame,
  refreshS?: number,
) {
  c.header('Content-Security-Policy', contentSecurityPolicy(frame));
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store');
  const html = page(
    { title, nonce: frame.nonce, ...(refreshS === undefined ? {} : { refreshS }) },
    body,
  );
  return c.html(html, status);
}

/** Routes of the pay page, mounted at the root. */
export function payRoutes(deps: PayPageDeps) {
  const waitMs = deps.waitMs ?? 20_000;

  /** Verifies the token and loads its link; a Response when the link cannot be used. */
  async function open(c: Context, frame: Frame): Promise<PayLinkView | Response> {
    const verified = await verifyPayToken(deps.ring, c.req.param('token') ?? '');
    if (!verified.ok) {
      return send(
        c,
        verified.error === 'malformed' ? 400 : 403,
        'Invalid payment link',
        problem(
          'This payment link is not valid',
          'The link is incomplete or was changed. Open the link exactly as you received it.',
        ),
        frame,
      );
    }
    const { claims } = verified;
    const link = await deps.links.link(claims.l);
    if (
      !link ||
      link.runId !== claims.r ||
      link.amountMinor !== claims.a ||
      link.currency !== claims.c ||
      link.orderRef !== claims.o
    ) {
      return send(
        c,
        404,
        'Unknown payment link',
        problem('This payment link does not exist', 'Ask the shop for a new payment link.'),
        frame,
      );
    }
    const limited = await deps.ingressLimits.take(`pay:${link.id}`, PAY_LINK_LIMIT);
    if (!limited.ok) {
      c.header('Retry-After', String(limited.retryAfterS));
      return send(
        c,
        429,
        'Too many attempts',
        problem(
          'Too many attempts',
          `Please wait ${limited.retryAfterS} seconds before trying again.`,
        ),
        frame,
      );
    }
    // The token's own expiry binds too (the row's is the same unless shortened since).
    const signedExpiry = claims.e * 1000;
    return signedExpiry < link.expiresAt.getTime()
      ? { ...link, expiresAt: new Date(signedExpiry) }
      : link;
  }

  function paidPage(
    c: Context,
    link: PayLinkView,
    paid: SubmissionView,
    frame: Frame,
    status: 200 | 409,
  ) {
    return send(c, status, `Paid: ${link.shopName}`, receipt(link, paid), frame);
  }

  function expiredPage(c: Context, frame: Frame) {
    return send(
      c,
      410,
      'Payment link expired',
      problem('This payment link has expired', 'Ask the shop for a new payment link.'),
      frame,
    );
  }

  function isExpired(link: PayLinkView): boolean {
    return link.expired || link.expiresAt.getTime() <= Date.now();
  }

  /** The card form, with the reason of the last decline when there was one. */
  async function formPage(
    c: Context,
    link: PayLinkView,
    declined: string | null,
    frame: Frame,
  ): Promise<Response> {
    let protect: { clientKey: string; scriptUrl: string };
    try {
      const connection = await deps.connections.resolve(link.connectionId);
      protect = await createProtectClientKey(
        deps.paytrace(),
        connection?.values,
        c.req.raw.signal,
        { scriptUrl: deps.protectScriptUrl, simulatorBrowserUrl: deps.simulatorBrowserUrl?.() },
      );
    } catch (err) {
      deps.logger.warn('pay page: no Protect.js client key', {
        linkId: link.id,
        code: (err as { code?: string }).code,
      });
      return send(
        c,
        503,
        'Payment page unavailable',
        problem(
          'The payment page is unavailable right now',
          'The card service could not be reached. Please try again in a minute.',
        ),
        frame,
      );
    }
    const script = protect.scriptUrl;
    const withProtect = { ...frame, script, frameOrigin: new URL(script).origin };
    const action = new URL(c.req.url).pathname;
    return send(
      c,
      declined === null ? 200 : 402,
      `Pay ${link.shopName}`,
      payForm(link, protect, { nonce: frame.nonce, action }, declined),
      withProtect,
    );
  }

  return new Hono()
    .get('/pay/:token', async (c) => {
      const frame = { nonce: randomBytes(16).toString('base64') };
      const link = await open(c, frame);
      if (link instanceof Response) return link;
      const latest = await deps.links.latest(link.id);
      if (latest?.status === 'approved') return paidPage(c, link, latest, frame, 200);
      if (isExpired(link)) return expiredPage(c, frame);
      if (latest?.status === 'pending') {
        await deps.links.wake(link);
        return send(c, 202, 'Processing payment', processing(link), frame, 3);
      }
      return formPage(c, link, latest?.status === 'declined' ? latest.reason : null, frame);
    })
    .post('/pay/:token', async (c) => {
      const frame = { nonce: randomBytes(16).toString('base64') };
      const link = await open(c, frame);
      if (link instanceof Response) return link;
      const raw = await c.req.raw.text();
      if (Buffer.byteLength(raw) > MAX_FORM_BYTES) {
        return send(
          c,
          413,
          'Too large',
          problem('Request too large', 'Nothing was stored.'),
          frame,
        );
      }
      const fields = Object.fromEntries(new URLSearchParams(raw));
      const card = findCardData(fields);
      if (card !== null) {
        // Never logged with its value, never stored: the page posts tokens only.
        deps.logger.warn('pay page: card data posted and refused; nothing stored', {
          linkId: link.id,
          field: card,
        });
        return send(
          c,
          400,
          'Card data refused',
          problem(
            'Card numbers are not accepted here',
            'Enter the card in the secure card fields of the payment page; nothing was stored.',
          ),
          frame,
        );
      }
      const open_ = await deps.links.openView(link.id);
      if (open_?.status === 'approved') return paidPage(c, link, open_, frame, 409);
      if (isExpired(link)) return expiredPage(c, frame);
      const tokens = Tokens.safeParse(fields);
      if (!tokens.success) {
        return send(
          c,
          400,
          'Card not entered',
          problem(
            'The card was not entered',
            'Go back, enter the card in the card fields and press Pay (the page needs JavaScript for the card fields).',
          ),
          frame,
        );
      }
      const recorded = await deps.links.submit(link, {
        hpfToken: tokens.data.hpf_token,
        encKey: tokens.data.enc_key,
      });
      if (recorded.kind === 'taken') {
        if (recorded.existing.status === 'approved') {
          return paidPage(c, link, recorded.existing, frame, 409);
        }
        return send(c, 202, 'Processing payment', processing(link), frame, 3);
      }
      await deps.links.wake(link);
      const outcome = await deps.waiter.waitFor(
        link.runId,
        waitMs,
        async () => {
          const s = await deps.links.submission(recorded.submissionId);
          if (s?.status !== 'pending') return s;
          // The wait may have been about to suspend when this was recorded: wake it again.
          await deps.links.wake(link);
          return null;
        },
        1000,
      );
      if (outcome?.status === 'approved') return paidPage(c, link, outcome, frame, 200);
      if (outcome?.status === 'declined') {
        return formPage(c, link, outcome.reason ?? 'declined', frame);
      }
      return send(c, 202, 'Processing payment', processing(link), frame, 3);
    });
}
