/**
 * QuickBooks Online's Fault envelope as ERP errors. A ValidationFault is the document's fault
 * (permanent), except Stale Object (5010) which the client retries after re-reading; a missing
 * reference (610, 2500) is not-found; AuthenticationFault means reconnect; 429 and SystemFault
 * are transient.
 *
 * @module
 */
import { ErpError } from '../errors';

/** One error of a Fault. */
export interface QboFaultError {
  Message?: string;
  Detail?: string;
  code?: string;
  element?: string;
}

/** The Fault of an answer body, if it has one. */
export function faultOf(body: unknown): { type: string; errors: QboFaultError[] } | null {
  const fault = (body as { Fault?: { type?: unknown; Error?: unknown } } | null)?.Fault;
  if (!fault) return null;
  return {
    type: typeof fault.type === 'string' ? fault.type : 'Unknown',
    errors: Array.isArray(fault.Error) ? (fault.Error as QboFaultError[]) : [],
  };
}

/** Whether a fault is QuickBooks' optimistic-concurrency refusal. */
export function isStale(body: unknown): boolean {
  return faultOf(body)?.errors.some((e) => e.code === '5010') ?? false;
}

/** Whether a fault is the duplicate-DocNumber refusal. */
export function isDuplicateDocNumber(body: unknown): boolean {
  return faultOf(body)?.errors.some((e) => e.code === '6140') ?? false;
}

/** The ERP error for a failed answer. */
export function faultToError(status: number, body: unknown, retryAfterMs?: number): ErpError {
  const fault = faultOf(body);
  const first = fault?.errors[0];
  const text = first
    ? `QuickBooks ${fault!.type} ${first.code ?? ''}: ${first.Message ?? ''}${first.Detail ? ` (${first.Detail})` : ''}`
    : `QuickBooks answered HTTP ${status}`;
  const code = `QBO_${first?.code ?? status}`;
  const options = retryAfterMs === undefined ? {} : { retryAfterMs };
  if (status === 429 || fault?.type === 'ThrottleExceeded') {
    return new ErpError('transient', 'QBO_THROTTLED', text, options);
  }
  if (status === 401 || fault?.type === 'AuthenticationFault') {
    return new ErpError('auth', code, text);
  }
  if (status === 403 || fault?.type === 'AuthorizationFault')
    return new ErpError('auth', code, text);
  if (status >= 500 || fault?.type === 'SystemFault')
    return new ErpError('transient', code, text, options);
  if (first?.code === '610' || first?.code === '2500') return new ErpError('not-found', code, text);
  if (first?.code === '6140') return new ErpError('conflict', code, text);
  return new ErpError('validation', code, text);
}
