import { describe, expect, it } from 'vitest';
import { splitStored, valuesToSend } from './connection-values';

describe('connection values', () => {
  it('never sends an untouched secret back', () => {
    expect(
      valuesToSend({ username: 'ada', testUrl: undefined }, { password: { kind: 'keep' } }, false),
    ).toEqual({ username: 'ada', testUrl: null });
  });
  it('sends typed and cleared secrets', () => {
    expect(
      valuesToSend(
        {},
        { token: { kind: 'set', value: 's3cret-value-123456' }, old: { kind: 'clear' } },
        false,
      ),
    ).toEqual({
      token: 's3cret-value-123456',
      old: null,
    });
    expect(valuesToSend({}, { secrets: { kind: 'set', value: ['a', ''] } }, true)).toEqual({
      secrets: ['a'],
    });
  });
  it('reads which secrets the runtime holds', () => {
    expect(
      splitStored({ username: 'ada', password: { set: true }, old: { set: false } }, [
        'password',
        'old',
      ]),
    ).toEqual({
      plain: { username: 'ada' },
      stored: { password: true, old: false },
    });
  });
});
