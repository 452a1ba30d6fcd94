import { appendAudit } from "../../db/repositories/audit-log.js";
import { updateOrganization } from "../../db/repositories/organizations.js";
import type { Organization } from "../../db/schema.js";
import { createLocalMailer, createSmtpMailer, type Mailer } from "../../mail/mailer.js";
import { parseSmtpUrl, redactSmtpUrl, type SmtpSettings } from "../../mail/smtp-url.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError, invalidFields } from "../errors.js";
import { readSettings } from "../organizations/settings.js";
import { decryptSecret, encryptSecret, loadSecretKey } from "../secrets.js";

/** The environment variable that sets the SMTP server for every organization; it wins over their settings. */
export const SMTP_URL_ENV = "RELANCE_SMTP_URL";

/** SMTP settings as stored in the organization's settings JSON (`smtp`), the password encrypted. */
interface StoredSmtp {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password_encrypted: string | null;
  starttls?: SmtpSettings["starttls"];
}

export interface MailSettingsDto {
  /** Where the settings come from: the environment, the organization, or none (the local outbox). */
  source: "environment" | "organization" | "none";
  /** The server's URL with the password masked; null without one. */
  url: string | null;
}

function stored(org: Organization): StoredSmtp | null {
  const value = readSettings(org).smtp;
  if (!value || typeof value !== "object") return null;
  const s = value as Partial<StoredSmtp>;
  return typeof s.host === "string" && typeof s.port === "number" ? (s as StoredSmtp) : null;
}

function urlOf(s: StoredSmtp): string {
  const auth = s.user ? `${encodeURIComponent(s.user)}${s.password_encrypted ? ":***" : ""}@` : "";
  return `${s.secure ? "smtps" : "smtp"}://${auth}${s.host}:${s.port}`;
}

export function mailSettingsOf(org: Organization, env: NodeJS.ProcessEnv): MailSettingsDto {
  const fromEnv = env[SMTP_URL_ENV];
  if (fromEnv) return { source: "environment", url: redactSmtpUrl(fromEnv) };
  const s = stored(org);
  return s ? { source: "organization", url: urlOf(s) } : { source: "none", url: null };
}

/**
 * The mailer of an organization: RELANCE_SMTP_URL when set, else the organization's SMTP server (its password
 * decrypted with RELANCE_SECRET_KEY), else the local outbox (messages stay in Relance, nothing leaves).
 */
export function mailerFor(org: Organization, env: NodeJS.ProcessEnv): Mailer {
  const fromEnv = env[SMTP_URL_ENV];
  if (fromEnv) {
    const parsed = parseSmtpUrl(fromEnv);
    if (!parsed.ok) throw new AppError("invalid_input", parsed.problem.code, parsed.problem.params ?? {});
    return createSmtpMailer(parsed.value);
  }
  const s = stored(org);
  if (!s) return createLocalMailer();
  let password: string | null = null;
  if (s.password_encrypted) {
    const key = loadSecretKey(env);
    if (!key) throw new AppError("invalid_input", "dunning.secret_key_missing");
    password = decryptSecret(s.password_encrypted, key);
  }
  return createSmtpMailer({
    host: s.host,
    port: s.port,
    secure: s.secure,
    user: s.user,
    password,
    ...(s.starttls ? { starttls: s.starttls } : {}),
  });
}

/**
 * Sets (or with null clears) the organization's SMTP server from a URL; the password is encrypted with
 * RELANCE_SECRET_KEY, refused without one. Audited without any secret.
 */
export async function setMailSettings(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  url: string | null;
  env: NodeJS.ProcessEnv;
}): Promise<MailSettingsDto> {
  const { ctx, org } = options;
  const settings = readSettings(org);
  let smtp: StoredSmtp | null = null;
  if (options.url !== null) {
    const parsed = parseSmtpUrl(options.url);
    if (!parsed.ok) {
      throw invalidFields([
        { path: "url", messageCode: parsed.problem.code, params: parsed.problem.params ?? {} },
      ]);
    }
    const s = parsed.value;
    let password_encrypted: string | null = null;
    if (s.password) {
      const key = loadSecretKey(options.env);
      if (!key) throw invalidFields([{ path: "url", messageCode: "dunning.secret_key_missing" }]);
      password_encrypted = encryptSecret(s.password, key);
    }
    smtp = {
      host: s.host,
      port: s.port,
      secure: s.secure,
      user: s.user,
      password_encrypted,
      ...(s.starttls ? { starttls: s.starttls } : {}),
    };
  }
  const next = { ...settings };
  if (smtp) next.smtp = smtp;
  else delete next.smtp;
  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await updateOrganization(trx, org.id, { settings: JSON.stringify(next) }, at);
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "organization",
      entityId: org.id,
      operation: "update",
      data: { smtp: smtp ? urlOf(smtp) : null },
    });
  });
  return mailSettingsOf({ ...org, settings: JSON.stringify(next) }, options.env);
}
