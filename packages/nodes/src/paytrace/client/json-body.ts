/**
 * Reads an answer body as a JSON object. PayTrace sends JSON with errors, declines and refusals
 * under statuses that are not all documented (200, 400, 401, 402 all plausible), so the body is
 * parsed whatever the status and whatever the content type claims.
 *
 * @module
 */

/** The body as a JSON object, or `undefined` when it is empty, not JSON, or not an object. */
export function jsonObject(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
