/**
 * Opening SMTP sessions under the outbound network policy. The host is resolved once, here, and
 * every answer is checked by the same policy as HTTP (loopback, private, link-local and cloud
 * metadata refused unless an administrator allowed the network); nodemailer is then handed the
 * checked IP address, so no second resolution can rebind it, while TLS still verifies the
 * certificate against the host name. Server-only.
 *
 * @module
 */
import dns from 'node:dns';
import nodemailer from 'nodemailer';
import type { HttpRuntimeOptions } from '../../core/http-request/execute';
import { createAddressPolicy } from '../../http/address-policy';
import { guardedLookup, type LookupFunction } from '../../http/guarded-agent';
import { smtpConnection, type SmtpConnectionValues } from './connection';

/** One SMTP transporter, as nodemailer builds it. */
export type SmtpTransporter = ReturnType<typeof nodemailer.createTransport>;

/** Time allowed to connect, to get the greeting, and between two socket events. */
export const SMTP_TIMEOUT_MS = 30_000;

/** Resolves `host` to the first address the policy allows; rejects with BlockedAddressError. */
export function resolveAllowedAddress(host: string, network: HttpRuntimeOptions): Promise<string> {
  const policy = createAddressPolicy(network.allowPrivateCidrs);
  const lookup = guardedLookup(policy, network.lookup ?? (dns.lookup as LookupFunction));
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve, reject) => {
    lookup(bare, { all: false }, (err, address) => {
      if (err) reject(err);
      else resolve(address as string);
    });
  });
}

/** Parses stored values; a value set the declaration no longer accepts is a clear error. */
export function smtpValues(values: Readonly<Record<string, unknown>>): SmtpConnectionValues {
  return smtpConnection.fields.parse(values);
}

/**
 * A transporter for one send (or one test) to the checked address of the connection's host.
 * Not pooled: notifications are rare, and a fresh session re-checks the policy every time.
 */
export async function openSmtpTransport(
  values: SmtpConnectionValues,
  network: HttpRuntimeOptions,
): Promise<SmtpTransporter> {
  const address = await resolveAllowedAddress(values.host, network);
  const servername = values.host.replace(/^\[(.*)\]$/, '$1');
  return nodemailer.createTransport({
    host: address,
    port: values.port,
    secure: values.security === 'tls',
    requireTLS: values.security === 'starttls',
    ignoreTLS: values.security === 'none',
    servername,
    tls: { servername, minVersion: 'TLSv1.2' },
    ...(values.user ? { auth: { user: values.user, pass: values.password ?? '' } } : {}),
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
}
