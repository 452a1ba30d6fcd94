import { describe, expect, it } from "vitest";
import { formatMessage } from "../core/messages.js";
import type { Result } from "../core/result.js";
import { parseSmtpUrl, redactSmtpUrl, type SmtpSettings, starttlsPolicy } from "./smtp-url.js";

const value = (r: Result<SmtpSettings>) => {
  if (!r.ok) throw new Error(`expected a value, got ${r.problem.code}`);
  return r.value;
};
const problem = (r: Result<SmtpSettings>) => {
  if (r.ok) throw new Error(`expected a problem, got ${JSON.stringify(r.value)}`);
  return r.problem;
};

describe("parseSmtpUrl", () => {
  it("reads smtp:// with credentials and a port", () => {
    expect(value(parseSmtpUrl("smtp://facturation@atelier.fr:s3cret@smtp.example.fr:2525"))).toEqual({
      host: "smtp.example.fr",
      port: 2525,
      secure: false,
      user: "facturation@atelier.fr",
      password: "s3cret",
    });
  });

  it("uses 587 for smtp and 465 for smtps by default", () => {
    expect(value(parseSmtpUrl("smtp://mail.example.fr"))).toEqual({
      host: "mail.example.fr",
      port: 587,
      secure: false,
      user: null,
      password: null,
    });
    const s = value(parseSmtpUrl("SMTPS://u:p@Mail.Example.FR/"));
    expect(s).toMatchObject({ host: "mail.example.fr", port: 465, secure: true, user: "u", password: "p" });
  });

  it("percent-decodes the user and the password", () => {
    const s = value(parseSmtpUrl("smtp://jean%40atelier.fr:p%40ss%3Aw%2Frd%25%20%C3%A9@smtp.example.fr:587"));
    expect(s.user).toBe("jean@atelier.fr");
    expect(s.password).toBe("p@ss:w/rd% é");
  });

  it("takes the last @ as the end of an unencoded password", () => {
    const s = value(parseSmtpUrl("smtp://user:p@ss/w?rd#1@smtp.example.fr"));
    expect(s).toMatchObject({ user: "user", password: "p@ss/w?rd#1", host: "smtp.example.fr", port: 587 });
  });

  it("reads a user without a password, IPv4, IPv6 and IDN hosts", () => {
    expect(value(parseSmtpUrl("smtp://relay@127.0.0.1:25"))).toMatchObject({
      user: "relay",
      password: null,
      host: "127.0.0.1",
      port: 25,
    });
    expect(value(parseSmtpUrl("smtp://[::1]:2525")).host).toBe("::1");
    expect(value(parseSmtpUrl("smtp://smtp.café.fr")).host).toBe("smtp.xn--caf-dma.fr");
  });

  it("reads ?starttls=", () => {
    expect(value(parseSmtpUrl("smtp://h.example.fr?starttls=required")).starttls).toBe("required");
    expect(value(parseSmtpUrl("smtp://h.example.fr/?starttls=never")).starttls).toBe("never");
    expect(value(parseSmtpUrl("smtp://h.example.fr?starttls=AUTO")).starttls).toBe("auto");
    expect(value(parseSmtpUrl("smtp://h.example.fr?starttls=true")).starttls).toBe("required");
    expect(value(parseSmtpUrl("smtp://h.example.fr")).starttls).toBeUndefined();
  });

  it.each([
    ["", "smtp_url.invalid"],
    ["smtp.example.fr:587", "smtp_url.invalid"],
    ["http://smtp.example.fr", "smtp_url.scheme"],
    ["smtp://", "smtp_url.host_missing"],
    ["smtp://user:pw@:25", "smtp_url.host_missing"],
    ["smtp://smtp.example.fr:0", "smtp_url.port_invalid"],
    ["smtp://smtp.example.fr:65536", "smtp_url.port_invalid"],
    ["smtp://smtp.example.fr:abc", "smtp_url.port_invalid"],
    ["smtp://smtp.example.fr:", "smtp_url.port_invalid"],
    ["smtp://smtp exemple.fr", "smtp_url.invalid"],
    ["smtp://[not-ipv6]:25", "smtp_url.invalid"],
    ["smtp://:secret@smtp.example.fr", "smtp_url.password_without_user"],
    ["smtp://user:50%off@smtp.example.fr", "smtp_url.bad_encoding"],
    ["smtp://smtp.example.fr/inbox", "smtp_url.path_not_allowed"],
    ["smtp://smtp.example.fr#frag", "smtp_url.path_not_allowed"],
    ["smtp://smtp.example.fr?tls=yes", "smtp_url.unknown_option"],
    ["smtp://smtp.example.fr?starttls=maybe", "smtp_url.starttls_invalid"],
    ["smtps://smtp.example.fr?starttls=required", "smtp_url.starttls_with_smtps"],
  ])("refuses %j (%s)", (url, code) => {
    expect(problem(parseSmtpUrl(url)).code).toBe(code);
  });

  it("never puts the password in a problem", () => {
    const p = problem(parseSmtpUrl("smtp://user:TopSecret@bad host"));
    expect(p.code).toBe("smtp_url.invalid");
    const message = formatMessage("fr", p.code, p.params);
    expect(message).toContain("smtp://user:***@bad host");
    expect(message).not.toContain("TopSecret");
  });
});

describe("redactSmtpUrl", () => {
  it("replaces the password only", () => {
    expect(redactSmtpUrl("smtp://user:s3cret@smtp.example.fr:587")).toBe(
      "smtp://user:***@smtp.example.fr:587",
    );
    expect(redactSmtpUrl("smtps://a%40b.fr:p%40ss@h.fr?starttls=never")).toBe(
      "smtps://a%40b.fr:***@h.fr?starttls=never",
    );
    expect(redactSmtpUrl("smtp://user:p@ss@h.fr")).toBe("smtp://user:***@h.fr");
  });
  it("leaves URLs without a password as they are", () => {
    expect(redactSmtpUrl("smtp://smtp.example.fr:25")).toBe("smtp://smtp.example.fr:25");
    expect(redactSmtpUrl("smtp://relay@smtp.example.fr:25")).toBe("smtp://relay@smtp.example.fr:25");
  });
  it("redacts text that is not a valid URL too", () => {
    expect(redactSmtpUrl("user:hunter2@nowhere")).toBe("user:***@nowhere");
    expect(redactSmtpUrl("smtp://u:hunter2@bad host:x")).not.toContain("hunter2");
  });
});

describe("starttlsPolicy", () => {
  const base: SmtpSettings = {
    host: "smtp.example.fr",
    port: 587,
    secure: false,
    user: null,
    password: null,
  };
  it("requires STARTTLS before sending a password across the network", () => {
    expect(starttlsPolicy({ ...base, user: "u", password: "p" })).toBe("required");
    expect(starttlsPolicy({ ...base, host: "127.0.0.1", user: "u", password: "p" })).toBe("auto");
    expect(starttlsPolicy({ ...base, host: "localhost", user: "u", password: "p" })).toBe("auto");
    expect(starttlsPolicy(base)).toBe("auto");
  });
  it("follows the URL's own choice, and has nothing to do on smtps", () => {
    expect(starttlsPolicy({ ...base, user: "u", starttls: "never" })).toBe("never");
    expect(starttlsPolicy({ ...base, starttls: "required" })).toBe("required");
    expect(starttlsPolicy({ ...base, secure: true, port: 465, user: "u" })).toBe("auto");
  });
});
