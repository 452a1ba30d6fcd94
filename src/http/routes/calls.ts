import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { cancelPromise } from "../../app/calls/cancel-promise.js";
import { getCallSheet } from "../../app/calls/get-call-sheet.js";
import { listCalls } from "../../app/calls/list-calls.js";
import { listPromises } from "../../app/calls/list-promises.js";
import { logCall } from "../../app/calls/log-call.js";
import { makeCallSheetPdf } from "../../app/calls/make-call-sheet-pdf.js";
import { CALL_OUTCOMES, PROMISE_STATES, TONES } from "../../app/calls/present-call.js";
import { getClientScore } from "../../app/clients/get-client-score.js";
import type { PromiseState } from "../../db/schema.js";
import { orgOf } from "../auth.js";
import { decodeCursor, PageQuery, pageOf, toPage } from "../pagination.js";
import type { RouteDeps } from "../server.js";
import { IdParams, IsoDate } from "./invoices.js";

const Id = z.string().max(64);
const Grade = z.enum(["A", "B", "C", "D"]).nullable();
const Tone = z.enum(TONES);

const ScoreSchema = z.object({
  value: z.number().int().nullable(),
  grade: Grade,
  tone: Tone,
  average_days_late: z.number().nullable(),
  invoices: z.number().int(),
  late_invoices: z.number().int(),
  longest_delay_days: z.number().int(),
  trend: z.enum(["improving", "stable", "worsening"]),
  broken_promises: z.number().int(),
  first_delay: z.boolean(),
});

const CallSchema = z.object({
  id: z.string(),
  client_id: z.string(),
  client_name: z.string(),
  user_name: z.string().nullable(),
  occurred_at: z.string(),
  occurred_on: z.string(),
  contact_id: z.string().nullable(),
  contact_name: z.string().nullable(),
  phone: z.string().nullable(),
  outcome: z.enum(CALL_OUTCOMES),
  call_back_on: z.string().nullable(),
  notes: z.string().nullable(),
  tone: z.string().nullable(),
});

const PromiseSchema = z.object({
  id: z.string(),
  client_id: z.string(),
  client_name: z.string(),
  call_id: z.string().nullable(),
  amount_cents: z.number().int(),
  promised_on: z.string(),
  grace_days: z.number().int(),
  hold_until: z.string(),
  state: z.enum(PROMISE_STATES),
  resolved_on: z.string().nullable(),
  invoice_ids: z.array(z.string()),
  holds_client: z.boolean(),
  created_at: z.string(),
});

const CallSheetSchema = z.object({
  as_of: z.string(),
  locale: z.enum(["fr", "en"]),
  organization: z.object({ name: z.string(), phone: z.string().nullable(), email: z.string().nullable() }),
  client: z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(["business", "consumer", "public"]),
    siren: z.string().nullable(),
    hold_kind: z.string().nullable(),
    hold_until: z.string().nullable(),
    hold_reason: z.string().nullable(),
  }),
  contacts: z.array(
    z.object({
      id: z.string(),
      name: z.string().nullable(),
      role: z.string().nullable(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      is_billing: z.boolean(),
    }),
  ),
  best_phone: z
    .object({ contact_id: z.string().nullable(), name: z.string().nullable(), phone: z.string() })
    .nullable(),
  invoices: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      issue_date: z.string().nullable(),
      due_date: z.string(),
      total_cents: z.number().int(),
      balance_cents: z.number().int(),
      days_late: z.number().int(),
      disputed: z.boolean(),
      hold_kind: z.string().nullable(),
      hold_until: z.string().nullable(),
      penalty_cents: z.number().int().nullable(),
      indemnity_cents: z.number().int().nullable(),
      interest_cents: z.number().int().nullable(),
      total_claim_cents: z.number().int().nullable(),
    }),
  ),
  totals: z.object({
    balance_cents: z.number().int(),
    overdue_cents: z.number().int(),
    claim_cents: z.number().int(),
    extras_cents: z.number().int(),
  }),
  score: ScoreSchema,
  script: z.object({
    tone: Tone,
    opening: z.string(),
    points: z.array(z.string()),
    proposals: z.array(
      z.object({
        kind: z.enum(["payment_date", "plan", "bill"]),
        date: z.string().nullable(),
        text: z.string(),
        link: z.string().nullable(),
      }),
    ),
  }),
  history: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      occurred_on: z.string(),
      occurred_at: z.string(),
      summary: z.string(),
      client_id: z.string().nullable(),
      invoice_id: z.string().nullable(),
      invoice_number: z.string().nullable(),
      invoice_numbers: z.array(z.string()),
      user_name: z.string().nullable(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
  calls: z.array(CallSchema),
  promises: z.array(PromiseSchema),
  documents: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      filename: z.string(),
      invoice_id: z.string().nullable(),
      created_at: z.string(),
    }),
  ),
});

const LogCallBody = z.strictObject({
  outcome: z.enum(CALL_OUTCOMES),
  notes: z.string().max(10_000).nullable().optional(),
  contact_id: Id.nullable().optional(),
  phone: z.string().max(40).nullable().optional(),
  tone: Tone.nullable().optional(),
  call_back_on: IsoDate.nullable().optional(),
  promise: z
    .strictObject({
      amount_cents: z.number().int().min(1),
      promised_on: IsoDate,
      invoice_ids: z.array(Id).max(500).nullable().optional(),
      grace_days: z.number().int().min(0).max(30).nullable().optional(),
    })
    .nullable()
    .optional(),
  dispute: z
    .strictObject({ invoice_id: Id, reason: z.string().trim().min(1).max(2000) })
    .nullable()
    .optional(),
  plan_requested: z.boolean().optional(),
});

