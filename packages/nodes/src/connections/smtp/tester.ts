import { smtpError } from '../../notify/email/smtp-errors';
import type { ConnectionTester } from '../testers';
import { openSmtpTransport, smtpValues } from './transport';

/**
 * "Test connection" for SMTP: connects under the network policy, says hello, upgrades to TLS as
 * configured and logs in (nodemailer's `verify`), sending nothing.
 */
export const smtpConnectionTester: ConnectionTester = async (raw, ctx) => {
  const values = smtpValues(raw);
  const network = ctx.http ?? { allowPrivateCidrs: [] };
  try {
    const transport = await openSmtpTransport(values, network);
    try {
      const verified = transport.verify();
      const aborted = new Promise<never>((_, reject) => {
        if (ctx.signal.aborted) reject(new Error('the test timed out'));
        ctx.signal.addEventListener('abort', () => reject(new Error('the test timed out')), {
          once: true,
        });
      });
      await Promise.race([verified, aborted]);
    } finally {
      transport.close();
    }
    return {
      ok: true,
      message: `${values.host}:${values.port} accepted the session${values.user ? ' and the login' : ''}`,
    };
  } catch (err) {
    const error = smtpError(err, values.host);
    const code = (error as { code?: string }).code;
    return { ok: false, message: `${code ? `${code}: ` : ''}${error.message}` };
  }
};
