/**
 * Email signals. The disposable list comes from `disposable-email-domains` (a JSON array shipped
 * in the package, so it works offline and in the browser).
 *
 * @module
 */
import disposableDomains from 'disposable-email-domains';

const DISPOSABLE: ReadonlySet<string> = new Set(disposableDomains as string[]);

/** The big consumer mailbox providers: free to open in bulk, so weaker evidence of identity. */
const FREE_MAIL: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.co.uk',
  'hotmail.com',
  'hotmail.co.uk',
  'outlook.com',
  'live.com',
  'msn.com',
  'aol.com',
  'icloud.com',
  'me.com',
  'mail.com',
  'gmx.com',
  'gmx.de',
  'web.de',
  'yandex.com',
  'yandex.ru',
  'mail.ru',
  'protonmail.com',
  'proton.me',
  'zoho.com',
]);

export interface EmailSignals {
  disposable: boolean;
  freeMail: boolean;
  /** Digits in the part before the @ ("john.smith1987" -> 4). */
  localDigits: number;
}

export function emailSignals(email: string | null | undefined): EmailSignals | null {
  const at = email?.lastIndexOf('@') ?? -1;
  if (!email || at <= 0) return null;
  const local = email.slice(0, at);
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase();
  return {
    disposable: DISPOSABLE.has(domain),
    freeMail: FREE_MAIL.has(domain),
    localDigits: (local.match(/[0-9]/g) ?? []).length,
  };
}
