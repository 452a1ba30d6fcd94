import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../app/errors.js";
import { assessProcedures } from "../../app/law/assess-procedures.js";
import { calculatePenalties } from "../../app/law/calculate-penalties.js";
import { checkInvoiceCompliance } from "../../app/law/check-invoice-compliance.js";
import { claimForInvoice } from "../../app/law/claim-for-invoice.js";
import { listPrescriptionAlerts } from "../../app/law/list-prescription-alerts.js";
import { listRatesDto } from "../../app/law/list-rates.js";
import { loadRateTable } from "../../app/law/load-rate-table.js";
import { setRate } from "../../app/law/set-rate.js";
import { dayCountOf } from "../../app/organizations/settings.js";
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
  day_count: z.enum(["actual_365", "actual_actual"]),
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
  /** Default: the organization's setting. */
  day_count: z.enum(["actual_365", "actual_actual"]).optional(),
  /** Proven recovery costs: claimed instead of the 40 € indemnity when higher (D441-5). */
  proven_costs_cents: z.number().int().min(0).max(1e15).nullable().optional(),
});

const Message = z.object({ code: z.string(), message: z.string() });
const Mention = Message.extend({ article: z.string() });

const ComplianceSchema = z.object({
  compliant: z.boolean(),
  missing: z.array(Mention),
  forbidden: z.array(Mention),
  term: z
    .object({
      compliant: z.boolean(),
      rule: z
        .object({ id: z.string(), days: z.number().int(), article: z.string(), confirmed: z.boolean() })
        .nullable(),
      issue_date: z.string().nullable(),
      due_date: z.string().nullable(),
      latest_due_date: z.string().nullable(),
      warnings: z.array(Message),
    })
    .nullable(),
});

const PrescriptionQuery = z.strictObject({
  within_days: z.coerce.number().int().min(0).max(3650).default(90),
});

const PrescriptionSchema = z.object({
  invoice_id: z.string(),
  number: z.string(),
  client_id: z.string(),
  client: z.string(),
  balance_cents: z.number().int(),
  due_date: z.string(),
  prescription_date: z.string(),
  years: z.number().int(),
  basis: z.string(),
  prescribed: z.boolean(),
});

const ProceduresSchema = z.object({
  client: z.object({ id: z.string(), name: z.string(), kind: z.string(), country: z.string() }),
  as_of: z.string(),
  creditor_is_merchant: z.boolean(),
  invoices: z.array(
    z.object({
      invoice_id: z.string(),
      number: z.string(),
      due_date: z.string(),
      principal_cents: z.number().int(),
      interest_cents: z.number().int(),
    }),
  ),
  failures: z.array(
    z.object({ invoice_id: z.string(), number: z.string(), code: z.string(), message: z.string() }),
  ),
  principal_cents: z.number().int(),
  interest_cents: z.number().int(),
  total_cents: z.number().int(),
  procedures: z.array(
    z.object({
      procedure: z.enum([
        "small_claims",
        "injonction_de_payer",
        "european_order_for_payment",
        "lawyer_required",
        "uncontested_commercial_claims",
      ]),
      eligible: z.boolean(),
      reason: Message,
      court: z.string().nullable(),
      cerfa: z.string().nullable(),
      article: z.string(),
      notes: z.array(Message),
    }),
  ),
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
          "Late-payment penalties calculator (no invoice stored): the claim on an amount due on a date; day_count defaults to the organization's",
        body: PenaltiesBody,
        response: { 200: ClaimSchema },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      const rates = await loadRateTable({ db: ctx.db, orgId: org.id });
      const input = { ...request.body, day_count: request.body.day_count ?? dayCountOf(org) };
      return calculatePenalties({ rates, locale: request.locale, input });
    },
  );
  api.get(
    "/api/v1/invoices/:id/compliance",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["law"],
        summary:
          "The mandatory mentions the invoice lacks (L441-9 C. com., CGI 242 nonies A), what it must not say, and its due date against the legal caps (L441-10)",
        params: IdParams,
        response: { 200: ComplianceSchema },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      return checkInvoiceCompliance({ ctx, org, invoiceId: request.params.id, locale: request.locale });
    },
  );

  api.get(
    "/api/v1/law/prescription",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["law"],
        summary:
          "Open invoices whose prescription date is within within_days (default 90) of today or passed, soonest first; one page, next_cursor always null",
        querystring: PrescriptionQuery,
        response: { 200: z.object({ data: z.array(PrescriptionSchema), next_cursor: z.null() }) },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      const data = await listPrescriptionAlerts({
        ctx,
        org,
        withinDays: request.query.within_days,
        locale: request.locale,
      });
      return { data, next_cursor: null };
    },
  );

  api.get(
    "/api/v1/clients/:id/procedures",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["law"],
        summary:
          "Which judicial recovery procedures apply to a client's overdue invoices as of a date (default: today): small claims, injonction de payer (court, Cerfa), lawyer, European order",
        params: IdParams,
        querystring: ClaimQuery,
        response: { 200: ProceduresSchema },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      const asOf = request.query.as_of ? parseIsoDate(request.query.as_of) : undefined;
      if (asOf && !asOf.ok) throw new AppError("invalid_input", asOf.problem.code, asOf.problem.params ?? {});
      return assessProcedures({
        ctx,
        org,
        clientId: request.params.id,
        locale: request.locale,
        ...(asOf?.ok ? { asOf: asOf.value } : {}),
      });
    },
  );
}
