import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server in the test process: the app sends through nodemailer
 * over TCP, and tests assert on the parsed mails.
 */
export class TestSmtpServer {
  readonly mails: ParsedMail[] = [];
  private server?: SMTPServer;
  port = 0;

  static async start(port = 0): Promise<TestSmtpServer> {
    const smtp = new TestSmtpServer();
    await smtp.listen(port);
    return smtp;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async listen(port = this.port): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.mails.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    // A client that dies mid-session (a worker killed with SIGKILL) resets its socket; without a
    // listener that 'error' event would crash the test process instead of being a lost connection.
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  /** Stops accepting connections (an SMTP outage); listen() again on the same port to recover. */
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  to(address: string): ParsedMail[] {
    return this.mails.filter((mail) => {
      const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
      return to.some((entry) => entry.value.some((value) => value.address?.toLowerCase() === address.toLowerCase()));
    });
  }
}
