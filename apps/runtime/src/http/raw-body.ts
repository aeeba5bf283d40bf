import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { ApiError } from './api-error';

interface NodeBindings {
  incoming?: IncomingMessage;
}

function tooLarge(limit: number): ApiError {
  return new ApiError(413, 'PAYLOAD_TOO_LARGE', `Request body exceeds the ${limit}-byte limit`);
}

/**
 * Reads the request body as raw bytes, refusing more than `limit`. Signature checks need the
 * exact bytes, and on the ingress hot path reading Node's stream directly avoids the cost of
 * the web-stream adapter; elsewhere (tests through `app.request`) the standard body is used.
 */
export async function readRawBody(c: Context, limit: number): Promise<Buffer> {
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const incoming = (c.env as NodeBindings | undefined)?.incoming;
  if (incoming && !incoming.readableEnded) {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of incoming) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (size > limit) {
        incoming.resume();
        throw tooLarge(limit);
      }
      chunks.push(buf);
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
  }
  const buf = Buffer.from(await c.req.arrayBuffer());
  if (buf.length > limit) throw tooLarge(limit);
  return buf;
}

/** Request headers as a lower-cased record, straight from Node when serving over HTTP. */
export function requestHeaders(c: Context): Record<string, string> {
  const incoming = (c.env as NodeBindings | undefined)?.incoming;
  if (!incoming) return c.req.header();
  const out: Record<string, string> = {};
  const h: IncomingHttpHeaders = incoming.headers;
  for (const k in h) {
    const v = h[k];
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}
