import { PermanentError, TransientError } from '@paybridge/engine';
import type { FailureKind } from '../../effects/perform-once';
import { BlockedAddressError, findCause } from '../../http/errors';

/** nodemailer's error shape: a code for the stage, the server's answer when there was one. */
interface SmtpFailure {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  message?: unknown;
}

/** Socket codes that mean nothing reached the server. */
const NOT_CONNECTED = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|EADDRNOTAVAIL/;

function fieldsOf(err: unknown): SmtpFailure {
  return typeof err === 'object' && err !== null ? (err as SmtpFailure) : {};
}

/** The server's answer, quoted briefly (it never echoes the password: AUTH answers are codes). */
function answer(err: unknown): string {
  const { response, message } = fieldsOf(err);
  const text = typeof response === 'string' ? response : typeof message === 'string' ? message : '';
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/**
 * How a failed send is to be read by the exactly-once driver. A refusal (login, envelope,
 * message), a blocked address or a connection never made proves nothing was delivered; a lost
 * connection or a timeout mid-session may have come after the server took the message.
 */
export function classifySmtpFailure(err: unknown): FailureKind {
  if (findCause(err, BlockedAddressError)) return 'nothing-happened';
  const { code } = fieldsOf(err);
  if (code === 'EAUTH' || code === 'EENVELOPE' || code === 'EMESSAGE') return 'nothing-happened';
  if (code === 'EDNS' || code === 'ETLS' || code === 'EREQUIRETLS') return 'nothing-happened';
  if (code === 'ECONFIG' || code === 'EPROTOCOL') return 'nothing-happened';
  if (NOT_CONNECTED.test(answer(err))) return 'nothing-happened';
  return 'unknown';
}

/** The node's error for a failed SMTP exchange: a clear code and the server's answer. */
export function smtpError(err: unknown, host: string): Error {
  if (err instanceof PermanentError || err instanceof TransientError) return err;
  const blocked = findCause(err, BlockedAddressError);
  if (blocked) {
    return new PermanentError(
      'SSRF_BLOCKED',
      `Blocked connection to ${blocked.host}: ${blocked.reason} ${blocked.address} is not allowed ` +
        '(an administrator can allow its network in the private-network allow-list)',
    );
  }
  const { code, responseCode } = fieldsOf(err);
  const said = answer(err);
  const temporary = typeof responseCode === 'number' && responseCode >= 400 && responseCode < 500;
  if (code === 'EAUTH') {
    return new PermanentError(
      'SMTP_AUTH_FAILED',
      `${host} refused the login: ${said}. Check the user and password of the SMTP connection.`,
    );
  }
  if (code === 'EENVELOPE' || code === 'EMESSAGE') {
    return temporary
      ? new TransientError('SMTP_TEMPORARY', `${host} deferred the message: ${said}`)
      : new PermanentError('SMTP_REJECTED', `${host} refused the message: ${said}`);
  }
  if (code === 'ETLS' || code === 'EREQUIRETLS') {
    return new PermanentError(
      'SMTP_TLS_FAILED',
      `TLS with ${host} failed: ${said}. Check the encryption setting and the server's certificate.`,
    );
  }
  if (code === 'EDNS' || NOT_CONNECTED.test(said)) {
    return new TransientError('SMTP_UNREACHABLE', `${host} could not be reached: ${said}`);
  }
  if (code === 'ECONFIG') return new PermanentError('SMTP_CONFIG_INVALID', said);
  return new TransientError('SMTP_CONNECTION_LOST', `The session with ${host} failed: ${said}`);
}
