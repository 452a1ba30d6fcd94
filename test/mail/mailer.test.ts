import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { formatMessage } from "../../src/core/messages.js";
import {
  createLocalMailer,
  createSmtpMailer,
  MailError,
  type Mailer,
  messageIdFor,
  type OutgoingMail,
} from "../../src/mail/mailer.js";
import { relanceKeyHeader } from "../../src/mail/message-id.js";
import { parseSmtpUrl, type SmtpSettings } from "../../src/mail/smtp-url.js";
import { startTestSmtp } from "../support/smtp.js";

const KEY = "invoice:0190f5a2-7c3e-7b1a-9f00-3c2d1e0f4a5b:step:2";
const SUBJECT = "Relance : facture F-2025-001 échue — 1 234,56 € à régler, s'il vous plaît";
const PDF = Buffer.concat([
  Buffer.from("%PDF-1.7\n%âãÏÓ\n", "latin1"),
  Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37) % 256)),
  Buffer.from("\n%%EOF\n"),
]);

const mail = (over: Partial<OutgoingMail> = {}): OutgoingMail => ({
  from: { name: "Atelier Dupont — Facturation", address: "facturation@atelier-dupont.fr" },
  replyTo: { name: "Hélène Dupont", address: "helene@atelier-dupont.fr" },
  to: [{ name: "Boulangerie Bérard", address: "compta@berard.fr" }],
  cc: [{ name: null, address: "gerant@berard.fr" }],
  subject: SUBJECT,
  text: "Bonjour,\n\nLa facture F-2025-001 de 1 234,56 € est échue depuis le 31/01/2025.\n\nCordialement,\nHélène",
  html: "<p>Bonjour,</p><p>La facture <b>F-2025-001</b> de 1&nbsp;234,56&nbsp;€ est échue.</p>",
  attachments: [{ filename: "Facture F-2025-001.pdf", content: PDF, contentType: "application/pdf" }],
  idempotencyKey: KEY,
  messageIdDomain: "atelier-dupont.fr",
  ...over,
});

const settingsOf = (url: string): SmtpSettings => {
  const r = parseSmtpUrl(url);
  if (!r.ok) throw new Error(r.problem.code);
  return r.value;
};

async function sendError(mailer: Mailer, message = mail()): Promise<MailError> {
  const error = await mailer.send(message).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MailError);
  return error as MailError;
}

const opened: { close(): Promise<void> }[] = [];
const track = <T extends { close(): Promise<void> }>(x: T): T => {
  opened.push(x);
  return x;
};
afterEach(async () => {
  for (const x of opened.splice(0).reverse()) await x.close();
});

