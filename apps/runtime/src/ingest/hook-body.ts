/**
 * Parsing and admission of an http-channel trigger request, the same for every kind. Every
 * content type is parsed into what a kind may store (JSON, form fields, text; multipart stays its
 * text), and the whole event the kind made of it passes the card-data check and the
 * storable-text check before anything is written.
 *
 * @module
 */
import { ApiError } from '../http/api-error';
import { findCardData, findCardDataInText, findStoredValueProblem } from './card-data-guard';
import { invalidTextAt, parseJsonText } from './json-text';

/**
 * The body as stored: JSON parsed, form fields as an object, anything else as its text. Its
 * text is checked with the rest of the event by {@link admitHookEvent}, in the same walk.
 */
export function parseHookBody(raw: string, contentType: string): unknown {
  if (raw.length === 0) return null;
  if (contentType.includes('json') || (!contentType && /^\s*[[{"]/.test(raw))) {
    return parseJsonText(raw, JSON.parse, false);
  }
  if (contentType.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  return raw;
}

const REFUSAL_HINT =
  'Paybridge never stores card numbers or security codes. Send a PayTrace vault customer id or a Protect.js token instead';

function refused(where: string): ApiError {
  return new ApiError(400, 'CARD_DATA_REFUSED', `${where} holds card data; ${REFUSAL_HINT}`);
}

/** Fields and file texts of a multipart body, for the card check (the stored body is its text). */
async function multipartParts(
  raw: Buffer,
  contentType: string,
): Promise<{ fields: Record<string, string[]>; texts: string[] } | null> {
  try {
    const form = await new Response(new Uint8Array(raw), {
      headers: { 'content-type': contentType },
    }).formData();
    const fields: Record<string, string[]> = {};
    const texts: string[] = [];
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') (fields[name] ??= []).push(value);
      else texts.push(await value.text());
    }
    return { fields, texts };
  } catch {
    return null;
  }
}

/**
 * Refuses an http-channel request whose event (what its kind will store) holds text Postgres
 * cannot store (400 `INVALID_JSON_TEXT`) or card data (400 `CARD_DATA_REFUSED`, naming the field,
 * never the value): every field by its name (headers with `Idempotency-Key`, query, structured
 * bodies), and a body that stayed text (plain, XML, multipart fields and files) by the words
 * around a number, whether or not the kind keeps it.
 */
export async function admitHookEvent(
  event: unknown,
  body: unknown,
  rawBody: Buffer,
  contentType: string,
): Promise<void> {
  // One walk for both rules: a large body is the ingress's main cost on the event loop.
  const problem = findStoredValueProblem(event, '');
  if (problem?.type === 'text') throw invalidTextAt(problem);
  if (problem) throw refused(`Field ${problem.path}`);
  if (typeof body !== 'string') return;
  if (/multipart\/form-data/i.test(contentType)) {
    const parts = await multipartParts(rawBody, contentType);
    if (parts) {
      const partField = findCardData(parts.fields, 'body');
      if (partField) throw refused(`Form field ${partField.replace(/\.\d+$/, '')}`);
      for (const text of parts.texts) {
        const found = findCardDataInText(text);
        if (found) throw refused(`An uploaded file (${found})`);
      }
    }
  }
  const found = findCardDataInText(body);
  if (found) throw refused(`The request body (${found})`);
}
