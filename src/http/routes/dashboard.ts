import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AGING_BUCKET_NAMES, getDashboard } from "../../app/dashboard/get-dashboard.js";
import { orgOf } from "../auth.js";
import type { RouteDeps } from "../server.js";

const DashboardSchema = z.object({
  today: z.string(),
  outstanding_cents: z.number().int(),
  overdue_cents: z.number().int(),
  due_this_week_cents: z.number().int(),
  collected_this_month_cents: z.number().int(),
  aging: z.array(
    z.object({ bucket: z.enum(AGING_BUCKET_NAMES), cents: z.number().int(), count: z.number().int() }),
  ),
  dso_days: z.number().int().nullable(),
  late_clients: z.array(
    z.object({
      client_id: z.string(),
      name: z.string(),
      overdue_cents: z.number().int(),
      max_days_late: z.number().int(),
    }),
  ),
  today_actions: z.array(
    z.object({
      kind: z.string(),
      title: z.string(),
      client_id: z.string().nullable(),
      client: z.string().nullable(),
      invoice_id: z.string().nullable(),
      number: z.string().nullable(),
      amount_cents: z.number().int().nullable(),
      due_on: z.string().nullable(),
      payment_id: z.string().nullable(),
    }),
  ),
  counts: z.object({ clients: z.number().int(), invoices: z.number().int() }),
});

export function dashboardRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { ctx } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/v1/dashboard",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["ledger"],
        summary:
          "Today's position: outstanding, overdue, due this week, collected this month, aging, DSO, late clients, today's actions",
        querystring: z.strictObject({}),
        response: { 200: DashboardSchema },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      return getDashboard({ ctx, org, locale: request.locale });
    },
  );
}
