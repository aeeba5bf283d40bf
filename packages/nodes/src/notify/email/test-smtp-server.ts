/**
 * A real SMTP server for tests (the `smtp-server` package on 127.0.0.1): it takes logins, keeps
 * every delivered message raw, and can be told to refuse the next messages.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message the server accepted. */
export interface DeliveredMessage {
  from: string;
  recipients: string[];
  raw: string;
  /** Header value by lower-case name (unfolded). */
  header(name: string): string | undefined;
  /** The body after the header block. */
  body: string;
}

export interface TestSmtpServer {
  port: number;
  messages: DeliveredMessage[];
  /** Answers the next `count` DATA commands with this SMTP code (e.g. 451) instead of accepting. */
  refuseNext(count: number, code: number): void;
  close(): Promise<void>;
}

function parse(raw: string, from: string, recipients: string[]): DeliveredMessage {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { from, recipients, raw, header: (n) => headers.get(n), body: raw.slice(split + 4) };
}

/** Starts a server that accepts `user`/`password` over plain SMTP (no STARTTLS offered). */
export async function startTestSmtpServer(login = { user: 'mailer', password: 's3cret-pw' }) {
  const messages: DeliveredMessage[] = [];
  let refusals = { count: 0, code: 0 };
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === login.user && auth.password === login.password) {
        callback(null, { user: auth.username });
      } else {
        callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusals.count > 0) {
          refusals = { ...refusals, count: refusals.count - 1 };
          const err = Object.assign(new Error('Try again later'), { responseCode: refusals.code });
          return callback(err);
        }
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const to = session.envelope.rcptTo.map((r) => r.address);
        messages.push(parse(Buffer.concat(chunks).toString('utf8'), from, to));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const handle: TestSmtpServer = {
    port,
    messages,
    refuseNext(count, code) {
      refusals = { count, code };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return handle;
}
