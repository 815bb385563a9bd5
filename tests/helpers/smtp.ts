// A real SMTP server in the test process (the smtp-server package, on a free port): what Gatehouse
// mails through nodemailer arrives here, and tests follow the links in it like a person would.
// `useTestSmtp()` points SMTP_URL at it (call it before the app reads its configuration, or reset).
import { SMTPServer } from "smtp-server";

export type ReceivedEmail = { to: string[]; from: string; raw: string; subject: string; text: string; links: string[] };

/** Undoes quoted-printable (soft line breaks, =XX) so links read whole. */
function decodeQuotedPrintable(value: string): string {
  return value.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function parse(raw: string, to: string[], from: string): ReceivedEmail {
  const decoded = decodeQuotedPrintable(raw);
  const subject = /^Subject: (.*)$/m.exec(raw)?.[1]?.trim() ?? "";
  const links = [...new Set([...decoded.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0].replace(/&amp;/g, "&")))];
  return { to, from, raw, subject, text: decoded, links };
}

export class TestSmtpServer {
  readonly messages: ReceivedEmail[] = [];
  #waiters: { match: (m: ReceivedEmail) => boolean; resolve: (m: ReceivedEmail) => void }[] = [];
  #server: SMTPServer;
  port = 0;

  constructor() {
    this.#server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          const message = parse(
            Buffer.concat(chunks).toString("utf8"),
            session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          );
          this.messages.push(message);
          for (const waiter of [...this.#waiters]) {
            if (!waiter.match(message)) continue;
            this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
            waiter.resolve(message);
          }
          callback();
        });
      },
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    this.port = (this.#server.server.address() as { port: number }).port;
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The first message (already received or arriving within the timeout) to `to` matching `subject`. */
  waitFor(to: string, subject: RegExp = /./, timeoutMs = 10_000): Promise<ReceivedEmail> {
    const match = (m: ReceivedEmail) => m.to.includes(to.toLowerCase()) && subject.test(m.subject);
    const found = this.messages.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no email to ${to} matching ${subject} within ${timeoutMs} ms`)), timeoutMs);
      this.#waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  to(address: string): ReceivedEmail[] {
    return this.messages.filter((m) => m.to.includes(address.toLowerCase()));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

/** Starts a server and points the app's SMTP_URL at it. */
export async function useTestSmtp(): Promise<TestSmtpServer> {
  const server = new TestSmtpServer();
  process.env.SMTP_URL = await server.start();
  process.env.SMTP_FROM = "Gatehouse Tests <no-reply@gatehouse.test>";
  const { resetEnvForTests } = await import("../../lib/env.ts");
  resetEnvForTests();
  return server;
}

/** The link in a message that starts with `prefix`. */
export function linkIn(message: ReceivedEmail, prefix: string): string {
  const link = message.links.find((l) => l.startsWith(prefix));
  if (!link) throw new Error(`no link starting with ${prefix} in: ${message.links.join(", ")}`);
  return link;
}
