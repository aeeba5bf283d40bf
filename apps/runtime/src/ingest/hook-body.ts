/**
 * Parsing and admission of a REST trigger request's body and stored fields. Every content type is
 * parsed into what will be stored (JSON, form fields, text; multipart stays its text) and the
 * whole stored payload (headers, query, body) passes the card-data check and the storable-text
 * check before anything is written.
 *
 * @module
 */
import { ApiError } from '../http/api-error';
import { findCardData, findCardDataInText } from './card-data-guard';
import { parseJsonText, refuseUnstorableText } from './json-text';

/** What a REST trigger stores as the event's payload. */
export interface HookPayload {
  method: string;
  path: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

/** The body as stored: JSON parsed, form fields as an object, anything else as its text. */
export function parseHookBody(raw: string, contentType: string): unknown {
  if (raw.length === 0) return null;
  if (contentType.includes('json') || (!contentType && /^\s*[[{"]/.test(raw))) {
    return parseJsonText(raw);
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
 * Refuses a REST trigger request whose stored payload would hold text Postgres cannot store
 * (400 `INVALID_JSON_TEXT`) or card data (400 `CARD_DATA_REFUSED`, naming the field, never the
 * value): headers (with `Idempotency-Key`), query, structured bodies by field name, and text
 * bodies (plain, XML, multipart fields and files) by the words around a number.
 */
export async function admitHookPayload(
  payload: HookPayload,
  rawBody: Buffer,
  contentType: string,
): Promise<void> {
  refuseUnstorableText(payload.headers, 'headers');
  refuseUnstorableText(payload.query, 'query');
  refuseUnstorableText(payload.body, 'body');
  const field = findCardData(
    { headers: payload.headers, query: payload.query, body: payload.body },
    '',
  );
  if (field) throw refused(`Field ${field}`);
  if (typeof payload.body !== 'string') return;
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
  const found = findCardDataInText(payload.body);
  if (found) throw refused(`The request body (${found})`);
}
