import { describe, expect, it } from 'vitest';
import { ConfigError } from '../env';
import { isLoopbackHost, sandboxMode } from './sandbox-mode';

describe('sandboxMode', () => {
  it('is on by default with the embedded database on loopback, off with DATABASE_URL', () => {
    expect(sandboxMode({ HOST: '127.0.0.1' })).toEqual({ on: true, warning: null });
    expect(sandboxMode({ HOST: 'localhost', DATABASE_URL: 'postgres://x/y' }).on).toBe(false);
    expect(sandboxMode({ HOST: '::1', PAYBRIDGE_SANDBOX: 'true' })).toEqual({
      on: true,
      warning: null,
    });
  });

  it('refuses to start the default sandbox on an address other machines reach', () => {
    expect(() => sandboxMode({ HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => sandboxMode({ HOST: '0.0.0.0' })).toThrow(/PAYBRIDGE_SANDBOX=on/);
    expect(() => sandboxMode({ HOST: '10.1.2.3', PAYBRIDGE_SANDBOX: 'true' })).toThrow(
      /not|expose/,
    );
  });

  it('serves it there when PAYBRIDGE_SANDBOX=on is explicit, with a warning', () => {
    const mode = sandboxMode({ HOST: '0.0.0.0', PAYBRIDGE_SANDBOX: 'on' });
    expect(mode.on).toBe(true);
    expect(mode.warning).toMatch(/not loopback/);
  });

  it('lets a worker-only process, which serves no HTTP, use any HOST', () => {
    expect(sandboxMode({ HOST: '0.0.0.0', PAYBRIDGE_SANDBOX: 'true' }, false)).toEqual({
      on: true,
      warning: null,
    });
  });

  it('stays off when asked, whatever the host', () => {
    expect(sandboxMode({ HOST: '0.0.0.0', PAYBRIDGE_SANDBOX: 'off' })).toEqual({
      on: false,
      warning: null,
    });
  });

  it('knows loopback hosts', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '[::1]', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(h), h).toBe(true);
    }
    for (const h of ['0.0.0.0', '::', '192.168.1.2', 'example.com', 'localhost.example.com']) {
      expect(isLoopbackHost(h), h).toBe(false);
    }
  });
});
