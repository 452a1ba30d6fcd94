import { afterEach, describe, expect, it } from "vitest";
import { createSmtpMailer, type OutgoingMail } from "../../src/mail/mailer.js";
import {
  decodeEncodedWords,
  decodeQuotedPrintable,
  mimeLeaves,
  parseHeaders,
  parseHeaderValue,
} from "./mime.js";
import { startTestSmtp, type TestSmtp } from "./smtp.js";

describe("mime helpers", () => {
  it("decodes RFC 2047 words, B and Q, joined across a split character", () => {
    expect(decodeEncodedWords("=?UTF-8?B?w4ljaMOpYW5jZSDigqw=?=")).toBe("Échéance €");
    expect(decodeEncodedWords("=?utf-8?Q?Facture_=C3=A9chue?= (rappel)")).toBe("Facture échue (rappel)");
    // "€" is E2 82 AC: split between two words, separated by folding whitespace.
    expect(decodeEncodedWords("=?UTF-8?Q?100_=E2=82?=\r\n =?UTF-8?Q?=AC?=")).toBe("100 €");
    expect(decodeEncodedWords("=?ISO-8859-1?Q?R=E9gl=E9e?= ok")).toBe("Réglée ok");
    expect(decodeEncodedWords("plain text")).toBe("plain text");
  });

  it("unfolds headers, first occurrence wins", () => {
    const h = parseHeaders("Subject: a\r\n long\r\n\tsubject\r\nReceived: one\r\nReceived: two\r\nX-Empty:");
    expect(h.get("subject")).toBe("a long\tsubject");
    expect(h.get("received")).toBe("one");
    expect(h.get("x-empty")).toBe("");
  });

  it("reads parameters, quoted and RFC 2231", () => {
    const v = parseHeaderValue(
      `attachment; filename*0*=utf-8''Mise%20en%20demeure%20; filename*1*=%E2%80%93%20F1.pdf`,
    );
    expect(v.value).toBe("attachment");
    expect(v.params.get("filename")).toBe("Mise en demeure – F1.pdf");
    expect(parseHeaderValue('Text/Plain; charset="utf-8"; x="a;b"').params.get("x")).toBe("a;b");
  });

  it("decodes quoted-printable with soft breaks", () => {
    expect(decodeQuotedPrintable("=C3=A9ch=\r\nue =E2=82=AC").toString("utf8")).toBe("échue €");
  });

  it("walks nested multiparts", () => {
    const raw = [
      'Content-Type: multipart/mixed; boundary="m"',
      "",
      "--m",
      'Content-Type: multipart/alternative; boundary="a"',
      "",
      "--a",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      "=C3=A9t=C3=A9",
      "--a--",
      "--m",
      "Content-Type: application/pdf; name=f.pdf",
      "Content-Disposition: attachment; filename=f.pdf",
      "Content-Transfer-Encoding: base64",
      "",
      "JVBERi0=",
      "--m--",
      "",
    ].join("\r\n");
    const leaves = mimeLeaves(raw);
    expect(leaves.map((l) => l.contentType)).toEqual(["text/plain", "application/pdf"]);
    expect(leaves[0]?.content.toString("utf8")).toBe("été");
    expect(leaves[1]).toMatchObject({ disposition: "attachment", filename: "f.pdf" });
    expect(leaves[1]?.content.toString()).toBe("%PDF-");
  });
});

describe("startTestSmtp", () => {
  let smtp: TestSmtp | null = null;
  afterEach(async () => {
    await smtp?.close();
    smtp = null;
  });

  const message = (subject: string, filename: string): OutgoingMail => ({
    from: { name: "Relance", address: "relance@atelier.fr" },
    to: [{ name: "Client", address: "client@example.fr" }],
    subject,
    text: "Bonjour",
    attachments: [{ filename, content: Buffer.from("%PDF-1.7"), contentType: "application/pdf" }],
    idempotencyKey: subject,
    messageIdDomain: "atelier.fr",
  });

  it("listens on 127.0.0.1 and reads long French subjects and file names back", async () => {
    smtp = await startTestSmtp();
    expect(smtp.url).toBe(`smtp://127.0.0.1:${smtp.port}`);
    const subject = `Mise en demeure de payer — ${"facture échue à régler sous huit jours, ".repeat(4)}€`;
    const mailer = createSmtpMailer({
      host: "127.0.0.1",
      port: smtp.port,
      secure: false,
      user: null,
      password: null,
    });
    await mailer.send(message(subject, "Mise en demeure – F-2025-001 (échue).pdf"));
    await mailer.close();
    await smtp.waitFor(1);
    const got = smtp.received[0];
    expect(got?.headers.get("subject")).toMatch(/=\?UTF-8\?/i);
    expect(got?.subject).toBe(subject);
    expect(got?.attachments[0]?.filename).toBe("Mise en demeure – F-2025-001 (échue).pdf");
    expect(got?.secure).toBe(false);
    expect(got?.user).toBeNull();
  });

  it("waitFor gives up after its timeout", async () => {
    smtp = await startTestSmtp();
    await expect(smtp.waitFor(1, 50)).rejects.toThrow(/0 message\(s\) received, 1 expected/);
  });

  it("switches mode while running", async () => {
    smtp = await startTestSmtp({ mode: "reject_temporary" });
    const mailer = createSmtpMailer({
      host: "127.0.0.1",
      port: smtp.port,
      secure: false,
      user: null,
      password: null,
    });
    await expect(mailer.send(message("un", "a.pdf"))).rejects.toMatchObject({ responseCode: 451 });
    smtp.mode = "accept";
    await mailer.send(message("deux", "b.pdf"));
    await smtp.waitFor(1);
    expect(smtp.received.map((m) => m.subject)).toEqual(["deux"]);
  });
});
