// The SMTP transport (nodemailer) when SMTP_URL is set, e.g. smtp://user:pass@mail.example.com:587
// (STARTTLS when offered) or smtps://mail.example.com:465. Pooled: a few reusable connections
// instead of a handshake per message. Timeouts are short so a dead server fails a delivery (logged,
// recorded on the message) instead of hanging.
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "../env.ts";
import { processGlobal } from "../process-global.ts";

const transports = processGlobal("smtp-transports", () => new Map<string, Transporter>());

/** The transport for SMTP_URL, or null when email goes to the outbox only. */
export function smtpTransport(): Transporter | null {
  const url = env().smtpUrl;
  if (!url) return null;
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport({
      url,
      pool: true,
      maxConnections: 3,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    } as Parameters<typeof nodemailer.createTransport>[0]);
    transports.set(url, transport);
  }
  return transport;
}

export function closeSmtpTransports(): void {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}
