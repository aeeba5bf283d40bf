import type { Logger } from '../logger';
import type { IdentityStore } from './identity-store';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords';

/**
 * Makes sure the runtime can be administered without ever shipping a default password: with no
 * users, it creates the admin from PAYBRIDGE_ADMIN_EMAIL/PASSWORD when given, otherwise prints a
 * one-time setup link. Returns that link (null when no setup is needed).
 */
export async function ensureFirstAdmin(
  identity: IdentityStore,
  opts: {
    email?: string | undefined;
    password?: string | undefined;
    baseUrl: string;
    logger: Logger;
  },
): Promise<string | null> {
  if ((await identity.countUsers()) > 0) return null;
  if (opts.email && opts.password) {
    if (opts.password.length < MIN_PASSWORD_LENGTH) {
      throw new Error(
        `PAYBRIDGE_ADMIN_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters`,
      );
    }
    await identity.createUser(opts.email, await hashPassword(opts.password), 'admin');
    opts.logger.info('first admin created from PAYBRIDGE_ADMIN_EMAIL', { email: opts.email });
    return null;
  }
  const secret = await identity.createSetupToken();
  const link = `${opts.baseUrl}/setup?token=${secret}`;
  opts.logger.warn(`No users yet. Create the first admin within 24 hours at: ${link}`);
  return link;
}
