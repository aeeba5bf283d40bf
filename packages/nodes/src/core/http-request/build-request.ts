import type { OutboundRequest } from '../../http/send-request';
import type { HttpRequestConfig } from './definition';

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

/** `headers` with `name` set to `value` unless the user set that header (any case) already. */
export function withHeaderDefault(
  headers: Record<string, string>,
  name: string,
  value: string,
): Record<string, string> {
  return hasHeader(headers, name) ? headers : { ...headers, [name]: value };
}

/**
 * Turns the node's config into a wire request: query parameters are appended to any the URL
 * already has, objects and arrays (and numbers, booleans) go out as JSON, strings as text, and a
 * content type is added only when the user did not set one. `null` and absent mean "no body".
 */
export function buildRequest(config: HttpRequestConfig): OutboundRequest {
  const url = new URL(config.url);
  for (const [name, value] of Object.entries(config.query)) url.searchParams.append(name, value);

  const headers: Record<string, string> = { ...config.headers };
  if (!hasHeader(headers, 'user-agent')) headers['user-agent'] = 'Paybridge';
  if (config.body === undefined || config.body === null) {
    return { method: config.method, url, headers };
  }
  const isText = typeof config.body === 'string';
  if (!hasHeader(headers, 'content-type')) {
    headers['content-type'] = isText ? 'text/plain; charset=utf-8' : 'application/json';
  }
  const body = isText ? (config.body as string) : JSON.stringify(config.body);
  return { method: config.method, url, headers, body };
}
