import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { downloadAging } from "../../app/cash/download-aging.js";
import { collectedCsv, exportCollected } from "../../app/cash/export-collected.js";
import { getAging } from "../../app/cash/get-aging.js";
import { getIndicators } from "../../app/cash/get-indicators.js";
import { COLLECTION_STEPS } from "../../core/cash/collection-steps.js";
import { slugify } from "../../core/slug.js";
import { orgOf } from "../auth.js";
import type { RouteDeps } from "../server.js";
import { XLSX_TYPE } from "./exports.js";

const cents = z.number().int();
const Amounts = {
  not_due_cents: cents,
  d1_30_cents: cents,
  d31_60_cents: cents,
  d61_90_cents: cents,
  over_90_cents: cents,
  total_cents: cents,
  invoices: z.number().int(),
};

const AgingSchema = z.object({
  as_of: z.string(),
  rows: z.array(z.object({ client_id: z.string(), name: z.string(), ...Amounts })),
  total: z.object(Amounts),
});

const CollectedSchema = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(
    z.object({
      invoice_number: z.string(),
      invoice_date: z.string().nullable(),
      client_siren: z.string().nullable(),
      payment_date: z.string(),
      amount_cents: cents,
      amount: z.string(),
      payment_method: z.string(),
      status_code: z.number().int(),
      status_label: z.string(),
    }),
  ),
});

const IndicatorsSchema = z.object({
  as_of: z.string(),
  months: z.array(
    z.object({
      month: z.string(),
      end: z.string(),
      receivables_cents: cents,
      current_receivables_cents: cents,
      credit_sales_cents: cents,
      dso_days: z.number().int().nullable(),
      cei_percent: z.number().nullable(),
      collected_cents: cents,
      collected_by_step: z.object(Object.fromEntries(COLLECTION_STEPS.map((s) => [s, cents]))),
    }),
  ),
  slowest_clients: z.array(
    z.object({
      client_id: z.string(),
      name: z.string(),
      average_days_late: z.number(),
      collected_cents: cents,
      payments: z.number().int(),
    }),
  ),
});

/** Validated by the use cases (a clear AppError on a bad date), so the query is taken as strings. */
const AgingQuery = z.strictObject({ as_of: z.string().optional() });
const CollectedQuery = z.strictObject({ from: z.string().optional(), to: z.string().optional() });

export function cashRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { ctx } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const access = { access: { permission: "ledger:read" } } as const;

  api.get(
    "/api/v1/aging",
    {
      config: access,
      schema: {
        tags: ["ledger"],
        summary:
          "The aging balance (balance âgée) as of a day: each client's balance in five buckets of days past due, and the total",
        querystring: AgingQuery,
        response: { 200: AgingSchema },
      },
    },
    async (request) => getAging({ ctx, org: orgOf(request).org, asOf: request.query.as_of }),
  );

  api.get(
    "/api/v1/indicators",
    {
      config: access,
      schema: {
        tags: ["ledger"],
        summary:
          "The cash indicators of the 12 months ending with the month of as_of: DSO, CEI, collected per step, the clients paying latest",
        querystring: AgingQuery,
        response: { 200: IndicatorsSchema },
      },
    },
    async (request) => getIndicators({ ctx, org: orgOf(request).org, asOf: request.query.as_of }),
  );

  for (const format of ["xlsx", "pdf"] as const) {
    api.get(
      `/api/v1/aging.${format}`,
      {
        config: access,
        schema: {
          tags: ["exports"],
          summary: `The aging balance as of a day, as ${format === "xlsx" ? "a workbook (XLSX)" : "a PDF"}`,
          querystring: AgingQuery,
          produces: [format === "xlsx" ? XLSX_TYPE : "application/pdf"],
        },
      },
      async (request, reply) => {
        const download = await downloadAging({
          ctx,
          org: orgOf(request).org,
          asOf: request.query.as_of,
          format,
          locale: request.locale,
        });
        return reply
          .header("Content-Type", format === "xlsx" ? XLSX_TYPE : "application/pdf")
          .header("Content-Disposition", `attachment; filename="${download.filename}"`)
          .header("X-Content-Type-Options", "nosniff")
          .header("Cache-Control", "no-store")
          .send(download.body);
      },
    );
  }

  api.get(
    "/api/v1/collected.json",
    {
      config: access,
      schema: {
        tags: ["exports"],
        summary:
          "The « Encaissée » (status 212) data of the payments received in [from, to]: one row per allocation to an invoice",
        querystring: CollectedQuery,
        response: { 200: CollectedSchema },
      },
    },
    async (request) => exportCollected({ ctx, org: orgOf(request).org, ...request.query }),
  );

  api.get(
    "/api/v1/collected.csv",
    {
      config: access,
      schema: {
        tags: ["exports"],
        summary: "The « Encaissée » (status 212) export as CSV (semicolon, decimal comma, UTF-8 with BOM)",
        querystring: CollectedQuery,
        produces: ["text/csv"],
      },
    },
    async (request, reply) => {
      const { org } = orgOf(request);
      const data = await exportCollected({ ctx, org, ...request.query });
      const filename = `encaissees-${slugify(org.name, "entreprise")}-${data.from}-${data.to}.csv`;
      return reply
        .header("Content-Type", "text/csv; charset=utf-8")
        .header("Content-Disposition", `attachment; filename="${filename}"`)
        .header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", "no-store")
        .send(collectedCsv(data));
    },
  );
}
