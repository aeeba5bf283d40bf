/**
 * What a PayTrace answer means: approved, declined (a business outcome with a reason), or refused
 * (validation: nothing happened). Decided from the body alone, never from the HTTP status, which
 * is undocumented for declines and errors.
 *
 * @module
 */
import {
  PaytraceOutcomeUnknownError,
  PaytraceRefusedError,
  type PaytraceErrorEntry,
} from './errors';
import type { PaytraceEnvelope } from './wire/answers';

/** Codes of successful operations (4.1 of the API facts). */
const APPROVED_CODES = new Set([101, 106, 109, 112, 120, 122, 124, 149, 160, 161, 162, 170]);
/**
 * Codes of business failures: 102 declined, 103 approved then auto-voided by PayTrace (money did
 * not move, so it counts as a decline), 107/110/113 refund/void/capture "not successful", 125 check.
 */
const DECLINED_CODES = new Set([102, 103, 107, 110, 113, 125]);

/** An answer's meaning. */
export type AnswerVerdict<A> =
  | { readonly kind: 'approved'; readonly answer: A }
  | { readonly kind: 'declined'; readonly answer: A; readonly reason: string }
  | { readonly kind: 'refused'; readonly error: PaytraceRefusedError };

/** The `errors` object as entries with numeric codes. */
export function errorEntries(errors: PaytraceEnvelope['errors']): PaytraceErrorEntry[] {
  return Object.entries(errors ?? {}).map(([key, messages]) => ({
    code: /^\d+$/.test(key) ? Number(key) : null,
    messages: (Array.isArray(messages) ? messages : [messages]).map((m) => m.trim()),
  }));
}

/**
 * Why a payment was declined, in PayTrace's words: the processor's `approval_message` (trimmed of
 * its padding), or for 103 the status message that explains the auto-void.
 */
export function declineReason(
  answer: PaytraceEnvelope & { approval_message?: string },
  code: number | undefined,
): string {
  const approval = (answer.approval_message ?? '').trim();
  const status = answer.status_message.trim();
  if (code === 103) return status || 'Approved, then voided by PayTrace (AVS/CSC auto-void)';
  return approval || status || `Declined (response code ${code ?? 'none'})`;
}

/**
 * Classifies an answer. An answer without `success` or `response_code` cannot be read as any
 * outcome, so it throws {@link PaytraceOutcomeUnknownError}: for a payment, something may have
 * happened.
 */
export function classifyAnswer<A extends PaytraceEnvelope & { approval_message?: string }>(
  answer: A,
): AnswerVerdict<A> {
  const code = answer.response_code;
  if (answer.error !== undefined) {
    const message = answer.error_description?.trim() || answer.error;
    return {
      kind: 'refused',
      error: new PaytraceRefusedError([{ code: null, messages: [message] }], message),
    };
  }
  const errors = errorEntries(answer.errors);
  if (errors.length > 0) {
    return { kind: 'refused', error: new PaytraceRefusedError(errors, answer.status_message) };
  }
  if (code !== undefined && DECLINED_CODES.has(code)) {
    return { kind: 'declined', answer, reason: declineReason(answer, code) };
  }
  if ((code !== undefined && APPROVED_CODES.has(code)) || answer.success === true) {
    return { kind: 'approved', answer };
  }
  if (answer.success === false) {
    if (code === 1 || code === undefined) {
      const message = answer.status_message.trim() || 'PayTrace refused the request';
      return {
        kind: 'refused',
        error: new PaytraceRefusedError([{ code: null, messages: [message] }], message),
      };
    }
    return { kind: 'declined', answer, reason: declineReason(answer, code) };
  }
  throw new PaytraceOutcomeUnknownError(
    'PAYTRACE_ANSWER_UNREADABLE',
    'PayTrace answered without success or response code; the request may have been processed',
  );
}
