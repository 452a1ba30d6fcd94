import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import {
  decodeEncodedWords,
  leafText,
  type MimeLeaf,
  mimeLeaves,
  parseHeaders,
  splitEntity,
} from "./mime.js";

/**
 * A real SMTP server on 127.0.0.1 and a random port, for tests that send mail. Plain TCP (STARTTLS only when
 * asked, with smtp-server's built-in test certificate), insecure AUTH allowed, nothing leaves the machine.
 */

/**
 * accept: 250 and keep the message; reject_permanent: 550 after DATA; reject_temporary: 451 after DATA;
 * drop: the connection is destroyed while the message is being transferred; hang: DATA is never answered.
 */
export type SmtpMode = "accept" | "reject_permanent" | "reject_temporary" | "drop" | "hang";

export interface ReceivedMail {
  /** The envelope (MAIL FROM / RCPT TO), not the headers. */
  from: string;
  to: string[];
  raw: string;
  /** Lowercased names, unfolded values (not decoded: see `subject`). */
  headers: Map<string, string>;
  /** The Subject header with its RFC 2047 words decoded. */
  subject: string;
  messageId: string;
  /** The first text/plain and text/html parts that are not attachments, decoded. */
  text: string | null;
  html: string | null;
  /** Parts with a file name or a Content-ID. */
  attachments: MimeLeaf[];
  /** Whether the session had been upgraded with STARTTLS. */
  secure: boolean;
  /** The user the session authenticated as, if any. */
  user: string | null;
  /** When the server accepted it (Date.now()). */
  receivedAt: number;
}

export interface TestSmtp {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Mutable while the server runs: a test can switch from "drop" to "accept". */
  mode: SmtpMode;
  /** AUTH commands received, successful or not. */
  readonly authAttempts: number;
  close(): Promise<void>;
  /** Resolves once `n` messages were received; rejects after `timeoutMs` (default 5 s). */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
}

export interface TestSmtpOptions {
  mode?: SmtpMode;
  /** When set, AUTH (PLAIN or LOGIN) is required and checked against these credentials. */
  auth?: { user: string; pass: string };
  /** Offer STARTTLS (self-signed certificate: the client needs tls.rejectUnauthorized false). */
  starttls?: boolean;
}

const smtpError = (message: string, responseCode: number) =>
  Object.assign(new Error(message), { responseCode });

export async function startTestSmtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let authAttempts = 0;
  const disabledCommands = [...(options.starttls ? [] : ["STARTTLS"]), ...(options.auth ? [] : ["AUTH"])];

  const server: SMTPServer = new SMTPServer({
    name: "relance-test-smtp",
    logger: false,
    disableReverseLookup: true,
    authOptional: !options.auth,
    allowInsecureAuth: true,
    disabledCommands,
    size: 30 * 1024 * 1024,
    socketTimeout: 30_000,
    closeTimeout: 200,
    onAuth(auth, _session, callback) {
      authAttempts++;
      const expected = options.auth;
      if (expected && auth.username === expected.user && auth.password === expected.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(smtpError("5.7.8 Authentication credentials invalid", 535));
      }
    },
    onData(stream, session, callback) {
      const mode = testSmtp.mode;
      if (mode === "drop") {
        stream.once("data", () => dropConnection(server, session));
        stream.resume();
        return;
      }
      collect(stream).then((raw) => {
        if (mode === "hang") return; // the reply to DATA never comes
        if (mode === "reject_permanent") return callback(smtpError("5.7.1 Message rejected by policy", 550));
        if (mode === "reject_temporary") return callback(smtpError("4.3.0 Try again later", 451));
        const mail = readMail(raw, session);
        received.push(mail);
        callback(null, `Queued as ${mail.messageId}`);
      }, callback);
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", () => {}); // a client going away mid-session is part of the tests
  const port = (server.server.address() as AddressInfo).port;
  const credentials = options.auth
    ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@`
    : "";

  const testSmtp: TestSmtp = {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    port,
    received,
    mode: options.mode ?? "accept",
    get authAttempts() {
      return authAttempts;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    async waitFor(n, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < n) {
        if (Date.now() > deadline) {
          throw new Error(
            `test SMTP: ${received.length} message(s) received, ${n} expected after ${timeoutMs} ms`,
          );
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
  return testSmtp;
}

function collect(stream: SMTPServerDataStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    stream.on("error", reject);
  });
}

function dropConnection(server: SMTPServer, session: SMTPServerSession): void {
  for (const connection of server.connections) {
    if (connection.id === session.id) connection._socket.destroy();
  }
}

function readMail(raw: string, session: SMTPServerSession): ReceivedMail {
  const headers = parseHeaders(splitEntity(raw).headerBlock);
  const leaves = mimeLeaves(raw);
  const body = (type: string) => {
    const leaf = leaves.find((l) => l.contentType === type && l.disposition !== "attachment" && !l.filename);
    return leaf ? leafText(leaf) : null;
  };
  const mailFrom = session.envelope.mailFrom;
  return {
    from: mailFrom ? mailFrom.address : "",
    to: session.envelope.rcptTo.map((r) => r.address),
    raw,
    headers,
    subject: decodeEncodedWords(headers.get("subject") ?? ""),
    messageId: headers.get("message-id") ?? "",
    text: body("text/plain"),
    html: body("text/html"),
    attachments: leaves.filter((l) => l.filename !== null || l.cid !== null),
    secure: session.secure,
    user: typeof session.user === "string" ? session.user : null,
    receivedAt: Date.now(),
  };
}