const LoggedCallSchema = z.object({
  id: z.string(),
  client_id: z.string(),
  outcome: z.enum(CALL_OUTCOMES),
  occurred_at: z.string(),
  tone: z.string(),
  promise: PromiseSchema.nullable(),
  dispute_invoice_id: z.string().nullable(),
  task_ids: z.array(z.string()),
});

const CallCursor = z.object({ a: z.string(), i: z.string() });
const PromiseCursor = z.object({ c: z.string(), i: z.string() });

const PromisesQuery = z.strictObject({
  /** One state or a comma-separated list. */
  state: z.string().max(100).optional(),
  client_id: Id.optional(),
  ...PageQuery,
});

export function callsRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["calls"];

  api.get(
    "/api/v1/clients/:id/score",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags,
        summary: "How the client pays: the payment score over 12 months, its grade and the tone it calls for",
        params: IdParams,
        response: { 200: ScoreSchema.extend({ client_id: z.string(), as_of: z.string() }) },
      },
    },
    async (request) => getClientScore({ ctx, org: orgOf(request).org, id: request.params.id }),
  );

  api.get(
    "/api/v1/clients/:id/call-sheet",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags,
        summary:
          "The call sheet (fiche d'appel): contacts, what is owed with the claim, history, behaviour, script",
        params: IdParams,
        response: { 200: CallSheetSchema },
      },
    },
    async (request) =>
      getCallSheet({
        ctx,
        org: orgOf(request).org,
        clientId: request.params.id,
        locale: request.locale ?? "fr",
      }),
  );

  api.get(
    "/api/v1/clients/:id/call-sheet.pdf",
    {
      config: { access: { permission: "ledger:read" } },
      schema: { tags, summary: "The call sheet as a PDF", params: IdParams },
    },
    async (request, reply) => {
      const { org } = orgOf(request);
      const { pdf, filename } = await makeCallSheetPdf({
        ctx,
        org,
        clientId: request.params.id,
        locale: request.locale ?? "fr",
      });
      return reply
        .header("Content-Type", "application/pdf")
        .header("Content-Disposition", `attachment; filename="${filename}"`)
        .header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", "no-store")
        .send(pdf);
    },
  );

  api.post(
    "/api/v1/clients/:id/calls",
    {
      config: { access: { permission: "actions:write" } },
      schema: {
        tags,
        summary:
          "Log a call and its follow-ups: a promise to pay (holds reminders until its date + grace), a dispute of one invoice, a call back, a payment plan request",
        params: IdParams,
        body: LogCallBody,
        response: { 201: LoggedCallSchema },
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      const b = request.body;
      const logged = await logCall({
        ctx,
        org,
        userId,
        clientId: request.params.id,
        input: {
          outcome: b.outcome,
          ...(b.notes !== undefined ? { notes: b.notes } : {}),
          ...(b.contact_id !== undefined ? { contact_id: b.contact_id } : {}),
          ...(b.phone !== undefined ? { phone: b.phone } : {}),
          ...(b.tone !== undefined ? { tone: b.tone } : {}),
          ...(b.call_back_on !== undefined ? { call_back_on: b.call_back_on } : {}),
          ...(b.promise ? { promise: b.promise } : {}),
          ...(b.dispute ? { dispute: b.dispute } : {}),
          ...(b.plan_requested ? { plan_requested: true } : {}),
        },
        locale: request.locale,
      });
      return reply.status(201).send(logged);
    },
  );

  api.get(
    "/api/v1/clients/:id/calls",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags,
        summary: "The client's calls, newest first",
        params: IdParams,
        querystring: z.strictObject(PageQuery),
        response: { 200: pageOf(CallSchema) },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      const q = request.query;
      const before = q.cursor ? decodeCursor(CallCursor, q.cursor) : undefined;
      const rows = await listCalls({
        ctx,
        org,
        clientId: request.params.id,
        limit: q.limit + 1,
        ...(before ? { before: { occurred_at: before.a, id: before.i } } : {}),
      });
      return toPage(
        rows,
        q.limit,
        (r) => r,
        (r) => ({ a: r.occurred_at, i: r.id }),
      );
    },
  );

  api.get(
    "/api/v1/promises",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags,
        summary:
          "Promises to pay, newest first: state open, kept, broken, cancelled (or a comma-separated list)",
        querystring: PromisesQuery,
        response: { 200: pageOf(PromiseSchema) },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      const q = request.query;
      const states = q.state
        ?.split(",")
        .map((s) => s.trim())
        .filter((s): s is PromiseState => (PROMISE_STATES as readonly string[]).includes(s));
      const before = q.cursor ? decodeCursor(PromiseCursor, q.cursor) : undefined;
      const rows = await listPromises({
        ctx,
        org,
        limit: q.limit + 1,
        ...(states && states.length > 0 ? { states } : {}),
        ...(q.client_id ? { clientId: q.client_id } : {}),
        ...(before ? { before: { created_at: before.c, id: before.i } } : {}),
      });
      return toPage(
        rows,
        q.limit,
        (r) => r,
        (r) => ({ c: r.created_at, i: r.id }),
      );
    },
  );

  api.post(
    "/api/v1/promises/:id/cancel",
    {
      config: { access: { permission: "actions:write" } },
      schema: {
        tags,
        summary: "Cancel an open promise: its hold is lifted",
        params: IdParams,
        response: { 200: PromiseSchema },
      },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      return cancelPromise({ ctx, org, userId, id: request.params.id });
    },
  );
}
