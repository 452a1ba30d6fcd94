import type { FastifyInstance } from "fastify";
import { listClients } from "../../app/clients/list-clients.js";
import type { AppContext } from "../../app/context.js";
import { isAppError } from "../../app/errors.js";
import { summarizeLedger } from "../../app/invoices/summarize-ledger.js";
import { resolveOrganization } from "../../app/organizations/resolve-organization.js";
import { type Cents, formatEuros } from "../../core/money.js";
import { escapeHtml } from "../html.js";

/** A plain overview page until the web application lands: what is owed, what is late, where the API is. */
export function homeRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get("/", async (_request, reply) => {
    const org = await resolveOrganization(ctx.db).catch((e: unknown) => {
      if (isAppError(e) && e.code === "no_organization") return undefined;
      throw e;
    });
    let body: string;
    if (!org) {
      body = `<p>Aucune entreprise pour l'instant. Lancez <code>npx relance init --name "Votre entreprise"</code> ou <code>npx relance demo</code>.</p>`;
    } else {
      const clients = await listClients({ ctx, org, sort: "overdue", limit: 10 });
      const totals = await summarizeLedger({ ctx, org });
      const outstanding = totals.outstanding_cents as Cents;
      const overdue = totals.overdue_cents as Cents;
      const rows = clients
        .filter((c) => c.overdue_cents > 0)
        .map(
          (c) =>
            `<tr><td>${escapeHtml(c.name)}</td><td class="n">${escapeHtml(formatEuros(c.outstanding_cents as Cents))}</td><td class="n">${escapeHtml(formatEuros(c.overdue_cents as Cents))}</td></tr>`,
        )
        .join("");
      body = `
  <h1>${escapeHtml(org.name)}</h1>
  <div class="cards">
    <div class="card"><span>Encours</span><strong>${escapeHtml(formatEuros(outstanding))}</strong></div>
    <div class="card late"><span>En retard</span><strong>${escapeHtml(formatEuros(overdue))}</strong></div>
    <div class="card"><span>Factures ouvertes</span><strong>${totals.open_count}</strong></div>
  </div>
  <h2>Clients les plus en retard</h2>
  <table><thead><tr><th>Client</th><th class="n">Encours</th><th class="n">En retard</th></tr></thead><tbody>${rows}</tbody></table>`;
    }
    return reply.type("text/html; charset=utf-8").send(`<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Relance</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 56rem; padding: 0 1rem; color: #1f2933; }
  .cards { display: flex; gap: 1rem; flex-wrap: wrap; }
  .card { border: 1px solid #d9e2ec; border-radius: .5rem; padding: 1rem 1.25rem; min-width: 12rem; }
  .card span { display: block; color: #52606d; font-size: .9rem; }
  .card strong { font-size: 1.5rem; }
  .card.late strong { color: #c62828; }
  table { border-collapse: collapse; width: 100%; margin-top: .5rem; }
  th, td { padding: .4rem .6rem; border-bottom: 1px solid #e4e7eb; text-align: left; }
  .n { text-align: right; font-variant-numeric: tabular-nums; }
  footer { margin-top: 2rem; color: #52606d; font-size: .9rem; }
</style></head>
<body>
  <header><strong>Relance</strong> — faites-vous payer, simplement.</header>
  ${body}
  <footer>API : <a href="/api/health">/api/health</a> · <a href="/api/v1/clients">/api/v1/clients</a> · <a href="/api/v1/invoices">/api/v1/invoices</a></footer>
</body></html>`);
  });
}
