import { describe, expect, it } from 'vitest';
import { allowedHostsField, hostAllowed, hostPatterns, parseHostPattern } from './allowed-hosts';

const allows = (patterns: string[], url: string) =>
  hostAllowed(hostPatterns(patterns), new URL(url));

describe('allowed host patterns', () => {
  it('match a host name exactly, on its default port only unless a port is given', () => {
    expect(allows(['api.example.com'], 'https://api.example.com/v1')).toBe(true);
    expect(allows(['API.Example.com.'], 'https://api.example.COM./v1')).toBe(true);
    expect(allows(['api.example.com'], 'http://api.example.com/v1')).toBe(true);
    expect(allows(['api.example.com'], 'https://api.example.com:8443/')).toBe(false);
    expect(allows(['api.example.com'], 'https://evil.com/?api.example.com')).toBe(false);
    expect(allows(['api.example.com'], 'https://api.example.com.evil.com/')).toBe(false);
    expect(allows(['api.example.com'], 'https://xapi.example.com/')).toBe(false);
    expect(allows(['api.example.com:8443'], 'https://api.example.com:8443/')).toBe(true);
    expect(allows(['api.example.com:8443'], 'https://api.example.com/')).toBe(false);
    expect(allows(['api.example.com:443'], 'https://api.example.com/')).toBe(true);
  });

  it('match any subdomain with *., but not the parent domain or look-alikes', () => {
    expect(allows(['*.example.com'], 'https://a.example.com/')).toBe(true);
    expect(allows(['*.example.com'], 'https://a.b.example.com/')).toBe(true);
    expect(allows(['*.example.com'], 'https://example.com/')).toBe(false);
    expect(allows(['*.example.com'], 'https://badexample.com/')).toBe(false);
  });

  it('read IP literals the way request URLs are read', () => {
    expect(allows(['127.0.0.1:8080'], 'http://0x7f.1:8080/')).toBe(true);
    expect(allows(['[::1]:8080'], 'http://[0:0:0:0:0:0:0:1]:8080/')).toBe(true);
    expect(allows(['127.0.0.1:8080'], 'http://localhost:8080/')).toBe(false);
  });

  it('refuse what is not a host with a message saying why', () => {
    for (const bad of [
      '',
      'https://api.example.com',
      'api.example.com/v1',
      'u@x.com',
      'a*.x.com',
    ]) {
      expect(typeof parseHostPattern(bad)).toBe('string');
    }
    expect(parseHostPattern('*.10.0.0.1')).toMatch(/domain name/);
    expect(allowedHostsField.safeParse(['api.example.com', '*.example.com']).success).toBe(true);
    expect(allowedHostsField.safeParse(['api.example.com:99999']).success).toBe(false);
  });
});
