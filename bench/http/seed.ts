// Child process: a database with one organization, its owner (a password) and N invoices imported through
// Relance's own import, ready for the HTTP benchmark. Prints the owner's credentials and an invoice id as JSON.
import pino from "pino";
import { hashPassword } from "../../src/app/accounts/passwords.js";
import { systemClock } from "../../src/app/context.js";
import { importInvoices } from "../../src/app/invoices/import-invoices.js";
import { initOrganization } from "../../src/app/organizations/init-organization.js";
import { openDatabase } from "../../src/db/connect.js";
import { migrateToLatest } from "../../src/db/migrate.js";

const [url, csv] = process.argv.slice(2) as [string, string];
const handle = openDatabase({ url, create: true });
await migrateToLatest(handle.db);
const ctx = {
  db: handle.db,
  dialect: handle.dialect,
  clock: systemClock,
  log: pino({ level: "silent" }),
  locale: "fr" as const,
};
const email = "bench@relance.test";
const password = "bench-password-123";
const org = await initOrganization({ ctx, name: "Bench SARL", email });
await handle.db
  .updateTable("user")
  .set({ password_hash: await hashPassword(password) })
  .where("email", "=", email)
  .execute();
const report = await importInvoices({ ctx, org, path: csv });
if (report.error_count > 0) throw new Error(`import refused: ${JSON.stringify(report.errors.slice(0, 3))}`);
const invoice = await handle.db
  .selectFrom("invoice")
  .select("id")
  .where("organization_id", "=", org.id)
  .orderBy("id")
  .offset(Math.floor(report.imported / 2))
  .limit(1)
  .executeTakeFirstOrThrow();
await handle.close();
process.stdout.write(
  JSON.stringify({
    email,
    password,
    invoices: report.imported,
    invoice_id: invoice.id,
    organization_id: org.id,
  }),
);
