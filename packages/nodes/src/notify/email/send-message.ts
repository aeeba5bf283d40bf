import type { HttpRuntimeOptions } from '../../core/http-request/execute';
import type { SmtpConnectionValues } from '../../connections/smtp/connection';
import { openSmtpTransport } from '../../connections/smtp/transport';

/** One message as the SMTP session sends it; the Message-ID is the caller's (derived from a record). */
export interface SmtpMessage {
  to: readonly string[];
  cc?: readonly string[];
  subject: string;
  text: string;
  html?: string | null;
  messageId: string;
}

/** What the server said about one message. */
export interface SmtpSent {
  messageId: string;
  accepted: string[];
  rejected: string[];
}

/** `a@b`, or `"Name" <a@b>` with the name quoted by nodemailer. */
function sender(values: SmtpConnectionValues) {
  return values.fromName
    ? { name: values.fromName, address: values.fromAddress }
    : values.fromAddress;
}

function addresses(list: unknown): string[] {
  return Array.isArray(list)
    ? list.map((entry) =>
        typeof entry === 'string' ? entry : String((entry as { address?: unknown }).address ?? ''),
      )
    : [];
}

/**
 * Sends one message through an SMTP connection in a fresh session under the outbound network
 * policy. Shared by `notify.email` and the runtime's email alerts so both send mail the same
 * way (checked address, no file or URL access); the once-only bookkeeping stays with each caller,
 * which derives the Message-ID from its own record so a receiver can tell a repeat.
 */
export async function sendSmtpMessage(
  values: SmtpConnectionValues,
  network: HttpRuntimeOptions,
  message: SmtpMessage,
): Promise<SmtpSent> {
  const transport = await openSmtpTransport(values, network);
  try {
    const info = await transport.sendMail({
      from: sender(values),
      to: [...message.to],
      ...(message.cc && message.cc.length > 0 ? { cc: [...message.cc] } : {}),
      subject: message.subject,
      text: message.text,
      ...(message.html != null ? { html: message.html } : {}),
      messageId: message.messageId,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    return {
      messageId: message.messageId,
      accepted: addresses(info.accepted),
      rejected: addresses(info.rejected),
    };
  } finally {
    transport.close();
  }
}
