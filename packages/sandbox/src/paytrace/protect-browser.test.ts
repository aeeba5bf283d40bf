import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaytraceSimulator } from './simulator.js';

const CHROMIUM = '/usr/bin/chromium';
const { app, handle } = createPaytraceSimulator();
let server: ReturnType<typeof serve>;
let base = '';

/** A merchant page on the same origin, so the test can type into the iframe's fields. */
function merchantPage(clientKey: string): string {
  return `<!doctype html><html><body><div id="pt_hpf_form"></div><pre id="out">pending</pre>
<script src="/protect/js/protect.min.js"></script>
<script>
PTPayment.setup({ authorization: { clientKey: ${JSON.stringify(clientKey)} } }).then(function () {
  var doc = document.querySelector('iframe').contentDocument;
  doc.getElementById('number').value = '4012000098765439';
  doc.getElementById('month').value = '12';
  doc.getElementById('year').value = '2099';
  doc.getElementById('csc').value = '999';
  return PTPayment.process();
}).then(function (r) { document.getElementById('out').textContent = JSON.stringify(r); },
        function (e) { document.getElementById('out').textContent = 'error ' + JSON.stringify(e); });
</script></body></html>`;
}

beforeAll(async () => {
  const parent = new Hono();
  parent.get('/merchant', (c) => {
    const clientKey = 'browser-test-key';
    handle.state.clientKeys.set(clientKey, handle.now() + 60_000);
    return c.html(merchantPage(clientKey));
  });
  parent.route('/', app);
  server = await new Promise((resolve) => {
    const s = serve({ fetch: parent.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe.skipIf(!existsSync(CHROMIUM))('Protect.js stand-in in a browser', () => {
  it('turns card entry in the iframe into hpf_token + enc_key', async () => {
    const dom = await new Promise<string>((resolve, reject) => {
      execFile(
        CHROMIUM,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          // No background traffic: this machine has no network beyond the test's own server.
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-quic',
          '--no-first-run',
          `--user-data-dir=${mkdtempSync(join(tmpdir(), 'pb-chromium-'))}`,
          '--virtual-time-budget=5000',
          '--dump-dom',
          `${base}/merchant`,
        ],
        { timeout: 30_000 },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      );
    });
    const out = /<pre id="out">([^<]*)<\/pre>/.exec(dom)?.[1] ?? '';
    const result = JSON.parse(out.replace(/&quot;/g, '"')) as {
      message: { hpf_token: string; enc_key: string };
    };
    expect(handle.state.protectTokens.get(result.message.hpf_token)?.encKey).toBe(
      result.message.enc_key,
    );
  }, 40_000);
});
