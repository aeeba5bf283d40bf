import { describe, expect, it } from 'vitest';
import { describeStepError } from './step-error';

describe('describeStepError', () => {
  it('reads code, message and the HTTP exchange of a connector failure', () => {
    const view = describeStepError({
      errorClass: 'transient',
      code: 'HTTP_503',
      message: 'api.paytrace.com answered 503',
      details: { status: 503, body: { error: 'busy' } },
    });
    expect(view).toMatchObject({
      code: 'HTTP_503',
      message: 'api.paytrace.com answered 503',
      errorClass: 'transient',
      http: { status: 503, body: { error: 'busy' } },
      details: null,
    });
  });
  it('keeps other details and tolerates non-object errors', () => {
    expect(
      describeStepError({ code: 'VALIDATION_FAILED', message: 'bad', details: { issues: [] } }),
    ).toMatchObject({ http: null, details: { issues: [] } });
    expect(describeStepError('boom')?.message).toBe('boom');
    expect(describeStepError(null)).toBeNull();
  });
});
