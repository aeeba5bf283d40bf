import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionCatalog, lookupConnectionType } from '../connections/registry';
import { connectionTesters } from '../connections/testers';
import { paytraceSettings } from './client/settings';
import { paytraceConnection } from './connection';
import { startSimulatorHarness, type SimulatorHarness } from './test/simulator-harness';

const base = { username: 'api-user', password: 'pw', environment: 'production' };
const parse = (values: Record<string, unknown>) => paytraceConnection.fields.safeParse(values);

describe('paytrace connection type', () => {
  it('is registered, with the password as its only secret', () => {
    expect(lookupConnectionType('paytrace')).toBe(paytraceConnection);
    const entry = connectionCatalog().find((e) => e.type === 'paytrace');
    expect(entry?.secretFields).toEqual(['password']);
    expect(entry?.fieldsSchema).toMatchObject({
      required: expect.arrayContaining(['username', 'password', 'environment']),
    });
  });

  it('defaults to no keyed entry, a 60 s timeout and a 120 s unknown-outcome wait', () => {
    expect(paytraceConnection.fields.parse(base)).toMatchObject({
      allowKeyedEntry: false,
      requestTimeoutSeconds: 60,
      unknownOutcomeWaitSeconds: 120,
    });
  });

  it('takes an integrator id of at most 12 characters', () => {
    expect(parse({ ...base, integratorId: '959195xd1CuC' }).success).toBe(true);
    expect(parse({ ...base, integratorId: '959195xd1CuCx' }).success).toBe(false);
  });

  it('needs an https base URL for custom, plain http only on loopback, and none otherwise', () => {
    const custom = { ...base, environment: 'custom' };
    expect(parse({ ...custom, baseUrl: 'https://pt.example.com/api' }).success).toBe(true);
    expect(parse({ ...custom, baseUrl: 'http://127.0.0.1:8600' }).success).toBe(true);
    expect(parse({ ...custom, baseUrl: 'http://localhost:8600' }).success).toBe(true);
    expect(parse({ ...custom, baseUrl: 'http://pt.example.com' }).success).toBe(false);
    expect(parse({ ...custom, baseUrl: 'https://u:p@pt.example.com' }).success).toBe(false);
    expect(parse(custom).success).toBe(false);
    expect(parse({ ...base, baseUrl: 'https://pt.example.com' }).success).toBe(false);
  });

  it('resolves each environment to its base URL, trusting all but custom', () => {
    const sim = 'http://127.0.0.1:9/sandbox/paytrace/';
    expect(paytraceSettings(base, sim)).toMatchObject({
      baseUrl: 'https://api.paytrace.com',
      trusted: true,
    });
    expect(paytraceSettings({ ...base, environment: 'sandbox' }, sim).baseUrl).toBe(
      'https://api.sandbox.paytrace.com',
    );
    expect(paytraceSettings({ ...base, environment: 'simulator' }, sim)).toMatchObject({
      baseUrl: 'http://127.0.0.1:9/sandbox/paytrace',
      trusted: true,
    });
    expect(
      paytraceSettings({ ...base, environment: 'custom', baseUrl: 'https://pt.example.com/' }, sim),
    ).toMatchObject({ baseUrl: 'https://pt.example.com', trusted: false });
    expect(() => paytraceSettings({ ...base, environment: 'simulator' }, undefined)).toThrow(
      expect.objectContaining({ code: 'PAYTRACE_SIMULATOR_UNAVAILABLE' }),
    );
    expect(() => paytraceSettings({ ...base, password: 5 }, sim)).toThrow(
      expect.objectContaining({ code: 'CONNECTION_INVALID' }),
    );
  });
});

describe('paytrace connection test', () => {
  let h: SimulatorHarness;
  beforeAll(async () => {
    h = await startSimulatorHarness();
  });
  afterAll(() => h.close());
  const tester = connectionTesters.paytrace;
  const signal = () => AbortSignal.timeout(5000);

  it('passes when PayTrace issues a token', async () => {
    const result = await tester?.(h.connectionValues(), {
      signal: signal(),
      paytrace: { simulatorUrl: h.sim.url },
    });
    expect(result).toEqual({ ok: true, message: expect.stringContaining('accepted the API user') });
  });

  it("fails with PayTrace's error_description for bad credentials", async () => {
    const result = await tester?.(h.connectionValues({ password: 'nope' }), {
      signal: signal(),
      paytrace: { simulatorUrl: h.sim.url },
    });
    expect(result).toEqual({
      ok: false,
      message: expect.stringContaining('The provided authorization grant is invalid'),
    });
  });

  it('obeys the outbound address policy for custom URLs', async () => {
    const values = h.connectionValues({ environment: 'custom', baseUrl: h.sim.url });
    const blocked = await tester?.(values, { signal: signal(), http: { allowPrivateCidrs: [] } });
    expect(blocked).toEqual({ ok: false, message: expect.stringContaining('Blocked request') });
    const allowed = await tester?.(values, {
      signal: signal(),
      http: { allowPrivateCidrs: ['127.0.0.1/32'] },
    });
    expect(allowed?.ok).toBe(true);
  });
});
