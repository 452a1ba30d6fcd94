import { createReadStream } from "node:fs";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { acknowledgementDocument } from "../../app/plans/acknowledgement-document.js";
import { activatePlan } from "../../app/plans/activate-plan.js";
import { cancelPlan } from "../../app/plans/cancel-plan.js";
import { createPlan } from "../../app/plans/create-plan.js";
import { getPlan } from "../../app/plans/get-plan.js";
import { listPlans } from "../../app/plans/list-plans.js";
import { previewPlan } from "../../app/plans/preview-plan.js";
import { signPlan } from "../../app/plans/sign-plan.js";
import { MAX_INSTALLMENTS } from "../../core/plans/schedule.js";
import { orgOf } from "../auth.js";
import type { RouteDeps } from "../server.js";
import { attachmentDisposition } from "./documents.js";
import { IdParams, IsoDate } from "./invoices.js";

const Cents = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** What a plan's schedule is made of: installments, or a count with the first date, or dates (+ amounts). */
const ScheduleFields = {
  client_id: z.string().max(64),
  invoice_ids: z.array(z.string().max(64)).max(500).optional(),
  count: z.number().int().min(1).max(MAX_INSTALLMENTS).optional(),
  first_on: IsoDate.optional(),
  frequency: z.enum(["weekly", "biweekly", "monthly"]).optional(),
  dates: z.array(IsoDate).min(1).max(MAX_INSTALLMENTS).optional(),
  amounts: z.array(Cents).max(MAX_INSTALLMENTS).optional(),
  installments: z
    .array(z.strictObject({ due_on: IsoDate, amount_cents: Cents }))
    .min(1)
    .max(MAX_INSTALLMENTS)
    .optional(),
};
const PreviewBody = z.strictObject(ScheduleFields);
const CreateBody = z.strictObject({
  ...ScheduleFields,
  grace_days: z.number().int().min(0).max(60).optional(),
  notes: z.string().max(2000).nullable().optional(),
});
const SignBody = z.strictObject({ signed_on: IsoDate.optional(), activate: z.boolean().optional() });
const ListQuery = z.strictObject({
  client_id: z.string().max(64).optional(),
  /** One state or a comma-separated list. */
  state: z.string().max(200).optional(),
});

const Installment = z.object({
  position: z.number().int(),
  due_on: z.string(),
  amount_cents: z.number().int(),
});
const PlanSchema = z.object({
  id: z.string(),
  client_id: z.string(),
  client_name: z.string(),
  state: z.enum(["draft", "signed", "active", "completed", "broken", "cancelled"]),
  total_cents: z.number().int(),
  paid_cents: z.number().int(),
  remaining_cents: z.number().int(),
  grace_days: z.number().int(),
  frequency: z.string().nullable(),
  created_on: z.string(),
  signed_on: z.string().nullable(),
  activated_on: z.string().nullable(),
  completed_on: z.string().nullable(),
  broken_on: z.string().nullable(),
  cancelled_on: z.string().nullable(),
  document_id: z.string().nullable(),
  notes: z.string().nullable(),
  invoices: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      issue_date: z.string().nullable(),
      due_date: z.string(),
      total_cents: z.number().int(),
      balance_cents: z.number().int(),
      current_balance_cents: z.number().int(),
    }),
  ),
  installments: z.array(
    Installment.extend({
      id: z.string(),
      paid_cents: z.number().int(),
      paid_on: z.string().nullable(),
      state: z.enum(["pending", "paid", "late", "missed"]),
    }),
  ),
  created_at: z.string(),
});
const PreviewSchema = z.object({
  client_id: z.string(),
  balance_cents: z.number().int(),
  invoices: z.array(
    z.object({ id: z.string(), number: z.string(), due_date: z.string(), balance_cents: z.number().int() }),
  ),
  installments: z.array(Installment),
});

function scheduleOf(body: z.infer<typeof PreviewBody>) {
  return {
    count: body.count ?? null,
    first_on: body.first_on ?? null,
    frequency: body.frequency ?? null,
    dates: body.dates ?? null,
    amounts: body.amounts ?? null,
    installments: body.installments ?? null,
  };
}

