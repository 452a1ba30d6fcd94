import type { Problem } from "../core/result.js";

export interface MailErrorDetails {
  permanent: boolean;
  /** The system code when there is one (ECONNREFUSED, ECONNRESET), else nodemailer's (EAUTH, ETIMEDOUT, …). */
  code: string;
  response?: string;
  responseCode?: number;
  /** The SMTP command in flight when it failed (e.g. "DATA", "AUTH PLAIN"), when nodemailer says. */
  command?: string;
  /** What to show the user (French or English by message code). */
  problem: Problem;
}

/**
 * A send that did not go through. `permanent`: sending the same message again would fail the same way (a 5xx
 * reply, an impossible message); otherwise (4xx, network, timeout) the outbox row is retried later.
 */
export class MailError extends Error {
  readonly permanent: boolean;
  readonly code: string;
  readonly response?: string;
  readonly responseCode?: number;
  readonly command?: string;
  readonly problem: Problem;

  constructor(message: string, details: MailErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MailError";
    this.permanent = details.permanent;
    this.code = details.code;
    this.problem = details.problem;
    if (details.response !== undefined) this.response = details.response;
    if (details.responseCode !== undefined) this.responseCode = details.responseCode;
    if (details.command !== undefined) this.command = details.command;
  }
}

/** What nodemailer attaches to its errors (see nodemailer's NodemailerError). */
interface TransportError extends Error {
  code?: string;
  originalCode?: string;
  response?: string;
  responseCode?: number;
  command?: string;
}

/** Errors that are the message's or the configuration's fault: the same send would fail again. */
const PERMANENT_CODES = new Set([
  "ECONFIG",
  "EENVELOPE",
  "EMAXRECIPIENTS",
  "ENOAUTH",
  "EFILEACCESS",
  "EURLACCESS",
]);

/**
 * RFC 5321: 5yz is a permanent refusal, 4yz a transient one. 503 (bad sequence of commands) is a session-state
 * error, not a verdict on the message, so it is retried (as nodemailer's own `isPermanentResponseCode` does).
 */
export const isPermanentReply = (responseCode: number) =>
  responseCode >= 500 && responseCode < 600 && responseCode !== 503;

/** Node's codes for a server certificate that cannot be trusted (expired, self-signed, wrong name, …). */
const isCertificateError = (code: string) =>
  /^(CERT_|ERR_TLS_CERT_)|SELF_SIGNED|UNABLE_TO_(GET_ISSUER|VERIFY_LEAF)/.test(code);

/** Maps whatever the transport threw to a MailError; never copies credentials (nodemailer's texts hold none). */
export function toMailError(error: unknown): MailError {
  if (error instanceof MailError) return error;
  const err: TransportError = error instanceof Error ? error : new Error(String(error));
  const transportCode = err.code ?? "EUNKNOWN";
  const code = err.originalCode ?? transportCode;
  const responseCode = typeof err.responseCode === "number" ? err.responseCode : undefined;
  const response = err.response?.trim() || undefined;
  const permanent =
    responseCode !== undefined && responseCode >= 400
      ? isPermanentReply(responseCode)
      : PERMANENT_CODES.has(transportCode);

  const shown = response ?? err.message;
  let problem: Problem;
  if (transportCode === "EAUTH" || transportCode === "ENOAUTH") {
    problem = { code: "mail.auth_failed", params: { response: shown } };
  } else if (transportCode === "ETLS") {
    problem = { code: "mail.tls_required" };
  } else if (isCertificateError(code)) {
    problem = { code: "mail.tls_certificate", params: { code } };
  } else if (responseCode !== undefined && responseCode >= 400) {
    problem = { code: permanent ? "mail.rejected" : "mail.deferred", params: { response: shown } };
  } else if (transportCode === "ETIMEDOUT") {
    problem = { code: "mail.timeout" };
  } else {
    problem = { code: "mail.unreachable", params: { code } };
  }

  const details: MailErrorDetails = { permanent, code, problem };
  if (response !== undefined) details.response = response;
  if (responseCode !== undefined) details.responseCode = responseCode;
  if (err.command !== undefined) details.command = err.command;
  return new MailError(err.message, details, { cause: error });
}
