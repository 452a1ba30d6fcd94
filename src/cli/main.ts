import { Command, CommanderError } from "commander";
import { registerClaim } from "./commands/claim.js";
import { registerClients } from "./commands/clients.js";
import { registerDemo } from "./commands/demo.js";
import { registerExport } from "./commands/export.js";
import { registerInit } from "./commands/init.js";
import { registerImport, registerInvoices } from "./commands/invoices.js";
import { registerPayments } from "./commands/payments.js";
import { registerPenalties } from "./commands/penalties.js";
import { registerPrescription } from "./commands/prescription.js";
import { registerRates } from "./commands/rates.js";
import { registerRun } from "./commands/run.js";
import { registerServe } from "./commands/serve.js";
import { registerSettings } from "./commands/settings.js";
import { registerUsers } from "./commands/users.js";
import { EXIT_CODES } from "./output.js";

export function buildProgram(): Command {
  const program = new Command("relance")
    .description("Relance — get your invoices paid / faites-vous payer vos factures")
    .option(
      "--db <path>",
      "SQLite file or postgres:// URL (or RELANCE_DB, DATABASE_URL); default ./data/relance.db",
    )
    .option("--org <id>", "organization id (default: the first one)")
    .option("--json", "print one JSON document on stdout")
    .option("--lang <fr|en>", "language of messages (default: from LANG, else French)")
    .showHelpAfterError()
    .exitOverride();
  registerInit(program);
  registerServe(program);
  registerDemo(program);
  registerClients(program);
  registerInvoices(program);
  registerPayments(program);
  registerImport(program);
  registerExport(program);
  registerUsers(program);
  registerRates(program);
  registerPenalties(program);
  registerClaim(program);
  registerPrescription(program);
  registerRun(program);
  registerSettings(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_CODES.invalid_input;
      return;
    }
    throw error;
  }
}
