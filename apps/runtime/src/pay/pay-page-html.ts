/**
 * The pay page's HTML: plain server-rendered pages (no editor bundle, no cookies), one inline
 * script (with the response's CSP nonce) that drives PayTrace's Protect.js hosted fields and posts
 * only the resulting `hpf_token` + `enc_key`. Everything else works without JavaScript.
 *
 * @module
 */
import { formatMinor } from './format-money';
import type { PayLinkView, SubmissionView } from './pay-link-store';

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** What the page's layout needs besides its body. */
export interface PageFrame {
  readonly title: string;
  readonly nonce: string;
  /** Seconds after which the browser reloads the page (the "still processing" page). */
  readonly refreshS?: number;
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
h1{font-size:1.4rem}table{width:100%;border-collapse:collapse}td{padding:.25rem 0}td.amount{text-align:right}
tr.total td{border-top:1px solid #ccd;font-weight:600}.notice{padding:.75rem;border-radius:.4rem;margin:1rem 0}
.declined{background:#fdecea}.paid{background:#e8f5e9}.info{background:#eef3fb}
button{font:inherit;padding:.6rem 1.2rem;margin-top:1rem}#pt_hpf_form{min-height:170px;margin-top:1rem}`;

/** The page around a body. */
export function page(frame: PageFrame, body: string): string {
  const refresh =
    frame.refreshS === undefined ? '' : `<meta http-equiv="refresh" content="${frame.refreshS}">`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">${refresh}<title>${escapeHtml(frame.title)}</title>
<style nonce="${frame.nonce}">${STYLE}</style></head>
<body>${body}</body></html>`;
}

/** Shop name, order lines and the total. */
export function orderSummary(link: PayLinkView): string {
  const rows = link.lines
    .map(
      (line) =>
        `<tr><td>${escapeHtml(line.title)}${line.quantity > 1 ? ` × ${line.quantity}` : ''}</td>` +
        `<td class="amount">${escapeHtml(formatMinor(line.amountMinor, link.currency))}</td></tr>`,
    )
    .join('');
  return `<h1>${escapeHtml(link.shopName)}</h1>
<p>Order ${escapeHtml(link.orderRef)}</p>
<table>${rows}<tr class="total"><td>Amount due</td><td class="amount" data-testid="amount">${escapeHtml(
    formatMinor(link.amountMinor, link.currency),
  )}</td></tr></table>`;
}

/** The card form: Protect.js fields, then a post of the tokens only. */
export function payForm(
  link: PayLinkView,
  protect: { clientKey: string; scriptUrl: string },
  frame: { nonce: string; action: string },
  declined: string | null,
): string {
  const notice =
    declined === null
      ? ''
      : `<div class="notice declined" role="alert" data-testid="declined">The card was declined: ${escapeHtml(
          declined,
        )}. You can try again with another card.</div>`;
  const key = JSON.stringify(protect.clientKey).replace(/</g, '\\u003c');
  return `${orderSummary(link)}${notice}
<form id="pay-form" method="post" action="${escapeHtml(frame.action)}">
<div id="pt_hpf_form"></div>
<noscript><p class="notice info">Card entry needs JavaScript: the card fields are PayTrace's secure fields.</p></noscript>
<input type="hidden" name="hpf_token" value=""><input type="hidden" name="enc_key" value="">
<p id="pay-message" role="status"></p>
<button type="submit" id="pay-button" disabled>Pay ${escapeHtml(formatMinor(link.amountMinor, link.currency))}</button>
</form>
<script src="${escapeHtml(protect.scriptUrl)}"></script>
<script nonce="${frame.nonce}">(function () {
  var form = document.getElementById('pay-form');
  var button = document.getElementById('pay-button');
  var message = document.getElementById('pay-message');
  function fail(text) { message.textContent = text; button.disabled = false; }
  if (!window.PTPayment) return fail('The card fields could not be loaded. Reload the page to try again.');
  PTPayment.setup({ authorization: { clientKey: ${key} } }).then(function () { button.disabled = false; });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    button.disabled = true;
    PTPayment.validate(function (errors) {
      if (errors && errors.length) {
        return fail(errors.map(function (e) { return e.description; }).join(' '));
      }
      PTPayment.process().then(function (result) {
        form.elements.hpf_token.value = result.message.hpf_token;
        form.elements.enc_key.value = result.message.enc_key;
        message.textContent = 'Processing…';
        form.submit();
      }, function (err) {
        var reasons = (err && err.reason) || [];
        fail(reasons.length ? reasons.map(function (e) { return e.description; }).join(' ') : 'The card could not be read.');
      });
    });
  });
})();</script>`;
}

/** The receipt of a paid link. */
export function receipt(link: PayLinkView, paid: SubmissionView): string {
  const last4 =
    paid.cardLastFour === null ? '' : `<p>Card ending in ${escapeHtml(paid.cardLastFour)}</p>`;
  return `${orderSummary(link)}<div class="notice paid" data-testid="receipt">
<p><strong>Paid ${escapeHtml(formatMinor(link.amountMinor, link.currency))}.</strong> Thank you!</p>${last4}
<p>Transaction <span data-testid="transaction-id">${escapeHtml(paid.transactionId ?? '')}</span></p></div>`;
}

/** The page while the payment is being processed: it reloads itself. */
export function processing(link: PayLinkView): string {
  return `${orderSummary(link)}<div class="notice info" data-testid="processing">Your payment is being processed. This page refreshes by itself; please do not pay again.</div>`;
}

/** A page that only says what is wrong. */
export function problem(heading: string, text: string): string {
  return `<h1>${escapeHtml(heading)}</h1><p class="notice info">${escapeHtml(text)}</p>`;
}
