import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './retry-policy';

const pgError = (code: string) => Object.assign(new Error('x'), { name: 'PostgresError', code });

describe('isDatabaseUnavailable', () => {
  it('recognises unreachable servers, dropped connections and shutting-down servers', () => {
    expect(
      isDatabaseUnavailable(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('no socket'), { code: 'ENOENT', syscall: 'connect' }),
      ),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(Object.assign(new Error('closed'), { code: 'CONNECTION_CLOSED' })),
    ).toBe(true);
    for (const code of ['57P01', '57P03', '08006', '53300'])
      expect(isDatabaseUnavailable(pgError(code))).toBe(true);
  });

  it('looks through wrappers and aggregate errors', () => {
    const driver = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(new Error('Failed query: select 1', { cause: driver }))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(new AggregateError([driver], 'all addresses failed'))).toBe(true);
  });

  it('leaves real query errors and other failures alone', () => {
    expect(isDatabaseUnavailable(pgError('23505'))).toBe(false);
    expect(isDatabaseUnavailable(pgError('42P01'))).toBe(false);
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('no file'), { code: 'ENOENT', syscall: 'open' }),
      ),
    ).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
