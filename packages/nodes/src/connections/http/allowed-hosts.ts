/**
 * Host pinning of HTTP auth connections: an admin declares where a connection's credentials may
 * go (`api.example.com`, `*.example.com`, `127.0.0.1:8080`), and nothing sends them anywhere
 * else, so a flow author cannot point an authenticated request at a server of their own.
 * Browser-safe: the connection form validates patterns with the same schema.
 *
 * @module
 */
import { z } from 'zod';

/** One parsed pattern: a host name (or IP literal), optionally any subdomain of it, a port. */
export interface HostPattern {
  /** Lower-case, IDNA (punycode) form, IPv6 in brackets: what `URL.hostname` gives. */
  readonly hostname: string;
  /** `*.example.com`: any subdomain of `example.com`, at any depth, but not `example.com`. */
  readonly subdomains: boolean;
  /** Explicit port; when absent only the scheme's default port (443, 80) matches. */
  readonly port: string | undefined;
}

const WILDCARD = '*.';
/** Characters that make a pattern a URL rather than a host: scheme, path, query, user info. */
const NOT_A_HOST = /[\s/?#@\\]/;

/**
 * The pattern parsed, or why it is not one. The host part goes through the WHATWG URL parser,
 * the same one that reads request URLs, so both sides are normalised alike (case, punycode,
 * IPv4 spellings such as `0x7f.1`).
 */
export function parseHostPattern(text: string): HostPattern | string {
  const trimmed = text.trim();
  if (trimmed === '') return 'a host name such as api.example.com';
  if (NOT_A_HOST.test(trimmed) || trimmed.includes('://')) {
    return 'a host name or host:port (no scheme, path or user), e.g. api.example.com';
  }
  const subdomains = trimmed.startsWith(WILDCARD);
  const rest = subdomains ? trimmed.slice(WILDCARD.length) : trimmed;
  if (rest.includes('*')) return 'a wildcard is allowed only as the first label: *.example.com';
  if (!URL.canParse(`http://${rest}`)) return 'not a valid host name or host:port';
  const url = new URL(`http://${rest}`);
  const hostname = url.hostname.replace(/\.$/, '');
  if (hostname === '') return 'not a valid host name or host:port';
  // `URL` drops port 80 for http:; keep what was typed so `host:80` means port 80 exactly.
  const typedPort = /:(\d+)$/.exec(rest)?.[1];
  if (subdomains && (hostname.startsWith('[') || /^[\d.]+$/.test(hostname))) {
    return 'a wildcard needs a domain name, not an IP address';
  }
  return { hostname, subdomains, port: typedPort === undefined ? undefined : String(+typedPort) };
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' };

/** Whether a URL's host is one the pattern allows. */
export function hostMatches(pattern: HostPattern, url: URL): boolean {
  const hostname = url.hostname.toLowerCase().replace(/\.$/, '');
  const port = url.port === '' ? DEFAULT_PORTS[url.protocol] : url.port;
  if (pattern.port === undefined ? url.port !== '' : pattern.port !== port) return false;
  return pattern.subdomains
    ? hostname.endsWith(`.${pattern.hostname}`)
    : hostname === pattern.hostname;
}

/** Whether any of the patterns allows the URL's host. */
export function hostAllowed(patterns: readonly HostPattern[], url: URL): boolean {
  return patterns.some((pattern) => hostMatches(pattern, url));
}

/** Most patterns one connection may list; more would hide a mistake rather than serve a need. */
export const MAX_ALLOWED_HOSTS = 50;

/**
 * The `allowedHosts` field of HTTP auth connections: required, at least one pattern. Stored as
 * typed (trimmed), parsed again where requests are sent.
 */
export const allowedHostsField = z
  .array(
    z
      .string()
      .trim()
      .max(300)
      .superRefine((value, ctx) => {
        const parsed = parseHostPattern(value);
        if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
      }),
  )
  .min(1, 'list at least one host the credentials may be sent to')
  .max(MAX_ALLOWED_HOSTS)
  .meta({
    title: 'Allowed hosts',
    description:
      'The only hosts these credentials are sent to: host names or host:port, e.g. ' +
      'api.example.com, *.example.com (any subdomain), 127.0.0.1:8080. Without a port only ' +
      'the default port (443 for https, 80 for http) matches.',
    placeholder: 'api.example.com',
  });

/** Parses stored patterns; invalid ones (impossible after validation) are skipped. */
export function hostPatterns(values: readonly string[]): HostPattern[] {
  return values
    .map(parseHostPattern)
    .filter((pattern): pattern is HostPattern => typeof pattern !== 'string');
}

/** What the connection docs say about pinning and run data; one text for both HTTP auth types. */
export const ALLOWED_HOSTS_DOCS = `**Allowed hosts** pins the credentials: they are sent only to these hosts. A request (or a
redirect) to any other host fails with \`CONNECTION_HOST_NOT_ALLOWED\` before anything is sent;
a redirect to another allowed origin is followed without the credentials. Connections saved
before this field existed send nothing until an admin sets it. Services sometimes echo what they
were sent, so the response headers and body of a step that used this connection (and the data
of the steps after it) are shown to admins only; other roles see them redacted.`;

/**
 * Refinement of HTTP auth connection values: the test URL must be on an allowed host, or "Test
 * connection" could never send the credentials there. Said at save time, on the field.
 */
export function testUrlOnAllowedHost(
  values: { testUrl?: string | undefined; allowedHosts: readonly string[] },
  ctx: z.RefinementCtx,
): void {
  if (values.testUrl === undefined || !URL.canParse(values.testUrl)) return;
  const url = new URL(values.testUrl);
  if (hostAllowed(hostPatterns(values.allowedHosts), url)) return;
  ctx.addIssue({
    code: 'custom',
    path: ['testUrl'],
    message: `${url.host} is not one of the allowed hosts; the test would not be sent there`,
  });
}
