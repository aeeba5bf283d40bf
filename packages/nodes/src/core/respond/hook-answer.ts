import {
  answerHeaderProblem,
  contentTypeProblem,
  DOWNLOAD_FILENAME,
  findContentType,
  inferFormat,
  type RespondFormat,
} from './answer-rules';
import { HEADER_NAME, RESERVED_HEADERS } from '../../schemas/http-headers';

/** What the runtime writes to the caller of a sync REST trigger. */
export interface HookAnswer {
  status: number;
  headers: Record<string, string>;
  /** Null for the statuses that carry no body (204, 205, 304). */
  body: string | null;
}

/** Statuses whose answers have no body; HTTP refuses to send one with them. */
const NO_BODY = new Set([204, 205, 304]);

/**
 * Headers every hook answer carries: the browser treats the answer as coming from a unique,
 * script-less origin (so even an answer opened as a page reaches nothing of the app) and never
 * guesses another type than the declared one.
 */
export const HOOK_ANSWER_SECURITY_HEADERS = {
  'Content-Security-Policy': "sandbox; default-src 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
} as const;

/** The `Content-Disposition` of a download named `filename` (`download` when unusable). */
export function attachment(filename: string | undefined): string {
  const name = filename !== undefined && DOWNLOAD_FILENAME.test(filename) ? filename : 'download';
  const ascii = name.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Turns a respond step's output into the answer sent to the caller. The config was checked on
 * save, but an expression can produce anything at run time and runs saved before these rules
 * exist: so this is the defence in depth, stripping every header a flow may not set, choosing a
 * type among JSON, plain text and download (never a page or a script) and adding the sandbox
 * headers, whatever the output says.
 */
export function hookAnswer(response: {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
  format?: RespondFormat;
  filename?: string;
}): HookAnswer {
  const given = response.headers ?? {};
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) {
    if (!HEADER_NAME.test(name) || typeof value !== 'string' || /[\r\n\0]/.test(value)) continue;
    const lower = name.toLowerCase();
    if (
      RESERVED_HEADERS.has(lower) ||
      lower === 'content-type' ||
      answerHeaderProblem(name) !== null
    )
      continue;
    headers[name] = value;
  }
  const declared = findContentType(given);
  // The run keeps only status, headers and body: a download is known by its attachment header.
  const disposition = Object.entries(given).find(
    ([k]) => k.toLowerCase() === 'content-disposition',
  );
  const download = disposition !== undefined && /^\s*attachment\b/i.test(disposition[1]);
  const format = response.format ?? (download ? 'download' : inferFormat(response.body, declared));
  const filename = response.filename ?? (download ? filenameOf(disposition[1]) : undefined);
  const usable =
    declared !== undefined && contentTypeProblem(declared, format) === null ? declared : undefined;
  const { body } = response;
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
  if (format === 'json') {
    headers['Content-Type'] = usable ?? 'application/json; charset=utf-8';
    // A string that already is JSON (a pre-built document) goes as it is, not quoted again.
    const json = typeof body === 'string' && isJson(body) ? body : JSON.stringify(body ?? null);
    return withoutBody({ status: response.status, headers: secured(headers), body: json });
  }
  if (format === 'text') {
    headers['Content-Type'] = usable ?? 'text/plain; charset=utf-8';
  } else {
    headers['Content-Type'] = usable ?? 'application/octet-stream';
    headers['Content-Disposition'] = attachment(filename);
  }
  return withoutBody({ status: response.status, headers: secured(headers), body: text });
}

function filenameOf(disposition: string): string | undefined {
  const encoded = /filename\*=UTF-8''([^;\s]+)/i.exec(disposition)?.[1];
  if (encoded === undefined) return /filename="([^"]*)"/i.exec(disposition)?.[1];
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function secured(headers: Record<string, string>): Record<string, string> {
  return { ...headers, ...HOOK_ANSWER_SECURITY_HEADERS };
}

function withoutBody(answer: HookAnswer): HookAnswer {
  return NO_BODY.has(answer.status) ? { ...answer, body: null } : answer;
}
