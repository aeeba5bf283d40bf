import { describe, expect, it } from 'vitest';
import { describeStepError } from './step-error';

describe('describeStepError', () => {
  it('reads code, class, message and details of a stored step error', () => {
    expect(
      describeStepError({
        errorClass: 'permanent',
        code: 'VALIDATION_FAILED',
        message: 'Validation failed: amount: expected integer',
        details: { issues: [{ path: ['amount'] }] },
      }),
    ).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'Validation failed: amount: expected integer',
      errorClass: 'permanent',
      details: { issues: [{ path: ['amount'] }] },
    });
  });
  it('tolerates errors that are not objects, and no error', () => {
    expect(describeStepError('boom')).toMatchObject({ code: null, message: 'boom' });
    expect(describeStepError(null)).toBeNull();
  });
});
