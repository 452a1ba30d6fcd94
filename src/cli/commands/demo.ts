import type { Command } from "commander";
import { loadDemo } from "../../app/demo/load-demo.js";
import { countClients } from "../../db/repositories/clients.js";
import { countInvoices } from "../../db/repositories/invoices.js";
import { formatMessage } from "../../core/messages.js";
import { withRuntime } from "../command.js";
import { printJson, printLine } from "../output.js";

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("load the demo organization / charge l'entreprise de démonstration")
    .option("--seed <n>", "random seed of the generated ledger", "1")
    .action(
      withRuntime(async (rt, env, opts: { seed: string }) => {
        const { org, created } = await loadDemo({ ctx: rt.ctx, seed: Number(opts.seed) || 1 });
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
      }),
    );
}
