import { expect } from 'vitest';
import { call } from '../support';

/**
 * An SMTP connection (plain, with a user and password) to the local test mail server on `port`,
 * sending from `fromAddress`; returns its id. Flows and alert channels that mail reference it.
 */
export async function createSmtpConnection(
  base: string,
  port: number,
  opts: { name?: string; fromAddress?: string } = {},
): Promise<string> {
  const res = await call(base, 'POST', '/api/connections', {
    type: 'smtp',
    name: opts.name ?? 'Shop mail',
    values: {
      host: '127.0.0.1',
      port,
      security: 'none',
      user: 'mailer',
      password: 's3cret-pw',
      fromAddress: opts.fromAddress ?? 'shop@example.com',
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}
