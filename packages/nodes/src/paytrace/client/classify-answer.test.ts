import { describe, expect, it } from 'vitest';
import { classifyAnswer } from './classify-answer';
import { TransactionAnswer } from './wire/answers';

const read = (body: Record<string, unknown>) => TransactionAnswer.parse(body);

describe('classifyAnswer', () => {
  it('approves 101, 106, 109 and 112 with their transaction ids as strings', () => {
    for (const code of [101, 106, 109, 112]) {
      const verdict = classifyAnswer(
        read({ success: true, response_code: code, transaction_id: 125391271 }),
      );
      expect(verdict).toMatchObject({ kind: 'approved', answer: { transaction_id: '125391271' } });
    }
  });

  it('declines 102 with the processor text trimmed of its padding', () => {
    const verdict = classifyAnswer(
      read({
        success: false,
        response_code: 102,
        status_message: 'Your transaction was not approved.',
        transaction_id: 392501201,
        approval_message: '    DECLINE - Do not honor',
      }),
    );
    expect(verdict).toMatchObject({ kind: 'declined', reason: 'DECLINE - Do not honor' });
  });

  it('counts an auto-void (103) as a decline although PayTrace says success', () => {
    const verdict = classifyAnswer(
      read({
        success: true,
        response_code: 103,
        status_message: 'Approved, but voided: AVS mismatch.',
        approval_message: '  NO  MATCH - Approved and completed',
      }),
    );
    expect(verdict).toMatchObject({
      kind: 'declined',
      reason: 'Approved, but voided: AVS mismatch.',
    });
  });

  it('refuses with numeric error codes and all their messages', () => {
    const verdict = classifyAnswer(
      read({
        success: false,
        response_code: 1,
        status_message: 'One or more errors has occurred.',
        errors: { '35': ['Please provide a valid Credit Card Number.'], '43': ['Bad month.'] },
      }),
    );
    expect(verdict.kind).toBe('refused');
    if (verdict.kind !== 'refused') return;
    expect(verdict.error.errors).toEqual([
      { code: 35, messages: ['Please provide a valid Credit Card Number.'] },
      { code: 43, messages: ['Bad month.'] },
    ]);
    expect(verdict.error.has(43)).toBe(true);
    expect(verdict.error.message).toContain('35: Please provide a valid Credit Card Number.');
  });

  it('refuses OAuth-style errors with their description', () => {
    const verdict = classifyAnswer(
      read({ error: 'insufficient_scope', error_description: ' No. ' }),
    );
    expect(verdict).toMatchObject({
      kind: 'refused',
      error: { errors: [{ code: null, messages: ['No.'] }] },
    });
  });

  it('takes an answer with neither success nor response code as an unknown outcome', () => {
    expect(() => classifyAnswer(read({ transaction_id: 1 }))).toThrow(
      expect.objectContaining({ code: 'PAYTRACE_ANSWER_UNREADABLE', errorClass: 'transient' }),
    );
  });
});
