import nodemailer from "nodemailer";
import { isValidEmail } from "../core/identifiers.js";
import { MailError, toMailError } from "./mail-error.js";
import { messageIdFor, relanceKeyHeader } from "./message-id.js";
import { type SmtpSettings, starttlsPolicy } from "./smtp-url.js";

export { MailError } from "./mail-error.js";
export { messageIdFor } from "./message-id.js";

export interface MailAddress {
  name: string;
  address: string;
}
export interface MailRecipient {
  name: string | null;
  address: string;
}
export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
  /** Content-ID for an inline image referenced as `cid:…` in the HTML. */
  cid?: string;
}

export interface OutgoingMail {
  from: MailAddress;
  replyTo?: MailAddress | null;
  to: MailRecipient[];
  cc?: MailRecipient[];
  subject: string;
  text: string;
  html?: string | null;
  attachments?: MailAttachment[];
  /** The outbox key: the Message-ID is derived from it, so a retry carries the same Message-ID. */
  idempotencyKey: string;
  /** The organization's e-mail domain, or "relance.local" (see messageIdDomainOf). */
  messageIdDomain: string;
}

export interface SendResult {
  messageId: string;
  accepted: string[];
  rejected: string[];
  response: string;
}

export interface Mailer {
  kind: "smtp" | "local";
  /**
   * Resolves once the server accepted the message; a refused or failed send rejects with a MailError. (An
   * invalid `messageIdDomain` is a programming error and throws a plain Error.)
   */
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): Promise<void>;
}

export interface SmtpMailerOptions {
  /** Connecting, and then waiting for the greeting (default 15 s each). */
  connectionTimeoutMs?: number;
  /** Silence allowed on an open connection, e.g. waiting for the reply to DATA (default 60 s). */
  socketTimeoutMs?: number;
  tls?: { rejectUnauthorized?: boolean };
}

/** Sends through an SMTP server, one connection per message (no pool: a dunning run sends a few dozen). */
export function createSmtpMailer(settings: SmtpSettings, options: SmtpMailerOptions = {}): Mailer {
  const connectionTimeout = options.connectionTimeoutMs ?? 15_000;
  const starttls = starttlsPolicy(settings);
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: starttls === "required",
    ignoreTLS: starttls === "never",
    auth: settings.user === null ? undefined : { user: settings.user, pass: settings.password ?? "" },
    connectionTimeout,
    greetingTimeout: connectionTimeout,
    dnsTimeout: connectionTimeout,
    socketTimeout: options.socketTimeoutMs ?? 60_000,
    tls: { rejectUnauthorized: options.tls?.rejectUnauthorized ?? true },
    // Attachments are buffers: nodemailer must never read a file or fetch a URL named in a message.
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  });

  return {
    kind: "smtp",
    async send(mail) {
      checkMail(mail);
      const messageId = messageIdFor(mail.idempotencyKey, mail.messageIdDomain);
      try {
        const info = await transport.sendMail({
          messageId,
          from: mail.from,
          replyTo: mail.replyTo ?? undefined,
          to: mail.to.map(recipient),
          cc: mail.cc?.map(recipient),
          subject: mail.subject,
          text: mail.text,
          html: mail.html ?? undefined,
          attachments: mail.attachments?.map((a) => ({
            filename: a.filename,
            content: a.content,
            contentType: a.contentType,
            ...(a.cid === undefined ? {} : { cid: a.cid }),
          })),
          headers: { "X-Relance-Key": relanceKeyHeader(mail.idempotencyKey) },
        });
        return {
          messageId,
          accepted: info.accepted.map(addressOf),
          rejected: info.rejected.map(addressOf),
          response: String(info.response ?? ""),
        };
      } catch (error) {
        throw toMailError(error);
      }
    },
    async close() {
      transport.close();
    },
  };
}

/**
 * The embedded default: sends nothing. The outbox row is the record of the message; the result carries the
 * Message-ID the message would have had, and every recipient as accepted.
 */
export function createLocalMailer(): Mailer {
  return {
    kind: "local",
    async send(mail) {
      checkMail(mail);
      return {
        messageId: messageIdFor(mail.idempotencyKey, mail.messageIdDomain),
        accepted: [...mail.to, ...(mail.cc ?? [])].map((r) => r.address),
        rejected: [],
        response: "local outbox: not sent",
      };
    },
    async close() {},
  };
}

const recipient = (r: MailRecipient) => (r.name ? { name: r.name, address: r.address } : r.address);
const addressOf = (a: string | { address: string }) => (typeof a === "string" ? a : a.address);

/** The same checks for both transports, so that a message the local outbox accepts can also be sent. */
function checkMail(mail: OutgoingMail): void {
  if (mail.to.length === 0) {
    throw new MailError("no recipient", {
      permanent: true,
      code: "ENORECIPIENT",
      problem: { code: "mail.no_recipient" },
    });
  }
  const addresses = [mail.from, ...(mail.replyTo ? [mail.replyTo] : []), ...mail.to, ...(mail.cc ?? [])];
  for (const { address } of addresses) {
    if (!isValidEmail(address) || /[\r\n<>,;"]/.test(address)) {
      throw new MailError(`invalid address ${JSON.stringify(address)}`, {
        permanent: true,
        code: "EADDRESS",
        problem: { code: "mail.invalid_address", params: { address } },
      });
    }
  }
}
