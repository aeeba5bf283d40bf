import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BusinessError, PermanentError, TransientError } from './errors';
import { ExpressionError } from './expressions';
import {
  DEFAULT_RETRY_POLICY,
  classifyError,
  isDatabaseUnavailable,
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

  const postgresError = (code: string, message: string) =>
    Object.assign(new Error(message), { name: 'PostgresError', code, severity: 'FATAL' });

  it.each([
    ['postgres.js CONNECTION_CLOSED', withCode('CONNECTION_CLOSED')],
    ['postgres.js CONNECTION_ENDED', withCode('CONNECTION_ENDED')],
    ['postgres.js CONNECT_TIMEOUT', withCode('CONNECT_TIMEOUT')],
    [
      '57P01 admin_shutdown',
      postgresError('57P01', 'terminating connection due to administrator command'),
    ],
    ['57P03 cannot_connect_now', postgresError('57P03', 'the database system is starting up')],
    ['08006 connection_failure', postgresError('08006', 'connection failure')],
    ['08P01 protocol_violation', postgresError('08P01', 'protocol violation')],
    ['a serialization failure', postgresError('40001', 'could not serialize access')],
    ['node-postgres losing its socket', new Error('Connection terminated unexpectedly')],
    ['pg-pool timing out', new Error('timeout exceeded when trying to connect')],
    [
      'a store error wrapping one',
      new Error('effect record failed', { cause: postgresError('57P01', 'admin shutdown') }),
    ],
  ])('treats %s as a transient DATABASE_UNAVAILABLE', (_label, err) => {
    expect(classifyError(err)).toMatchObject({
      errorClass: 'transient',
      code: 'DATABASE_UNAVAILABLE',
    });
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it('tells database outages from ordinary failures', () => {
    expect(isDatabaseUnavailable(withCode('ECONNREFUSED'))).toBe(true);
    expect(isDatabaseUnavailable(withCode('ECONNRESET'))).toBe(true);
    expect(isDatabaseUnavailable(postgresError('23505', 'duplicate key value'))).toBe(false);
    expect(isDatabaseUnavailable(postgresError('42P01', 'relation does not exist'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('kaboom'))).toBe(false);
    expect(classifyError(postgresError('23505', 'duplicate key value'))).toMatchObject({
      errorClass: 'permanent',
      code: 'UNEXPECTED',
    });
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
