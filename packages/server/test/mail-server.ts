/**
 * A real SMTP server for tests (smtp-server), on a port of its own, that keeps every message it takes, parsed
 * (mailparser). Used by the email tests of the server and of the web client.
 */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface MailServer {
  readonly port: number;
  readonly received: ParsedMail[];
  close(): Promise<void>;
}

/** Starts on `port` (0: any free one) on 127.0.0.1; no TLS, no authentication. */
export async function startMailServer(port = 0): Promise<MailServer> {
  const received: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
  return {
    port: (smtp.server.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}
