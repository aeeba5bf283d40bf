/**
 * What a hook answer may be. A sync REST flow answers from the runtime's own origin, where the
 * editor and its session live: an answer that the browser renders (HTML, SVG, XML) or runs
 * (JavaScript), or that sets cookies, redirects or loosens the security headers, would let
 * whoever edits a flow attack whoever opens its URL. So an answer is JSON, plain text or a
 * declared download, and the headers that steer the browser belong to the app. The same rules
 * refuse a config on save and strip an answer at run time.
 * @module
 */

/** How the answer's body is sent. */
export const RESPOND_FORMATS = ['json', 'text', 'download'] as const;
/** How the answer's body is sent. */
export type RespondFormat = (typeof RESPOND_FORMATS)[number];

/**
 * Headers a flow may never set on a hook answer: cookies, redirects and auth prompts, the
 * security policy headers, and headers that make the browser fetch, cache or report elsewhere.
 */
const APP_HEADERS = new Set([
  'set-cookie',
  'set-cookie2',
  'location',
  'refresh',
  'www-authenticate',
  'content-security-policy',
  'content-security-policy-report-only',
  'x-content-type-options',
  'x-frame-options',
  'x-xss-protection',
  'strict-transport-security',
  'referrer-policy',
  'permissions-policy',
  'feature-policy',
  'cross-origin-opener-policy',
  'cross-origin-embedder-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'access-control-allow-credentials',
  'clear-site-data',
  'service-worker-allowed',
  'link',
  'alt-svc',
  'nel',
  'report-to',
  'reporting-endpoints',
  'content-disposition',
]);

/** Why a flow may not set this answer header, or null when it may. */
export function answerHeaderProblem(name: string): string | null {
  const lower = name.toLowerCase();
  if (lower === 'content-disposition') {
    return `"${name}" is set by the answer's format: choose the format "download" and a file name`;
  }
  if (APP_HEADERS.has(lower)) {
    return `"${name}" cannot be set by a hook answer: cookies, redirects and security headers belong to the app`;
  }
  return null;
}

/** JSON media types (`application/json`, `application/problem+json`, …). */
const JSON_TYPE = /^application\/([a-z0-9.!#$&^_-]+\+)?json$/;
/** Text the browser shows as text and never runs. */
const TEXT_TYPES = new Set(['text/plain', 'text/csv', 'text/tab-separated-values']);
/**
 * Types a browser renders as a document or runs as code; refused even for downloads, since a
 * download's type is what a browser falls back to when it ignores the attachment.
 */
const ACTIVE_TYPE =
  /(^text\/html$)|(^application\/xhtml\+xml$)|(^image\/svg\+xml$)|(xml$)|(javascript|ecmascript|jscript|livescript)|(^text\/css$)|(^multipart\/)|(^text\/vtt$)|(^application\/x-shockwave-flash$)/;

/** `Text/HTML; charset=utf-8` → `text/html`. */
export function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * Why this Content-Type cannot go with the format, or null when it can. JSON answers carry a
 * JSON type, text answers a plain text type, downloads any type that is not a document or code.
 */
export function contentTypeProblem(contentType: string, format: RespondFormat): string | null {
  const type = mediaType(contentType);
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type)) {
    return `Content-Type "${contentType}" is not a media type such as application/json`;
  }
  if (ACTIVE_TYPE.test(type)) {
    return `Content-Type "${type}" is not allowed: a hook answers JSON, plain text or a download, never a page or a script`;
  }
  if (format === 'json' && !JSON_TYPE.test(type)) {
    return `Content-Type "${type}" does not match the format "json": use application/json, or choose the format "text" or "download"`;
  }
  if (format === 'text' && !TEXT_TYPES.has(type)) {
    return `Content-Type "${type}" does not match the format "text": use text/plain, or choose the format "download"`;
  }
  return null;
}

/** The format of an answer that did not declare one: text for a string body, else JSON. */
export function inferFormat(
  body: unknown,
  contentType: string | undefined,
): Exclude<RespondFormat, 'download'> {
  if (contentType !== undefined) {
    const type = mediaType(contentType);
    if (JSON_TYPE.test(type)) return 'json';
    if (TEXT_TYPES.has(type)) return 'text';
  }
  return typeof body === 'string' ? 'text' : 'json';
}

/** The Content-Type header among `headers`, whatever its case. */
export function findContentType(headers: Record<string, string>): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'content-type') return value;
  }
  return undefined;
}

/** A download's file name: printable, no path, no quotes; at most 200 characters. */
// eslint-disable-next-line no-control-regex -- control characters are what it refuses
export const DOWNLOAD_FILENAME = /^[^\\/"\0-\x1f\x7f]{1,200}$/;
