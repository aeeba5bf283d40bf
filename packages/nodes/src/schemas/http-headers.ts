import { z } from 'zod';

/** RFC 9110 `token`: what a header name may contain. */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Framing headers the HTTP stack owns. Letting a flow set them would desync the connection or
 * smuggle a second request, so they are refused on save instead of failing at send time.
 */
export const RESERVED_HEADERS: ReadonlySet<string> = new Set([
  'connection',
  'content-length',
  'expect',
  'host',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * A header map as users type it: name → value. Names are checked against the token grammar,
 * values may not contain line breaks (header injection), and framing headers are refused.
 */
export function headerRecord() {
  return z.record(z.string(), z.string()).superRefine((headers, issues) => {
    for (const [name, value] of Object.entries(headers)) {
      if (!HEADER_NAME.test(name)) {
        issues.addIssue({ code: 'custom', path: [name], message: 'not a valid header name' });
      } else if (RESERVED_HEADERS.has(name.toLowerCase())) {
        issues.addIssue({ code: 'custom', path: [name], message: 'set by the HTTP stack' });
      }
      if (/[\r\n\0]/.test(value)) {
        issues.addIssue({ code: 'custom', path: [name], message: 'line breaks are not allowed' });
      }
    }
  });
}
