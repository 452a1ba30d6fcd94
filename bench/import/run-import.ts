// Child process: imports the CSV through Relance's own path (reader, validation, clients, batched writes).
import pino from "pino";
import { systemClock } from "../../src/app/context.js";
import { importInvoices } from "../../src/app/invoices/import-invoices.js";
import { initOrganization } from "../../src/app/organizations/init-organization.js";
import { openDatabase } from "../../src/db/connect.js";
import { migrateToLatest } from "../../src/db/migrate.js";

const [url, csv] = process.argv.slice(2) as [string, string];
const handle = openDatabase({ url });
await migrateToLatest(handle.db);
const ctx = {
  db: handle.db,
  dialect: handle.dialect,
  clock: systemClock,
  log: pino({ level: "silent" }),
  locale: "fr" as const,
};
const org = await initOrganization({ ctx, name: "Bench SARL" });
const started = performance.now();
const report = await importInvoices({ ctx, org, path: csv });
const seconds = (performance.now() - started) / 1000;
await handle.close();
if (report.error_count > 0) throw new Error(`import refused: ${JSON.stringify(report.errors.slice(0, 3))}`);
process.stdout.write(
  JSON.stringify({ rows: report.imported, seconds, peak_rss_mb: process.resourceUsage().maxRSS / 1024 }),
);
