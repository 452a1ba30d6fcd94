import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AppContext } from "../../src/app/context.js";
import { runDay } from "../../src/app/dunning/run-day.js";
import { parseIsoDate } from "../../src/core/calendar.js";
import { unwrap } from "../../src/core/result.js";
import { newId } from "../../src/db/ids.js";
import { insertContacts } from "../../src/db/repositories/clients.js";
import type { Organization } from "../../src/db/schema.js";
import type { Mailer } from "../../src/mail/mailer.js";
import { createSmtpMailer } from "../../src/mail/mailer.js";
import { parseSmtpUrl } from "../../src/mail/smtp-url.js";
import type { TestSmtp } from "../support/smtp.js";

export const day = (s: string) => unwrap(parseIsoDate(s));

export function smtpMailer(smtp: TestSmtp): Mailer {
  return createSmtpMailer(unwrap(parseSmtpUrl(smtp.url)), {
    connectionTimeoutMs: 2000,
    socketTimeoutMs: 2000,
  });
}

export function tempFilesDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "relance-files-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function addBillingContact(ctx: AppContext, org: Organization, clientId: string, email: string) {
  const at = "2025-01-01T00:00:00.000Z";
  await insertContacts(ctx.db, [
    {
      id: newId(),
      organization_id: org.id,
      client_id: clientId,
      name: "Service comptable",
      role: null,
      email,
      phone: null,
      is_billing: 1,
      created_at: at,
      updated_at: at,
    },
  ]);
}

/** Runs the day `iso` (plan + send). */
export function runOn(ctx: AppContext, org: Organization, iso: string, mailer: Mailer, filesDir: string) {
  return runDay({ ctx, org, day: day(iso), mailer, filesDir });
}

export async function outboxRows(ctx: AppContext, orgId: string) {
  return ctx.db
    .selectFrom("outbox")
    .selectAll()
    .where("organization_id", "=", orgId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}
