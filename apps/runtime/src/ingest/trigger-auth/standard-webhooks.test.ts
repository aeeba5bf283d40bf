import { describe, expect, it } from 'vitest';
import {
  signStandardWebhook,
  standardWebhookKey,
  verifyStandardWebhook,
  STANDARD_WEBHOOKS_TOLERANCE_S,
} from './standard-webhooks';

// The reference vector published with the Standard Webhooks / Svix libraries.
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const KEY = standardWebhookKey(VECTOR.secret);
const NEXT_KEY = standardWebhookKey(`whsec_${Buffer.alloc(32, 9).toString('base64')}`);
const NOW = VECTOR.timestamp;

function req(overrides: Record<string, string | undefined> = {}, body = VECTOR.body) {
  const headers: Record<string, string> = {};
  const all = {
    'webhook-id': VECTOR.id,
    'webhook-timestamp': String(VECTOR.timestamp),
    'webhook-signature': VECTOR.signature,
    ...overrides,
  };
  for (const [k, v] of Object.entries(all)) if (v !== undefined) headers[k] = v;
  return { headers, body: Buffer.from(body) };
}

const refused = (failure: string) => ({ ok: false, failure });

describe('signStandardWebhook', () => {
  it('reproduces the reference test vector', () => {
    expect(signStandardWebhook(KEY, VECTOR.id, VECTOR.timestamp, Buffer.from(VECTOR.body))).toBe(
      VECTOR.signature,
    );
  });
});

describe('verifyStandardWebhook', () => {
  it('accepts the reference vector, with webhook-id as the delivery id', () => {
    expect(verifyStandardWebhook(req(), [KEY], NOW)).toEqual({ ok: true, deliveryId: VECTOR.id });
  });

  it('accepts any matching entry of a space-separated list, ignoring other versions', () => {
    const header = `v1a,c2lnbmF0dXJl v1,AAAA ${VECTOR.signature}`;
    expect(verifyStandardWebhook(req({ 'webhook-signature': header }), [KEY], NOW).ok).toBe(true);
  });

  it('accepts both secrets during a rotation, whichever one signed', () => {
    const body = Buffer.from(VECTOR.body);
    const byNext = signStandardWebhook(NEXT_KEY, VECTOR.id, NOW, body);
    expect(verifyStandardWebhook(req(), [NEXT_KEY, KEY], NOW).ok).toBe(true);
    expect(
      verifyStandardWebhook(req({ 'webhook-signature': byNext }), [KEY, NEXT_KEY], NOW).ok,
    ).toBe(true);
    // A sender signing with both keys at once, as the spec's rotation describes.
    const both = `${byNext} ${VECTOR.signature}`;
    expect(verifyStandardWebhook(req({ 'webhook-signature': both }), [NEXT_KEY], NOW).ok).toBe(
      true,
    );
  });

  it('accepts timestamps up to the tolerance either way', () => {
    const t = STANDARD_WEBHOOKS_TOLERANCE_S;
    expect(verifyStandardWebhook(req(), [KEY], NOW + t).ok).toBe(true);
    expect(verifyStandardWebhook(req(), [KEY], NOW - t).ok).toBe(true);
  });

  it('refuses a stale and a future timestamp, even correctly signed', () => {
    const t = STANDARD_WEBHOOKS_TOLERANCE_S;
    expect(verifyStandardWebhook(req(), [KEY], NOW + t + 1)).toEqual(
      refused('timestamp-out-of-tolerance'),
    );
    expect(verifyStandardWebhook(req(), [KEY], NOW - t - 1)).toEqual(
      refused('timestamp-out-of-tolerance'),
    );
  });

  it('refuses the wrong secret', () => {
    expect(verifyStandardWebhook(req(), [NEXT_KEY], NOW)).toEqual(refused('credentials-invalid'));
  });

  it('refuses a re-serialised body (same JSON, other whitespace or key order)', () => {
    for (const body of ['{"test":2432232314}', '{ "test": 2432232314 }\n']) {
      expect(verifyStandardWebhook(req({}, body), [KEY], NOW)).toEqual(
        refused('credentials-invalid'),
      );
    }
    const signed = Buffer.from('{"a":1,"b":2}');
    const sig = signStandardWebhook(KEY, VECTOR.id, NOW, signed);
    expect(
      verifyStandardWebhook(req({ 'webhook-signature': sig }, '{"b":2,"a":1}'), [KEY], NOW),
    ).toEqual(refused('credentials-invalid'));
  });

  it('refuses a signature moved to another id or timestamp', () => {
    expect(verifyStandardWebhook(req({ 'webhook-id': 'msg_other' }), [KEY], NOW).ok).toBe(false);
    const ts = String(NOW + 1);
    expect(verifyStandardWebhook(req({ 'webhook-timestamp': ts }), [KEY], NOW).ok).toBe(false);
  });

  it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])(
    'refuses a request without %s',
    (header) => {
      expect(verifyStandardWebhook(req({ [header]: undefined }), [KEY], NOW)).toEqual(
        refused('credentials-missing'),
      );
    },
  );

  it.each([
    ['a signature of another length', 'v1,g0hM9SsE+OTPJTGt', 'credentials-invalid'],
    ['a much longer signature', `v1,${'A'.repeat(500)}`, 'credentials-invalid'],
    [
      'a hex signature',
      `v1,${Buffer.from(VECTOR.signature.slice(3), 'base64').toString('hex')}`,
      'credentials-invalid',
    ],
    ['no v1 entry', 'v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=', 'credentials-missing'],
    ['an unversioned signature', VECTOR.signature.slice(3), 'credentials-missing'],
    ['too many entries', Array(17).fill(VECTOR.signature).join(' '), 'credentials-invalid'],
  ])('refuses %s', (_case, signature, failure) => {
    expect(verifyStandardWebhook(req({ 'webhook-signature': signature }), [KEY], NOW)).toEqual(
      refused(failure),
    );
  });

  it.each([
    ['a fractional timestamp', { 'webhook-timestamp': '1614265330.5' }],
    ['a timestamp in milliseconds', { 'webhook-timestamp': '1614265330000' }],
    ['a negative timestamp', { 'webhook-timestamp': '-1' }],
    ['an id with a dot', { 'webhook-id': 'msg.1' }],
    ['an id with a space', { 'webhook-id': 'msg 1' }],
  ])('refuses %s before computing anything', (_case, headers) => {
    expect(verifyStandardWebhook(req(headers), [KEY], NOW).ok).toBe(false);
  });

  it('treats the whsec_ prefix as optional when deriving the key', () => {
    expect(standardWebhookKey('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toEqual(KEY);
    expect(KEY.length).toBe(24);
  });
});
