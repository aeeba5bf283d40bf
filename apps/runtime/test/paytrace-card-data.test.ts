/**
 * Card numbers and security codes never touch Paybridge's storage, logs or run history: after
 * keyed (browser-encrypted) and Protect.js payments, a scan of every table, every log line and
 * every API answer finds neither, while the last four digits are there to show.
 */
import { constants, publicEncrypt } from 'node:crypto';
import { startPaytraceSimulator, type RunningPaytraceSimulator } from '@paybridge/sandbox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openSql, type Sql } from '../src/db/client';
import type { RuntimeHandle } from '../src/start-runtime';
import { dumpDatabase } from './db-dump';
import { createPaytraceConnection, protectToken } from './paytrace-support';
import { call, freshDatabase, startTestRuntime, waitForRun } from './support';

// Luhn-valid test cards, one per payment; distinctive CSCs so a hit is never a coincidence.
const KEYED_CARD = '5499740000000057';
const KEYED_CSC = '7391';
const PROTECT_CARD = '6011000993026909';
const PROTECT_CSC = '8462';

let sim: RunningPaytraceSimulator;
let rt: RuntimeHandle;
let sql: Sql;
const logged: string[] = [];

beforeAll(async () => {
  sim = await startPaytraceSimulator({ port: 0 });
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logged.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    });
  }
  const dbUrl = await freshDatabase();
  sql = openSql(dbUrl, { max: 2 });
  rt = await startTestRuntime(dbUrl, {
    env: { PAYBRIDGE_PAYTRACE_SIMULATOR_URL: sim.url, PAYBRIDGE_LOG_LEVEL: 'debug' },
  });
}, 60_000);
afterAll(async () => {
  vi.restoreAllMocks();
  await rt?.stop();
  await sql?.end();
  await sim?.close();
});

/** What PayTrace's e2ee library does in the browser: encrypt with the gateway's public key. */
async function encryptForGateway(value: string): Promise<string> {
  const key = await fetch(`${sim.url}/e2ee/public-key.pem`).then((r) => r.text());
  return publicEncrypt(
    { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    Buffer.from(value),
  ).toString('base64');
}

describe('card data', () => {
  it('is nowhere in Postgres, logs or run history after keyed and Protect.js payments', async () => {
    const base = rt.url!;
    const connectionId = await createPaytraceConnection(base, { allowKeyedEntry: true });
    const flow = await call(base, 'POST', '/api/flows', {
      name: 'checkout',
      activate: true,
      graph: {
        nodes: [
          { id: 'trigger', type: 'trigger.rest', typeVersion: 1, config: { path: 'checkout' } },
          {
            id: 'route',
            type: 'branch',
            typeVersion: 1,
            config: { rules: [{ port: 'keyed', when: 'body.encrypted_number != null' }] },
          },
          {
            id: 'keyedSale',
            type: 'paytrace.sale',
            typeVersion: 1,
            config: {
              connectionId,
              source: {
                kind: 'keyed',
                encryptedNumber: '=body.encrypted_number',
                encryptedCsc: '=body.encrypted_csc',
                expirationMonth: 12,
                expirationYear: 2030,
              },
              amount: 4200,
              currency: 'USD',
            },
          },
          {
            id: 'protectSale',
            type: 'paytrace.sale',
            typeVersion: 1,
            config: {
              connectionId,
              source: { kind: 'protect', hpfToken: '=body.hpf_token', encKey: '=body.enc_key' },
              amount: 1900,
              currency: 'USD',
            },
          },
        ],
        edges: [
          { from: { node: 'trigger', port: 'out' }, to: { node: 'route', port: 'in' } },
          { from: { node: 'route', port: 'keyed' }, to: { node: 'keyedSale', port: 'in' } },
          { from: { node: 'route', port: 'default' }, to: { node: 'protectSale', port: 'in' } },
        ],
      },
    });
    expect(flow.status).toBe(201);

    const keyed = await call(
      base,
      'POST',
      '/hooks/checkout',
      {
        encrypted_number: await encryptForGateway(KEYED_CARD),
        encrypted_csc: await encryptForGateway(KEYED_CSC),
      },
      { authorization: '' },
    );
    const protect = await call(
      base,
      'POST',
      '/hooks/checkout',
      await protectToken(sim.url, { number: PROTECT_CARD, csc: PROTECT_CSC }),
      { authorization: '' },
    );
    const runs = [
      await waitForRun(base, keyed.body.runId),
      await waitForRun(base, protect.body.runId),
    ];
    const sales = runs.map((r) => r.steps.find((s: any) => s.nodeId.endsWith('Sale')));
    expect(sales.map((s) => [s.port, s.output.cardLastFour])).toEqual([
      ['approved', '0057'],
      ['approved', '6909'],
    ]);

    const dump = await dumpDatabase(sql);
    expect(dump.tables).toEqual(expect.arrayContaining(['public.run_steps', 'public.events']));
    const api = JSON.stringify([
      runs,
      (await call(base, 'GET', '/api/runs?limit=50')).body,
      (await call(base, 'GET', `/api/connections/${connectionId}`)).body,
    ]);
    const everything = [dump.text, logged.join(''), api].join('\n');
    expect(logged.join('')).toMatch(/run/); // the logs were captured at debug level
    for (const pan of [KEYED_CARD, PROTECT_CARD]) {
      expect(everything).not.toContain(pan);
      expect(everything).not.toContain(pan.replace(/(\d{4})(?=\d)/g, '$1 '));
    }
    for (const csc of [KEYED_CSC, PROTECT_CSC]) {
      expect(everything).not.toMatch(new RegExp(`(?<![0-9A-Za-z+/])${csc}(?![0-9A-Za-z+/])`));
    }
    // The simulator did get the cards (so the scan would have found a leak).
    expect([...sim.handle.state.transactions.values()].map((t) => t.card.lastFour)).toEqual(
      expect.arrayContaining(['0057', '6909']),
    );
  }, 60_000);
});
