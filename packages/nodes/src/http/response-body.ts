/** `application/json`, `application/problem+json`, `text/json` and friends. */
const JSON_TYPE = /^(?:application|text)\/(?:[\w.-]+\+)?json(?:\s*;|$)/i;

/** The decoded body, and whether it was meant as JSON but did not parse. */
export interface DecodedBody {
  value: unknown;
  invalidJson: boolean;
}

/**
 * Turns response bytes into what a flow works with: parsed JSON for JSON content types, UTF-8 text
 * otherwise, `null` for an empty body. JSON that does not parse is returned as text (flagged), so
 * an error page served with the wrong content type still reaches the operator readable.
 */
export function decodeBody(bytes: Buffer, contentType: string | undefined): DecodedBody {
  if (bytes.length === 0) return { value: null, invalidJson: false };
  const text = new TextDecoder('utf-8').decode(bytes);
  if (contentType === undefined || !JSON_TYPE.test(contentType.trim())) {
    return { value: text, invalidJson: false };
  }
  try {
    return { value: JSON.parse(text) as unknown, invalidJson: false };
  } catch {
    return { value: text, invalidJson: true };
  }
}
