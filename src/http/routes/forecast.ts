import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { downloadForecast } from "../../app/forecast/download-forecast.js";
import { getForecast } from "../../app/forecast/get-forecast.js";
import { orgOf } from "../auth.js";
import type { RouteDeps } from "../server.js";
import { XLSX_TYPE } from "./exports.js";

const cents = z.number().int();

const ForecastSchema = z.object({
  as_of: z.string(),
  weeks: z.array(
    z.object({
      start: z.string(),
      end: z.string(),
      expected_cents: cents,
      low_cents: cents,
      high_cents: cents,
      invoices: z.number().int(),
    }),
  ),
  litigation_cents: cents,
  beyond_cents: cents,
  past: z.array(z.object({ start: z.string(), end: z.string(), expected_cents: cents, actual_cents: cents })),
});

/** Validated by getForecast (a clear AppError on a bad value), so the query is taken as strings. */
const ForecastQuery = z.strictObject({
  weeks: z.string().optional(),
  as_of: z.string().optional(),
  past: z.string().optional(),
});

export function forecastRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { ctx } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/v1/forecast",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["ledger"],
        summary:
          "The cash-flow forecast: cash expected per week (Monday–Sunday) with its low/high band, litigation apart, and past weeks' forecast against actual",
        querystring: ForecastQuery,
        response: { 200: ForecastSchema },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      const q = request.query;
      return (await getForecast({ ctx, org, weeks: q.weeks, asOf: q.as_of, past: q.past })).dto;
    },
  );

  api.get(
    "/api/v1/forecast.xlsx",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["exports"],
        summary: "The cash-flow forecast as a workbook (XLSX): weeks, past weeks, detail",
        querystring: ForecastQuery,
        produces: [XLSX_TYPE],
      },
    },
    async (request, reply) => {
      const { org } = orgOf(request);
      const q = request.query;
      const download = await downloadForecast({
        ctx,
        org,
        weeks: q.weeks,
        asOf: q.as_of,
        past: q.past,
        locale: request.locale,
      });
      return reply
        .header("Content-Type", XLSX_TYPE)
        .header("Content-Disposition", `attachment; filename="${download.filename}"`)
        .send(download.body);
    },
  );
}
