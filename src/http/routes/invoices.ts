import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../app/errors.js";
import { createInvoice } from "../../app/invoices/create-invoice.js";
import { exportEInvoiceXml } from "../../app/invoices/export-einvoice.js";
import { getInvoice } from "../../app/invoices/get-invoice.js";
import { makeInvoiceDuplicate } from "../../app/invoices/invoice-duplicate.js";
import { makeInvoicePdf } from "../../app/invoices/invoice-pdf.js";
import { issueCreditNote } from "../../app/invoices/issue-credit-note.js";
import { listInvoices } from "../../app/invoices/list-invoices.js";
import { makeFacturX } from "../../app/invoices/make-facturx.js";
import { proposeInvoiceNumber } from "../../app/invoices/propose-invoice-number.js";
import { updateInvoice } from "../../app/invoices/update-invoice.js";
import { can } from "../../core/accounts/permissions.js";
import { parseIsoDate } from "../../core/calendar.js";
import { orgOf } from "../auth.js";
import { decodeCursor, PageQuery, pageOf, toPage } from "../pagination.js";
import type { RouteDeps } from "../server.js";

export const Id = z.string().max(64);
export const IdParams = z.object({ id: Id });

/** A real calendar date written `YYYY-MM-DD` (2025-02-30 is refused). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "YYYY-MM-DD" })
  .refine((s) => parseIsoDate(s).ok, { message: "YYYY-MM-DD" });

/** An amount in cents that stays exact in JavaScript and in a bigint column. */
export const Cents = z.number().int().min(-1e15).max(1e15);

const HOLD_KINDS = ["promise", "manual", "plan", "bill", "recovery"] as const;
const STATUSES = ["open", "partially_paid", "paid", "cancelled", "written_off"] as const;

/** `status=open,partially_paid`: a comma list of statuses. */
const StatusList = z
  .string()
  .max(200)
  .transform((s) => [...new Set(s.split(",").map((x) => x.trim()))].filter((x) => x !== ""))
  .pipe(z.array(z.enum(STATUSES)).min(1));

export const LineBody = z.strictObject({
  description: z.string().trim().min(1).max(2000),
  /** Thousandths: 1.5 units = 1500. */
  quantity_milli: z.number().int().positive().max(1_000_000_000),
  unit_price_cents: z.number().int().min(0).max(10_000_000_000),
  /** Basis points: 20 % = 2000. */
  vat_rate_bp: z.number().int().min(0).max(10_000),
  discount_cents: z.number().int().min(0).max(10_000_000_000).optional(),
});

export const LineSchema = z.object({
  position: z.number().int(),
  description: z.string(),
  quantity_milli: z.number().int(),
  unit_price_cents: z.number().int(),
  vat_rate_bp: z.number().int(),
  discount_cents: z.number().int(),
  total_ht_cents: z.number().int(),
});

const InvoiceFields = {
  id: z.string(),
  number: z.string(),
  client_id: z.string(),
  kind: z.enum(["invoice", "deposit", "credit_note"]),
  issue_date: z.string().nullable(),
  due_date: z.string(),
  total_cents: z.number().int(),
  total_ht_cents: z.number().int().nullable(),
  total_vat_cents: z.number().int().nullable(),
  paid_cents: z.number().int(),
  credited_cents: z.number().int(),
  balance_cents: z.number().int(),
  status: z.enum(STATUSES),
  days_late: z.number().int(),
  disputed: z.boolean(),
  source: z.string(),
  /** What holds its reminders, if anything: a promise, a pause, a payment plan, a bill of exchange, a recovery case. */
  hold_kind: z.enum(HOLD_KINDS).nullable(),
};

export const InvoiceSchema = z.object({ ...InvoiceFields, client: z.string() });

export const InvoiceDetailSchema = z.object({
  ...InvoiceFields,
  today: z.string(),
  client: z.object({ id: z.string(), name: z.string(), kind: z.enum(["business", "consumer", "public"]) }),
  delivery_date: z.string().nullable(),
  penalty_clause: z.string(),
  indemnity_applies: z.boolean(),
  notes: z.string().nullable(),
  dispute_reason: z.string().nullable(),
  lines: z.array(LineSchema),
  payments: z.array(
    z.object({
      payment_id: z.string(),
      date: z.string(),
      amount_cents: z.number().int(),
      method: z.string(),
      reference: z.string().nullable(),
    }),
  ),
  credit_notes: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      issue_date: z.string().nullable(),
      total_cents: z.number().int(),
    }),
  ),
  credited_invoice: z.object({ id: z.string(), number: z.string() }).nullable(),
  hold_until: z.string().nullable(),
  hold_reason: z.string().nullable(),
  next_action_on: z.string().nullable(),
});

