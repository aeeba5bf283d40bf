import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BusinessError, PermanentError, TransientError } from './errors';
import { ExpressionError } from './expressions';
import {
  DEFAULT_RETRY_POLICY,
  classifyError,
  resolveRetryPolicy,
  retryDelayMs,
} from './retry-policy';

describe('resolveRetryPolicy', () => {
  it('returns the defaults without overrides', () => {
    expect(resolveRetryPolicy()).toEqual({
      maxAttempts: 5,
      initialDelayMs: 1000,
      backoffFactor: 2,
      maxDelayMs: 300_000,
      jitter: 0.2,
      retryOn: ['transient'],
    });
  });

  it('applies the type override, then the node override, skipping undefined fields', () => {
    const policy = resolveRetryPolicy(
      { maxAttempts: 3, initialDelayMs: 5000, retryOn: ['transient', 'business'] },
      { maxAttempts: 2, initialDelayMs: undefined },
    );
    expect(policy).toMatchObject({
      maxAttempts: 2,
      initialDelayMs: 5000,
      retryOn: ['transient', 'business'],
    });
  });

  it('never lets a caller mutate the shared defaults', () => {
    const policy = resolveRetryPolicy();
    policy.retryOn.push('business');
    expect(DEFAULT_RETRY_POLICY.retryOn).toEqual(['transient']);
  });
});

describe('retryDelayMs', () => {
  const noJitter = () => 0;

  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [9, 256_000],
    [10, 300_000],
    [40, 300_000],
  ])('after attempt %i waits %i ms (exponential, capped at maxDelayMs)', (attempt, expected) => {
    expect(retryDelayMs(resolveRetryPolicy(), attempt, noJitter)).toBe(expected);
  });

  it.each([
    [0, 8000],
    [0.5, 7200],
    [1, 6400],
  ])('jitter with random()=%d stays within [80%%, 100%%] of the delay', (r, expected) => {
    expect(retryDelayMs(resolveRetryPolicy(), 4, () => r)).toBe(expected);
  });

  it('keeps every jittered delay within bounds, even at the cap', () => {
    const policy = resolveRetryPolicy();
    for (let i = 0; i < 200; i++) {
      const d = retryDelayMs(policy, 12);
      expect(d).toBeGreaterThanOrEqual(240_000);
      expect(d).toBeLessThanOrEqual(300_000);
    }
  });

  it.each([
    ['raises the delay to Retry-After', 1, 30_000, 30_000],
    ['honours Retry-After above the cap', 12, 600_000, 600_000],
    ['keeps the backoff when it is longer', 4, 500, 8000],
  ])('%s', (_label, attempt, retryAfter, expected) => {
    expect(retryDelayMs(resolveRetryPolicy(), attempt, noJitter, retryAfter)).toBe(expected);
  });
});

describe('classifyError', () => {
  it('keeps the class, code and details of node errors', () => {
    expect(
      classifyError(new TransientError('THROTTLED', 'slow down', { details: { bucket: 40 } })),
    ).toEqual({
      errorClass: 'transient',
      code: 'THROTTLED',
      message: 'slow down',
      details: { bucket: 40 },
    });
    expect(classifyError(new BusinessError('DECLINED', 'declined'))).toMatchObject({
      errorClass: 'business',
      code: 'DECLINED',
    });
    expect(classifyError(new PermanentError('BAD', 'bad'))).toMatchObject({
      errorClass: 'permanent',
      code: 'BAD',
    });
  });

  it('treats expression errors as permanent, keeping their code', () => {
    const err = new ExpressionError('EXPRESSION_TIMEOUT', 'took too long', 3);
    expect(classifyError(err)).toMatchObject({
      errorClass: 'permanent',
      code: 'EXPRESSION_TIMEOUT',
    });
  });

  it('treats zod errors as permanent, with the caller-chosen code and field paths', () => {
    const result = z.object({ amount: z.number() }).safeParse({ amount: 'x' });
    const classified = classifyError(result.error, { zodCode: 'OUTPUT_INVALID' });
    expect(classified).toMatchObject({ errorClass: 'permanent', code: 'OUTPUT_INVALID' });
    expect(classified.message).toContain('amount');
    expect(classified.details).toEqual({
      issues: [expect.objectContaining({ path: ['amount'], code: 'invalid_type' })],
    });
  });

  const withCode = (code: string) => Object.assign(new Error(`socket ${code}`), { code });
  const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });

  it.each([
    ['fetch failed', new TypeError('fetch failed'), 'NETWORK_ERROR'],
    ['ECONNRESET', withCode('ECONNRESET'), 'NETWORK_ERROR'],
    ['ECONNREFUSED inside fetch', fetchFailed(withCode('ECONNREFUSED')), 'NETWORK_ERROR'],
    ['ETIMEDOUT', withCode('ETIMEDOUT'), 'NETWORK_ERROR'],
    ['EAI_AGAIN', withCode('EAI_AGAIN'), 'NETWORK_ERROR'],
    ['undici socket error', fetchFailed(withCode('UND_ERR_SOCKET')), 'NETWORK_ERROR'],
    [
      'AbortSignal.timeout',
      new DOMException('The operation timed out.', 'TimeoutError'),
      'TIMEOUT',
    ],
    ['AbortError from a timeout', new DOMException('Request timed out', 'AbortError'), 'TIMEOUT'],
  ])('treats %s as transient', (_label, err, code) => {
    expect(classifyError(err)).toMatchObject({ errorClass: 'transient', code });
  });

  it.each([
    ['a plain Error', new Error('kaboom')],
    ['a TypeError from a bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    [
      'an abort that is not a timeout',
      new DOMException('This operation was aborted', 'AbortError'),
    ],
    ['a thrown string', 'kaboom'],
  ])('treats %s as permanent UNEXPECTED', (_label, err) => {
    expect(classifyError(err)).toMatchObject({ errorClass: 'permanent', code: 'UNEXPECTED' });
  });

  it('redacts card numbers from message and details', () => {
    const err = new BusinessError('DECLINED', 'Card 4111111111111111 declined', {
      details: { echo: { cc: '4111111111111111' } },
    });
    expect(classifyError(err)).toEqual({
      errorClass: 'business',
      code: 'DECLINED',
      message: 'Card ************1111 declined',
      details: { echo: { cc: '************1111' } },
    });
    expect(classifyError(new Error('bad input 5555555555554444')).message).toBe(
      'bad input ************4444',
    );
  });
});
