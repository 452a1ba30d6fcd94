import type { Command } from "commander";
import { loadDemo } from "../../app/demo/load-demo.js";
import { AppError } from "../../app/errors.js";
import { formatMessage } from "../../core/messages.js";
import { countClients } from "../../db/repositories/clients.js";
import { countInvoices } from "../../db/repositories/invoices.js";
import { withRuntime } from "../command.js";
import { printJson, printLine } from "../output.js";

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("load the demo organization / charge l'entreprise de démonstration")
    .option("--seed <n>", "random seed of the generated ledger")
    .action(
      withRuntime(
        async (rt, env, opts: { seed?: string }) => {
          const seed = opts.seed === undefined ? undefined : Number(opts.seed);
          if (seed !== undefined && !Number.isSafeInteger(seed)) {
            throw new AppError("invalid_input", "cli.invalid_integer", {
              option: "--seed",
              value: String(opts.seed),
            });
          }
          const { org, created } = await loadDemo({ ctx: rt.ctx, ...(seed !== undefined ? { seed } : {}) });
          const clients = await countClients(rt.ctx.db, org.id);
          const invoices = await countInvoices(rt.ctx.db, org.id);
          if (env.json) return printJson({ id: org.id, name: org.name, created, clients, invoices });
          printLine(
            formatMessage(env.locale, created ? "demo.loaded_counts" : "demo.already_loaded", {
              name: org.name,
              clients,
              invoices,
            }),
          );
        },
        { create: true },
      ),
    );
}
