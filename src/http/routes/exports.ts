import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { downloadTracking } from "../../app/tracking/download-tracking.js";
import { orgOf } from "../auth.js";
import type { RouteDeps } from "../server.js";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function exportsRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { ctx } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/v1/exports/tracking.xlsx",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["exports"],
        summary: "The tracking workbook (XLSX): one row per open invoice and a summary by aging bucket",
        querystring: z.strictObject({}),
        produces: [XLSX_TYPE],
      },
    },
    async (request, reply) => {
      const { org } = orgOf(request);
      const download = await downloadTracking({ ctx, org, locale: request.locale });
      return reply
        .header("Content-Type", XLSX_TYPE)
        .header("Content-Length", String(download.size))
        .header("Content-Disposition", `attachment; filename="${download.filename}"`)
        .send(download.stream);
    },
  );
}
