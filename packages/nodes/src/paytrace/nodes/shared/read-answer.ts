/**
 * Reading the answer of a report call: PayTrace's refusal (an unknown batch, a bad date) fails the
 * step with its codes; anything else is the data.
 *
 * @module
 */
import { PermanentError } from '@paybridge/engine';
import { classifyAnswer } from '../../client/classify-answer';
import type { PaytraceEnvelope } from '../../client/wire/answers';

/** Returns the answer when PayTrace completed the request; throws its refusal otherwise. */
export function completed<A extends PaytraceEnvelope>(answer: A): A {
  const verdict = classifyAnswer(answer);
  if (verdict.kind === 'refused') throw verdict.error;
  if (verdict.kind === 'declined') {
    throw new PermanentError(
      'PAYTRACE_REPORT_FAILED',
      `PayTrace did not report: ${verdict.reason}`,
    );
  }
  return answer;
}
