/**
 * Test support: a simulator on a random local port with helpers that talk to it over real HTTP
 * (GraphQL with the demo token, the admin API), and a webhook receiver whose answers a test can
 * script (status, delay) and which keeps every request's raw bytes.
 * @module
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SHOPIFY_DEMO_CREDENTIALS } from './simulator.js';
import { startShopifySimulator, type StartShopifySimulatorOptions } from './start.js';
import { calendarVersions } from './core/api-versions.js';

/** An HTTP answer: status, parsed JSON (or `null`), raw text, headers. */
export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read JSON answers freely
  body: any;
  text: string;
  headers: Headers;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: response.status, body, text, headers: response.headers };
}

/** The stable API version Shopify's calendar makes current today (what tests ask for by default). */
export const CURRENT_VERSION = calendarVersions(Date.now())[3]!;

/** Starts a simulator and returns helpers bound to it. */
export async function startShop(options: StartShopifySimulatorOptions = {}) {
  const sim = await startShopifySimulator(options);
  const defaultToken = SHOPIFY_DEMO_CREDENTIALS.accessTokens[0]!;
  /** POSTs a GraphQL request to `/admin/api/{version}/graphql.json`. */
  const gql = async (
    query: string,
    variables?: Record<string, unknown>,
    opts: { token?: string | null; version?: string } = {},
  ): Promise<Answer> => {
    const token = opts.token === undefined ? defaultToken : opts.token;
    const response = await fetch(
      `${sim.url}/admin/api/${opts.version ?? CURRENT_VERSION}/graphql.json`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { 'x-shopify-access-token': token } : {}),
        },
        body: JSON.stringify({ query, variables }),
      },
    );
    return answer(response);
  };
  /** Calls the admin API. */
  const admin = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${sim.url}/__admin${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return answer(response);
  };
  return { sim, gql, admin, close: () => sim.close() };
}

/** One request a receiver got. */
export interface Received {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- webhook bodies are free JSON
  json: any;
  at: number;
}

/** How a receiver answers its n-th request (0-based). */
export type ReceiverScript = (
  index: number,
  request: Received,
) => { status?: number; delayMs?: number };

/** Starts a webhook receiver on 127.0.0.1. */
export async function startReceiver(script: ReceiverScript = () => ({ status: 200 })) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        json = null;
      }
      const request = { headers: req.headers, raw, json, at: Date.now() };
      const { status = 200, delayMs = 0 } = script(received.length, request);
      received.push(request);
      setTimeout(() => {
        res.statusCode = status;
        res.end('ok');
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
