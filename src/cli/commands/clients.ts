import type { Command } from "commander";
import { listClients } from "../../app/clients/list-clients.js";
import { formatMessage } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import { withRuntime } from "../command.js";
import { formatTable, printJson, printLine } from "../output.js";

export function registerClients(program: Command): void {
  const clients = program.command("clients").description("clients (debtors) / clients");
  clients
    .command("list")
    .description("list clients with what they owe / liste des clients et de leurs encours")
    .option("--search <text>", "filter by name")
    .option("--sort <order>", "name | overdue", "name")
    .action(
      withRuntime(async (rt, env, opts: { search?: string; sort: string }) => {
        const org = await rt.organization();
        const rows = await listClients({
          ctx: rt.ctx,
          org,
          ...(opts.search ? { search: opts.search } : {}),
          sort: opts.sort === "overdue" ? "overdue" : "name",
          limit: 100_000,
        });
        if (env.json) return printJson(rows);
        const t = (code: Parameters<typeof formatMessage>[1]) => formatMessage(env.locale, code);
        const money = (c: number) => formatEuros(c as Cents, env.locale);
        printLine(
          formatTable(
            [
              { title: t("cli.col.client") },
              { title: "SIREN" },
              { title: t("cli.col.invoices"), right: true },
              { title: t("cli.col.outstanding"), right: true },
              { title: t("cli.col.overdue"), right: true },
            ],
            rows.map((c) => [
              c.name,
              c.siren ?? "",
              String(c.invoice_count),
              money(c.outstanding_cents),
              money(c.overdue_cents),
            ]),
          ),
        );
        printLine(formatMessage(env.locale, "cli.count_clients", { n: rows.length }));
      }),
    );
}