const ListInvoicesQuery = z.strictObject({
  status: StatusList.optional(),
  overdue: z.enum(["true", "false"]).optional(),
  disputed: z.enum(["true", "false"]).optional(),
  client_id: Id.optional(),
  q: z.string().max(200).optional(),
  due_from: IsoDate.optional(),
  due_to: IsoDate.optional(),
  issue_from: IsoDate.optional(),
  issue_to: IsoDate.optional(),
  min_cents: z.coerce.number().int().min(-1e15).max(1e15).optional(),
  max_cents: z.coerce.number().int().min(-1e15).max(1e15).optional(),
  kind: z.enum(["invoice", "deposit", "credit_note"]).optional(),
  ...PageQuery,
});

const InvoiceCursor = z.object({ d: z.string(), i: z.string() });

const CreateInvoiceBody = z.strictObject({
  client_id: Id,
  number: z.string().trim().min(1).max(64).optional(),
  kind: z.enum(["invoice", "deposit"]).optional(),
  issue_date: IsoDate,
  /** Default: the issue date under the client's payment term, else the organization's. */
  due_date: IsoDate.optional(),
  delivery_date: IsoDate.nullable().optional(),
  /** `default` (ECB rate + 10 points), `fixed:<bp>` or `ecb+<bp>`. */
  penalty_clause: z
    .string()
    .regex(/^(default|fixed:\d{1,5}|ecb\+\d{1,5})$/)
    .optional(),
  notes: z.string().max(10_000).nullable().optional(),
  lines: z.array(LineBody).min(1).max(200).optional(),
  total_ttc_cents: z.number().int().positive().max(1e15).optional(),
});

const UpdateInvoiceBody = z.strictObject({
  disputed: z.boolean().optional(),
  dispute_reason: z.string().max(1000).nullable().optional(),
  notes: z.string().max(10_000).nullable().optional(),
});

const CreditNoteBody = z.strictObject({
  number: z.string().trim().min(1).max(64).optional(),
  issue_date: IsoDate,
  amount_cents: z.number().int().positive().max(1e15),
  reason: z.string().trim().min(1).max(1000),
});

