import { Command, CommanderError } from "commander";
import { EXIT_CODES } from "./output.js";

type Register = (program: Command) => void;

/**
 * Each command's module, loaded on demand: a command starts with its own imports only (the HTTP server, the
 * spreadsheet writer, the PDF and mail stacks are heavy), which keeps `relance run` from cron and the CLI tests
 * fast. In the order `relance --help` lists them.
 */
const COMMANDS: [name: string, load: () => Promise<Register>][] = [
  ["init", async () => (await import("./commands/init.js")).registerInit],
  ["serve", async () => (await import("./commands/serve.js")).registerServe],
  ["demo", async () => (await import("./commands/demo.js")).registerDemo],
  ["clients", async () => (await import("./commands/clients.js")).registerClients],
  ["invoices", async () => (await import("./commands/invoices.js")).registerInvoices],
  ["payments", async () => (await import("./commands/payments.js")).registerPayments],
  ["bank-lines", async () => (await import("./commands/bank-lines.js")).registerBankLines],
  ["documents", async () => (await import("./commands/documents.js")).registerDocuments],
  ["quotes", async () => (await import("./commands/quotes.js")).registerQuotes],
  ["bills", async () => (await import("./commands/bills.js")).registerBills],
  ["case", async () => (await import("./commands/case.js")).registerCase],
  ["import", async () => (await import("./commands/invoices.js")).registerImport],
  ["export", async () => (await import("./commands/export.js")).registerExport],
  ["forecast", async () => (await import("./commands/forecast.js")).registerForecast],
  ["aging", async () => (await import("./commands/aging.js")).registerAging],
  ["indicators", async () => (await import("./commands/indicators.js")).registerIndicators],
  ["users", async () => (await import("./commands/users.js")).registerUsers],
  ["rates", async () => (await import("./commands/rates.js")).registerRates],
  ["penalties", async () => (await import("./commands/penalties.js")).registerPenalties],
  ["claim", async () => (await import("./commands/claim.js")).registerClaim],
  ["prescription", async () => (await import("./commands/prescription.js")).registerPrescription],
  ["run", async () => (await import("./commands/run.js")).registerRun],
  ["calls", async () => (await import("./commands/calls.js")).registerCalls],
  ["promises", async () => (await import("./commands/calls.js")).registerPromises],
  ["plans", async () => (await import("./commands/plans.js")).registerPlans],
  ["settings", async () => (await import("./commands/settings.js")).registerSettings],
  ["worker", async () => (await import("./commands/worker.js")).registerWorker],
  ["backup", async () => (await import("./commands/backup.js")).registerBackup],
  ["restore", async () => (await import("./commands/backup.js")).registerRestore],
];

/** Global options that take a value: their value is not the command's name. */
const VALUED = new Set(["--db", "--org", "--lang"]);

/** The command named on the line (the first argument that is neither an option nor an option's value). */
export function commandName(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (VALUED.has(arg)) {
      i++;
      continue;
    }
    if (!arg.startsWith("-")) return arg;
  }
  return undefined;
}

/** The program with the command named in `args` (every command for help or an unknown name). */
export async function buildProgram(args: readonly string[] = []): Promise<Command> {
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
  const name = commandName(args);
  const known = COMMANDS.filter(([n]) => n === name);
  for (const [, load] of known.length > 0 && name !== "help" ? known : COMMANDS) (await load())(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await (await buildProgram(argv.slice(2))).parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_CODES.invalid_input;
      return;
    }
    throw error;
  }
}
