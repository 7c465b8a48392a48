import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './ports';

export interface SmtpTestServer {
  readonly url: string;
  readonly messages: ParsedMail[];
  /** Closes the listener: the mail server is down. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

/**
 * A real SMTP listener (the smtp-server package) in this process, on a free loopback port; what
 * arrives is parsed with mailparser; `refuse` lists addresses it answers 550 for. STARTTLS is off:
 * the certificate the package bundles has expired.
 */
export async function startSmtpServer(options: { refuse?: string[] } = {}): Promise<SmtpTestServer> {
  const port = await freePort();
  const messages: ParsedMail[] = [];
  let server: SMTPServer | undefined;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      server = new SMTPServer({
        disabledCommands: ['STARTTLS', 'AUTH'],
        authOptional: true,
        logger: false,
        onRcptTo(address, _session, callback) {
          if (!options.refuse?.includes(address.address)) return callback();
          // A permanent refusal, as a server answers for an address it does not know.
          callback(Object.assign(new Error('5.1.1 no such mailbox'), { responseCode: 550 }));
        },
        onData(stream, _session, callback) {
          simpleParser(stream).then(
            (mail) => {
              messages.push(mail);
              callback();
            },
            (error: Error) => callback(error),
          );
        },
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  await start();
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    start,
    stop: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  };
}