describe("createSmtpMailer, through a real SMTP server", () => {
  it("delivers a French message with text, HTML, a PDF, Reply-To and the derived Message-ID", async () => {
    const smtp = track(await startTestSmtp());
    const mailer = track(createSmtpMailer(settingsOf(smtp.url)));
    const result = await mailer.send(mail());

    const expectedId = messageIdFor(KEY, "atelier-dupont.fr");
    expect(result.messageId).toBe(expectedId);
    expect(result.accepted.sort()).toEqual(["compta@berard.fr", "gerant@berard.fr"]);
    expect(result.rejected).toEqual([]);
    expect(result.response).toMatch(/^250 /);

    await smtp.waitFor(1);
    const got = smtp.received[0];
    expect(got?.subject).toBe(SUBJECT);
    expect(got?.messageId).toBe(expectedId);
    expect(got?.from).toBe("facturation@atelier-dupont.fr");
    expect(got?.to.sort()).toEqual(["compta@berard.fr", "gerant@berard.fr"]);
    expect(got?.headers.get("reply-to")).toContain("<helene@atelier-dupont.fr>");
    expect(got?.headers.get("x-relance-key")).toBe(relanceKeyHeader(KEY));
    expect(got?.raw).not.toContain("0190f5a2");
    expect(got?.text).toContain("1 234,56 € est échue depuis le 31/01/2025");
    expect(got?.html).toContain("<b>F-2025-001</b>");
    expect(got?.attachments).toHaveLength(1);
    expect(got?.attachments[0]?.filename).toBe("Facture F-2025-001.pdf");
    expect(got?.attachments[0]?.contentType).toBe("application/pdf");
    expect(got?.attachments[0]?.content.equals(PDF)).toBe(true);
  });

  it("gives a retry of the same outbox row the same Message-ID", async () => {
    const smtp = track(await startTestSmtp());
    const mailer = track(createSmtpMailer(settingsOf(smtp.url)));
    await mailer.send(mail());
    await mailer.send(mail());
    await mailer.send(mail({ idempotencyKey: `${KEY}:other` }));
    await smtp.waitFor(3);
    const [a, b, c] = smtp.received.map((m) => m.messageId);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it("carries an inline image by Content-ID", async () => {
    const smtp = track(await startTestSmtp());
    const mailer = track(createSmtpMailer(settingsOf(smtp.url)));
    const logo = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    await mailer.send(
      mail({
        html: '<img src="cid:logo@relance">',
        attachments: [{ filename: "logo.png", content: logo, contentType: "image/png", cid: "logo@relance" }],
      }),
    );
    await smtp.waitFor(1);
    const image = smtp.received[0]?.attachments.find((a) => a.cid === "logo@relance");
    expect(image?.content.equals(logo)).toBe(true);
  });

  it("authenticates with the right password", async () => {
    const smtp = track(await startTestSmtp({ auth: { user: "relance@atelier.fr", pass: "p@ss:wörd%" } }));
    expect(smtp.url).toContain("relance%40atelier.fr:p%40ss%3Aw%C3%B6rd%25@127.0.0.1:");
    const mailer = track(createSmtpMailer(settingsOf(smtp.url)));
    await mailer.send(mail());
    await smtp.waitFor(1);
    expect(smtp.received[0]?.user).toBe("relance@atelier.fr");
    expect(smtp.authAttempts).toBe(1);
  });

  it("fails for good on a wrong password, without showing it", async () => {
    const smtp = track(await startTestSmtp({ auth: { user: "relance", pass: "right" } }));
    const settings: SmtpSettings = { ...settingsOf(smtp.url), password: "WrongPassword123" };
    const error = await sendError(track(createSmtpMailer(settings)));
    expect(error.permanent).toBe(true);
    expect(error.code).toBe("EAUTH");
    expect(error.responseCode).toBe(535);
    expect(error.problem.code).toBe("mail.auth_failed");
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain("WrongPassword123");
    expect(formatMessage("fr", error.problem.code, error.problem.params)).toContain("535");
    expect(smtp.received).toHaveLength(0);
  });

  it("refuses to send a password in clear text when STARTTLS is required and not offered", async () => {
    const smtp = track(await startTestSmtp({ auth: { user: "relance", pass: "secret" } }));
    const settings: SmtpSettings = { ...settingsOf(smtp.url), starttls: "required" };
    const error = await sendError(track(createSmtpMailer(settings)));
    // The server answers STARTTLS with 500: a configuration to fix, not a message to retry.
    expect(error).toMatchObject({ permanent: true, code: "ETLS", command: "STARTTLS" });
    expect(error.problem.code).toBe("mail.tls_required");
    expect(smtp.authAttempts).toBe(0);
    expect(smtp.received).toHaveLength(0);
  });

  it("upgrades with STARTTLS when the server offers it", async () => {
    const smtp = track(await startTestSmtp({ auth: { user: "relance", pass: "secret" }, starttls: true }));
    const settings: SmtpSettings = { ...settingsOf(smtp.url), starttls: "required" };
    const mailer = track(createSmtpMailer(settings, { tls: { rejectUnauthorized: false } }));
    await mailer.send(mail());
    await smtp.waitFor(1);
    expect(smtp.received[0]?.secure).toBe(true);
    expect(smtp.received[0]?.user).toBe("relance");
  });

  it("does not trust a self-signed certificate by default", async () => {
    const smtp = track(await startTestSmtp({ starttls: true }));
    const settings: SmtpSettings = { ...settingsOf(smtp.url), starttls: "required" };
    const error = await sendError(track(createSmtpMailer(settings)));
    expect(error.permanent).toBe(false);
    expect(error.problem.code).toBe("mail.tls_certificate");
    expect(smtp.received).toHaveLength(0);
  });

  it("maps a 5xx reply to a permanent error", async () => {
    const smtp = track(await startTestSmtp({ mode: "reject_permanent" }));
    const error = await sendError(track(createSmtpMailer(settingsOf(smtp.url))));
    expect(error).toMatchObject({ permanent: true, responseCode: 550 });
    expect(error.response).toContain("Message rejected by policy");
    expect(error.problem.code).toBe("mail.rejected");
  });

  it("maps a 4xx reply to a transient error", async () => {
    const smtp = track(await startTestSmtp({ mode: "reject_temporary" }));
    const error = await sendError(track(createSmtpMailer(settingsOf(smtp.url))));
    expect(error).toMatchObject({ permanent: false, responseCode: 451 });
    expect(error.problem.code).toBe("mail.deferred");
  });

  it("maps a connection dropped during DATA to a transient error, and the retry goes through", async () => {
    const smtp = track(await startTestSmtp({ mode: "drop" }));
    const mailer = track(createSmtpMailer(settingsOf(smtp.url)));
    const error = await sendError(mailer);
    expect(error.permanent).toBe(false);
    expect(error.responseCode).toBeUndefined();
    expect(smtp.received).toHaveLength(0);

    smtp.mode = "accept";
    const result = await mailer.send(mail());
    await smtp.waitFor(1);
    expect(smtp.received[0]?.messageId).toBe(result.messageId);
  });

  it("maps a server that never answers DATA to a transient timeout", async () => {
    const smtp = track(await startTestSmtp({ mode: "hang" }));
    const mailer = track(createSmtpMailer(settingsOf(smtp.url), { socketTimeoutMs: 300 }));
    const error = await sendError(mailer);
    expect(error).toMatchObject({ permanent: false, code: "ETIMEDOUT" });
    expect(error.problem.code).toBe("mail.timeout");
  });

  it("maps a server that is down to a transient error", async () => {
    const port = await closedPort();
    const mailer = track(
      createSmtpMailer(settingsOf(`smtp://127.0.0.1:${port}`), { connectionTimeoutMs: 2000 }),
    );
    const error = await sendError(mailer);
    expect(error).toMatchObject({ permanent: false, code: "ECONNREFUSED" });
    expect(formatMessage("en", error.problem.code, error.problem.params)).toBe(
      "SMTP server unreachable (ECONNREFUSED): it will be retried later",
    );
  });

  it("refuses a message without a recipient or with a bad address before connecting", async () => {
    const smtp = track(await startTestSmtp());
    const mailer = track(createSmtpMailer(settingsOf(smtp.url)));
    const none = await sendError(mailer, mail({ to: [], cc: [] }));
    expect(none).toMatchObject({ permanent: true, problem: { code: "mail.no_recipient" } });
    const bad = await sendError(mailer, mail({ to: [{ name: null, address: "a@b.fr>\r\nBcc: x@evil.fr" }] }));
    expect(bad).toMatchObject({ permanent: true, problem: { code: "mail.invalid_address" } });
    expect(smtp.received).toHaveLength(0);
  });
});

describe("createLocalMailer", () => {
  it("sends nothing and answers with the Message-ID the SMTP mailer would use", async () => {
    const mailer = createLocalMailer();
    expect(mailer.kind).toBe("local");
    const result = await mailer.send(mail());
    expect(result).toEqual({
      messageId: messageIdFor(KEY, "atelier-dupont.fr"),
      accepted: ["compta@berard.fr", "gerant@berard.fr"],
      rejected: [],
      response: "local outbox: not sent",
    });
    await expect(mailer.send(mail({ to: [] }))).rejects.toMatchObject({ permanent: true });
    await mailer.close();
  });
});

/** A port nothing listens on: bound by the system, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}