export function invoicesRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/v1/invoices",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["invoices"],
        summary:
          "Invoices by due date (then id), filtered; a client_id of another organization lists nothing",
        querystring: ListInvoicesQuery,
        response: { 200: pageOf(InvoiceSchema) },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      const query = request.query;
      const after = query.cursor ? decodeCursor(InvoiceCursor, query.cursor) : undefined;
      const rows = await listInvoices({
        ctx,
        org,
        limit: query.limit + 1,
        ...(query.status ? { status: query.status } : {}),
        ...(query.overdue === "true" ? { overdue: true } : {}),
        ...(query.disputed ? { disputed: query.disputed === "true" } : {}),
        ...(query.client_id ? { clientId: query.client_id } : {}),
        ...(query.q ? { q: query.q } : {}),
        ...(query.due_from ? { dueFrom: query.due_from } : {}),
        ...(query.due_to ? { dueTo: query.due_to } : {}),
        ...(query.issue_from ? { issueFrom: query.issue_from } : {}),
        ...(query.issue_to ? { issueTo: query.issue_to } : {}),
        ...(query.min_cents !== undefined ? { minCents: query.min_cents } : {}),
        ...(query.max_cents !== undefined ? { maxCents: query.max_cents } : {}),
        ...(query.kind ? { kind: query.kind } : {}),
        ...(after ? { after: { due_date: after.d, id: after.i } } : {}),
      });
      return toPage(
        rows,
        query.limit,
        (r) => r,
        (r) => ({ d: r.due_date, i: r.id }),
      );
    },
  );

  api.post(
    "/api/v1/invoices",
    {
      config: { access: { permission: "invoices:write" } },
      schema: {
        tags: ["invoices"],
        summary: "Create an invoice from its lines (or its total including VAT alone)",
        body: CreateInvoiceBody,
        response: { 201: InvoiceDetailSchema },
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      const invoice = await createInvoice({ ctx, org, userId, input: request.body, locale: request.locale });
      return reply.status(201).send(invoice);
    },
  );

  api.get(
    "/api/v1/invoices/next-number",
    {
      config: { access: { permission: "invoices:write" } },
      schema: {
        tags: ["invoices"],
        summary:
          "The number an invoice issued on issue_date would get if created now without one (nothing reserved)",
        querystring: z.strictObject({ issue_date: IsoDate }),
        response: { 200: z.object({ prefix: z.string(), number: z.string() }) },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      return proposeInvoiceNumber({ ctx, org, issueDate: request.query.issue_date });
    },
  );

  api.get(
    "/api/v1/invoices/:id",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["invoices"],
        summary: "One invoice with its lines, payments, credit notes and client",
        params: IdParams,
        response: { 200: InvoiceDetailSchema },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      return getInvoice({ ctx, org, id: request.params.id });
    },
  );

  api.get(
    "/api/v1/invoices/:id/duplicate.pdf",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["invoices"],
        summary: "The invoice's duplicate (duplicata) as a PDF, made now: lines or totals, payments, balance",
        params: IdParams,
      },
    },
    async (request, reply) => {
      const { org } = orgOf(request);
      const { pdf, filename } = await makeInvoiceDuplicate({ ctx, org, id: request.params.id });
      return reply
        .header("Content-Type", "application/pdf")
        .header("Content-Disposition", `inline; filename="${filename}"`)
        .header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", "no-store")
        .send(pdf);
    },
  );

  api.get(
    "/api/v1/invoices/:id/invoice.pdf",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["invoices"],
        summary:
          "The issued invoice as a PDF: mandatory mentions (L441-9, CGI 242 nonies A) and an EPC QR code for the balance",
        params: IdParams,
      },
    },
    async (request, reply) => {
      const { org } = orgOf(request);
      const { pdf, filename } = await makeInvoicePdf({ ctx, org, id: request.params.id });
      return reply
        .header("Content-Type", "application/pdf")
        .header("Content-Disposition", `inline; filename="${filename}"`)
        .header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", "no-store")
        .send(pdf);
    },
  );

  api.get(
    "/api/v1/invoices/:id/facturx.pdf",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["invoices"],
        summary:
          "The issued invoice as a Factur-X PDF (PDF/A-3b, profile EN 16931, factur-x.xml attached); 409 when not issued in Relance or when its totals do not add up",
        params: IdParams,
      },
    },
    async (request, reply) => {
      const { org } = orgOf(request);
      const { pdf, filename } = await makeFacturX({ ctx, org, id: request.params.id });
      return reply
        .header("Content-Type", "application/pdf")
        .header("Content-Disposition", `attachment; filename="${filename}"`)
        .header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", "no-store")
        .send(pdf);
    },
  );

  api.get(
    "/api/v1/invoices/:id/einvoice.xml",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["invoices"],
        summary:
          "The issued invoice as EN 16931 XML: CII (syntax=cii, the Factur-X XML, the default) or UBL 2.1 (syntax=ubl); 409 when not issued in Relance or when its totals do not add up",
        params: IdParams,
        querystring: z.strictObject({ syntax: z.enum(["cii", "ubl"]).default("cii") }),
      },
    },
    async (request, reply) => {
      const { org } = orgOf(request);
      const { xml, filename } = await exportEInvoiceXml({
        ctx,
        org,
        id: request.params.id,
        syntax: request.query.syntax,
      });
      return reply
        .header("Content-Type", "application/xml; charset=utf-8")
        .header("Content-Disposition", `attachment; filename="${filename}"`)
        .header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", "no-store")
        .send(xml);
    },
  );

  api.patch(
    "/api/v1/invoices/:id",
    {
      config: { access: { permission: "invoices:dispute" } },
      schema: {
        tags: ["invoices"],
        summary: "Open or lift a dispute (on the timeline); edit the notes (needs invoices:write)",
        params: IdParams,
        body: UpdateInvoiceBody,
        response: { 200: InvoiceDetailSchema },
      },
    },
    async (request) => {
      const { org, userId, role } = orgOf(request);
      if (request.body.notes !== undefined && !can(role, "invoices:write")) {
        throw new AppError("forbidden", "auth.forbidden", { role });
      }
      return updateInvoice({ ctx, org, userId, id: request.params.id, changes: request.body });
    },
  );

  api.post(
    "/api/v1/invoices/:id/credit-notes",
    {
      config: { access: { permission: "invoices:write" } },
      schema: {
        tags: ["invoices"],
        summary: "Issue a credit note (avoir) that reduces the invoice's balance",
        params: IdParams,
        body: CreditNoteBody,
        response: { 201: InvoiceDetailSchema },
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      const note = await issueCreditNote({
        ctx,
        org,
        userId,
        invoiceId: request.params.id,
        input: request.body,
        locale: request.locale,
      });
      return reply.status(201).send(note);
    },
  );
}
