import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../app/errors.js";
import { calculatePenalties } from "../../app/law/calculate-penalties.js";
import { claimForInvoice } from "../../app/law/claim-for-invoice.js";
import { listRatesDto } from "../../app/law/list-rates.js";
import { loadRateTable } from "../../app/law/load-rate-table.js";
import { setRate } from "../../app/law/set-rate.js";
import { parseIsoDate } from "../../core/calendar.js";
import { CLAUSE_MAX_BP } from "../../core/law/clauses.js";
import { MAX_RATE_BP, MIN_RATE_BP, RATE_KINDS } from "../../core/law/rates.js";
import { orgOf } from "../auth.js";
import type { RouteDeps } from "../server.js";
import { IdParams, IsoDate } from "./invoices.js";

const RateKindSchema = z.enum(RATE_KINDS as unknown as ["ecb_refi", "legal_individual", "legal_other"]);

const RateSchema = z.object({
  id: z.string(),
  kind: RateKindSchema,
  semester: z.string(),
  valid_from: z.string(),
  valid_to: z.string(),
  rate_bp: z.number().int(),
  source: z.string(),
  confirmed: z.boolean(),
  shared: z.boolean(),
  updated_at: z.string(),
});

const SetRateBody = z.strictObject({
  kind: RateKindSchema,
  semester: z.string().regex(/^\d{4}-S[12]$/, "YYYY-S1 | YYYY-S2"),
  rate_bp: z.number().int().min(MIN_RATE_BP).max(MAX_RATE_BP),
  source: z.string().trim().min(1).max(500),
  confirmed: z.boolean(),
});

const ClaimSchema = z.object({
  principal_cents: z.number().int(),
  balance_cents: z.number().int(),
  days_late: z.number().int(),
  penalty_cents: z.number().int(),
  indemnity_cents: z.number().int(),
  interest_cents: z.number().int(),
  total_claim_cents: z.number().int(),
  periods: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      days: z.number().int(),
      rate_bp: z.number().int(),
      base_cents: z.number().int(),
      amount_cents: z.number().int(),
      kind: z.enum(["penalty", "interest"]),
    }),
  ),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
  clause: z.string(),
  debtor: z.enum(["business", "consumer", "public"]),
  due: z.string(),
  as_of: z.string(),
  notice_date: z.string().nullable(),
});

const InvoiceClaimSchema = ClaimSchema.extend({
  invoice: z.object({
    id: z.string(),
    number: z.string(),
    client_id: z.string(),
    client: z.string(),
    client_kind: z.string(),
    due_date: z.string(),
    total_ttc_cents: z.number().int(),
    credited_cents: z.number().int(),
    paid_cents: z.number().int(),
    status: z.string(),
    penalty_clause: z.string(),
  }),
});

const ClaimQuery = z.strictObject({ as_of: IsoDate.optional() });

const ClauseBody = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("default") }),
  z.strictObject({ kind: z.literal("fixed"), rate_bp: z.number().int().min(1).max(CLAUSE_MAX_BP) }),
  z.strictObject({ kind: z.literal("ecb_plus"), points_bp: z.number().int().min(0).max(CLAUSE_MAX_BP) }),
]);

const PenaltiesBody = z.strictObject({
  principal_cents: z.number().int().positive().max(1e15),
  due: IsoDate,
  as_of: IsoDate,
  clause: ClauseBody.default({ kind: "default" }),
  debtor: z.enum(["business", "consumer", "public"]).default("business"),
  notice_date: IsoDate.nullable().optional(),
  payments: z
    .array(z.strictObject({ date: IsoDate, amount_cents: z.number().int().positive().max(1e15) }))
    .max(500)
    .default([]),
});

export function lawRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/v1/rates",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["law"],
        summary:
          "The rates table (ECB main refinancing rate, taux de l'intérêt légal) by kind and semester; one page, next_cursor always null",
        response: { 200: z.object({ data: z.array(RateSchema), next_cursor: z.null() }) },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      return { data: await listRatesDto({ ctx, org }), next_cursor: null };
    },
  );

  api.put(
    "/api/v1/rates",
    {
      config: { access: { permission: "organization:write" } },
      schema: {
        tags: ["law"],
        summary:
          "Set one rate of one semester (owners only): rates are shared by every organization of the instance; audited in the owner's organization",
        body: SetRateBody,
        response: { 200: RateSchema },
      },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      return setRate({ ctx, org, userId, ...request.body });
    },
  );

  api.get(
    "/api/v1/invoices/:id/claim",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["law"],
        summary:
          "What can be claimed on an invoice as of a date (default: today): late-payment penalties or interest, the 40 EUR indemnity, by period",
        params: IdParams,
        querystring: ClaimQuery,
        response: { 200: InvoiceClaimSchema },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      const asOf = request.query.as_of ? parseIsoDate(request.query.as_of) : undefined;
      if (asOf && !asOf.ok) throw new AppError("invalid_input", asOf.problem.code, asOf.problem.params ?? {});
      return claimForInvoice({
        ctx,
        org,
        invoice: { id: request.params.id },
        locale: request.locale,
        ...(asOf?.ok ? { asOf: asOf.value } : {}),
      });
    },
  );

  api.post(
    "/api/v1/law/penalties",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["law"],
        summary:
          "Late-payment penalties calculator (no invoice stored): the claim on an amount due on a date",
        body: PenaltiesBody,
        response: { 200: ClaimSchema },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      const rates = await loadRateTable({ db: ctx.db, orgId: org.id });
      return calculatePenalties({ rates, locale: request.locale, input: request.body });
    },
  );
}