/** Payment plans (échéanciers) and their acknowledgement of debt (docs/plans.md). */
export function plansRoutes(app: FastifyInstance, { ctx, options }: RouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["plans"];
  const write = { access: { permission: "dunning:write" as const } };
  const read = { access: { permission: "ledger:read" as const } };

  api.post(
    "/api/v1/plans/preview",
    {
      config: write,
      schema: {
        tags,
        summary: "The schedule a plan would have (nothing saved)",
        body: PreviewBody,
        response: { 200: PreviewSchema },
      },
    },
    async (request) =>
      previewPlan({
        ctx,
        org: orgOf(request).org,
        clientId: request.body.client_id,
        invoiceIds: request.body.invoice_ids ?? null,
        schedule: scheduleOf(request.body),
        locale: request.locale,
      }),
  );

  api.post(
    "/api/v1/plans",
    {
      config: write,
      schema: {
        tags,
        summary: "Propose a payment plan (draft)",
        body: CreateBody,
        response: { 201: PlanSchema },
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      const body = request.body;
      const plan = await createPlan({
        ctx,
        org,
        userId,
        clientId: body.client_id,
        invoiceIds: body.invoice_ids ?? null,
        schedule: scheduleOf(body),
        graceDays: body.grace_days ?? null,
        notes: body.notes ?? null,
        locale: request.locale,
      });
      return reply.status(201).send(plan);
    },
  );

  api.get(
    "/api/v1/plans",
    {
      config: read,
      schema: {
        tags,
        summary: "Payment plans, newest first",
        querystring: ListQuery,
        response: { 200: z.object({ data: z.array(PlanSchema) }) },
      },
    },
    async (request) => {
      const q = request.query;
      const data = await listPlans({
        ctx,
        org: orgOf(request).org,
        clientId: q.client_id ?? null,
        states: q.state?.split(",").map((s) => s.trim()) ?? null,
      });
      return { data };
    },
  );

  api.get(
    "/api/v1/plans/:id",
    {
      config: read,
      schema: {
        tags,
        summary: "One plan, its installments matched to the payments",
        params: IdParams,
        response: { 200: PlanSchema },
      },
    },
    async (request) => getPlan({ ctx, org: orgOf(request).org, id: request.params.id }),
  );

  api.post(
    "/api/v1/plans/:id/sign",
    {
      config: write,
      schema: {
        tags,
        summary: "The acknowledgement of debt is signed: the plan starts",
        params: IdParams,
        body: SignBody,
        response: { 200: PlanSchema },
      },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      return signPlan({
        ctx,
        org,
        userId,
        id: request.params.id,
        signedOn: request.body.signed_on ?? null,
        locale: request.locale,
        ...(request.body.activate === false ? { activate: false } : {}),
      });
    },
  );

  api.post(
    "/api/v1/plans/:id/activate",
    {
      config: write,
      schema: {
        tags,
        summary: "Start a plan signed without starting (sign with activate: false)",
        params: IdParams,
        response: { 200: PlanSchema },
      },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      return activatePlan({ ctx, org, userId, id: request.params.id });
    },
  );

  api.post(
    "/api/v1/plans/:id/cancel",
    {
      config: write,
      schema: {
        tags,
        summary: "Withdraw a plan not started",
        params: IdParams,
        response: { 200: PlanSchema },
      },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      return cancelPlan({ ctx, org, userId, id: request.params.id });
    },
  );

  api.get(
    "/api/v1/plans/:id/acknowledgement.pdf",
    {
      config: write,
      schema: {
        tags,
        summary: "The acknowledgement of debt (reconnaissance de dette), PDF",
        params: IdParams,
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      const { document, path } = await acknowledgementDocument({
        ctx,
        org,
        userId,
        id: request.params.id,
        filesDir: options.filesDir,
      });
      return reply
        .header("Content-Type", "application/pdf")
        .header("Content-Length", String(document.size_bytes))
        .header("Content-Disposition", attachmentDisposition(document.filename))
        .header("X-Content-Type-Options", "nosniff")
        .send(createReadStream(path));
    },
  );
}
