import nodemailer from 'nodemailer';
import type { Notifier } from './types';

export interface SmtpOptions {
  host: string;
  port: number;
  /** Implicit TLS (port 465); otherwise STARTTLS when the server offers it. */
  secure?: boolean;
  auth?: { user: string; pass: string };
  from: string;
  /** Accept a self-signed certificate (a local test server). */
  allowSelfSigned?: boolean;
}

export function smtpEmail(options: SmtpOptions): Pick<Notifier, 'email'> {
  const transport = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure ?? false,
    ...(options.auth ? { auth: options.auth } : {}),
    ...(options.allowSelfSigned ? { tls: { rejectUnauthorized: false } } : {}),
    // Messages carry links and identifiers: nodemailer must not log them.
    logger: false,
    debug: false,
  });
  return {
    async email(m) {
      await transport.sendMail({ from: options.from, to: m.to, subject: m.subject, text: m.text });
    },
  };
}
