import { describe, expect, it } from "vitest";
import { formatMessage } from "../core/messages.js";
import { isPermanentReply, MailError, toMailError } from "./mail-error.js";

/** Errors shaped as nodemailer hands them over (see its NodemailerError). */
const nodemailerError = (message: string, fields: Record<string, unknown>) =>
  Object.assign(new Error(message), fields);

describe("toMailError", () => {
  it.each([
    [550, true],
    [554, true],
    [535, true],
    [552, true],
    [503, false],
    [421, false],
    [450, false],
    [452, false],
  ])("reply %i → permanent %s", (responseCode, permanent) => {
    const e = toMailError(
      nodemailerError("x", { code: "EMESSAGE", responseCode, response: `${responseCode} text` }),
    );
    expect(e.permanent).toBe(permanent);
    expect(isPermanentReply(responseCode)).toBe(permanent);
    expect(e.responseCode).toBe(responseCode);
  });

  it("keeps the system code of a network error, transient", () => {
    for (const originalCode of ["ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH"]) {
      const e = toMailError(nodemailerError("connect failed", { code: "ESOCKET", originalCode }));
      expect(e).toMatchObject({
        permanent: false,
        code: originalCode,
        problem: { code: "mail.unreachable" },
      });
    }
    const timeout = toMailError(nodemailerError("Timeout", { code: "ETIMEDOUT", command: "CONN" }));
    expect(timeout).toMatchObject({ permanent: false, code: "ETIMEDOUT", command: "CONN" });
    expect(timeout.problem.code).toBe("mail.timeout");
  });

  it("treats a message or configuration nodemailer refuses as permanent", () => {
    expect(toMailError(nodemailerError("No recipients defined", { code: "EENVELOPE" })).permanent).toBe(true);
    expect(toMailError(nodemailerError("Missing credentials", { code: "ENOAUTH" })).problem.code).toBe(
      "mail.auth_failed",
    );
  });

  it("names a certificate problem", () => {
    const e = toMailError(
      nodemailerError("self-signed", { code: "ESOCKET", originalCode: "DEPTH_ZERO_SELF_SIGNED_CERT" }),
    );
    expect(e).toMatchObject({ permanent: false, problem: { code: "mail.tls_certificate" } });
    expect(formatMessage("fr", e.problem.code, e.problem.params)).toContain("DEPTH_ZERO_SELF_SIGNED_CERT");
  });

  it("wraps anything else as transient, keeps the cause, and passes a MailError through", () => {
    const odd = toMailError("socket hang up");
    expect(odd).toBeInstanceOf(MailError);
    expect(odd).toMatchObject({ permanent: false, code: "EUNKNOWN", message: "socket hang up" });
    const plain = new Error("boom");
    expect(toMailError(plain).cause).toBe(plain);
    expect(toMailError(odd)).toBe(odd);
  });
});
