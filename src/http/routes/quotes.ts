import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { acceptQuote } from "../../app/quotes/accept-quote.js";
import { createFinalInvoice } from "../../app/quotes/create-final-invoice.js";
import { createQuote } from "../../app/quotes/create-quote.js";
import { getQuote } from "../../app/quotes/get-quote.js";
import { listQuotes } from "../../app/quotes/list-quotes.js";
import { makeQuotePdf } from "../../app/quotes/make-quote-pdf.js";
import { refuseQuote } from "../../app/quotes/refuse-quote.js";
import { sendQuote } from "../../app/quotes/send-quote.js";
import { updateQuote } from "../../app/quotes/update-quote.js";
import { orgOf } from "../auth.js";
import { decodeCursor, PageQuery, pageOf, toPage } from "../pagination.js";
import type { RouteDeps } from "../server.js";
import { Id, IdParams, InvoiceDetailSchema, IsoDate, LineBody, LineSchema } from "./invoices.js";

const STATUSES = ["draft", "sent", "accepted", "refused", "expired"] as const;

const StatusList = z
  .string()
  .max(200)
  .transform((s) => [...new Set(s.split(",").map((x) => x.trim()))].filter((x) => x !== ""))
  .pipe(z.array(z.enum(STATUSES)).min(1));

const QuoteFields = {
  id: z.string(),
  number: z.string(),
  client_id: z.string(),
  issue_date: z.string(),
  valid_until: z.string().nullable(),
  total_ht_cents: z.number().int(),
  total_vat_cents: z.number().int(),
  total_ttc_cents: z.number().int(),
  deposit_percent: z.number().int(),
  deposit_cents: z.number().int(),
  status: z.enum(STATUSES),
  accepted_at: z.string().nullable(),
  sent_at: z.string().nullable(),
  refused_at: z.string().nullable(),
  invoices: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(["deposit", "invoice"]),
      number: z.string(),
      issue_date: z.string().nullable(),
      total_cents: z.number().int(),
      paid_cents: z.number().int(),
      balance_cents: z.number().int(),
      status: z.string(),
    }),
  ),
  warning: z.enum(["deposit_unpaid"]).nullable(),
};

const QuoteSchema = z.object({ ...QuoteFields, client: z.string() });

const QuoteDetailSchema = z.object({
  ...QuoteFields,
  client: z.object({ id: z.string(), name: z.string(), kind: z.enum(["business", "consumer", "public"]) }),
  acceptance: z
    .object({
      by: z.string().nullable(),
      how: z.string(),
      ip: z.string().nullable(),
      name: z.string().nullable(),
    })
    .nullable(),
  lines: z.array(LineSchema),
});

const ListQuotesQuery = z.strictObject({
  status: StatusList.optional(),
  client_id: Id.optional(),
  ...PageQuery,
});

const QuoteCursor = z.object({ d: z.string(), i: z.string() });

const CreateQuoteBody = z.strictObject({
  client_id: Id,
  number: z.string().trim().min(1).max(64),
  issue_date: IsoDate,
  valid_until: IsoDate.nullable().optional(),
  deposit_percent: z.number().int().min(0).max(100),
  lines: z.array(LineBody).min(1).max(200),
});

const UpdateQuoteBody = z.strictObject({ status: z.enum(STATUSES) });

const InvoiceNumber = z.string().trim().min(1).max(64);

const AcceptQuoteBody = z.strictObject({
  /** The deposit invoice's number; default AC-<quote number>. */
  deposit_number: InvoiceNumber.optional(),
  how: z.enum(["manual", "signed"]).optional(),
});

const FinalInvoiceBody = z.strictObject({ number: InvoiceNumber.optional() });

/** email: also e-mail the quote (PDF attached) through the outbox; default false (mark sent only). */
const SendQuoteBody = z.strictObject({ email: z.boolean().optional() });

export function quotesRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/v1/quotes",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["quotes"],
        summary: "Quotes, newest first; a client_id of another organization lists nothing",
        querystring: ListQuotesQuery,
        response: { 200: pageOf(QuoteSchema) },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      const query = request.query;
      const before = query.cursor ? decodeCursor(QuoteCursor, query.cursor) : undefined;
      const rows = await listQuotes({
        ctx,
        org,
        limit: query.limit + 1,
        ...(query.status ? { status: query.status } : {}),
        ...(query.client_id ? { clientId: query.client_id } : {}),
        ...(before ? { before: { issue_date: before.d, id: before.i } } : {}),
      });
      return toPage(
        rows,
        query.limit,
        (r) => r,
        (r) => ({ d: r.issue_date, i: r.id }),
      );
    },
  );

  api.post(
    "/api/v1/quotes",
    {
      config: { access: { permission: "quotes:write" } },
      schema: {
        tags: ["quotes"],
        summary: "Create a draft quote from its lines",
        body: CreateQuoteBody,
        response: { 201: QuoteDetailSchema },
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      const quote = await createQuote({ ctx, org, userId, input: request.body, locale: request.locale });
      return reply.status(201).send(quote);
    },
  );

  api.get(
    "/api/v1/quotes/:id",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["quotes"],
        summary: "One quote with its lines and deposit",
        params: IdParams,
        response: { 200: QuoteDetailSchema },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      return getQuote({ ctx, org, id: request.params.id });
    },
  );

  api.patch(
    "/api/v1/quotes/:id",
    {
      config: { access: { permission: "quotes:write" } },
      schema: {
        tags: ["quotes"],
        summary: "Move a quote: draft → sent → accepted | refused | expired",
        params: IdParams,
        body: UpdateQuoteBody,
        response: { 200: QuoteDetailSchema },
      },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      return updateQuote({
        ctx,
        org,
        userId,
        id: request.params.id,
        status: request.body.status,
        locale: request.locale,
      });
    },
  );

  api.post(
    "/api/v1/quotes/:id/send",
    {
      config: { access: { permission: "quotes:write" } },
      schema: {
        tags: ["quotes"],
        summary:
          "Record a draft quote as sent; with email: true also e-mail it (PDF attached) to the client's billing contact through the outbox, once per quote (default false: mark sent only)",
        params: IdParams,
        body: SendQuoteBody.optional(),
        response: { 200: QuoteDetailSchema },
      },
      // no body at all (the route had none before `email`) is `{}`: mark sent only
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      return sendQuote({
        ctx,
        org,
        userId,
        id: request.params.id,
        email: request.body?.email ?? false,
        locale: request.locale,
      });
    },
  );

  api.post(
    "/api/v1/quotes/:id/refuse",
    {
      config: { access: { permission: "quotes:write" } },
      schema: {
        tags: ["quotes"],
        summary: "Record a sent quote as refused",
        params: IdParams,
        response: { 200: QuoteDetailSchema },
      },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      return refuseQuote({ ctx, org, userId, id: request.params.id, locale: request.locale });
    },
  );

  api.post(
    "/api/v1/quotes/:id/accept",
    {
      config: { access: { permission: "quotes:write" } },
      schema: {
        tags: ["quotes"],
        summary: "Accept a sent quote within its validity; issues its deposit invoice (facture d'acompte)",
        params: IdParams,
        body: AcceptQuoteBody.optional(),
        response: { 200: QuoteDetailSchema },
      },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      const body = request.body ?? {};
      return acceptQuote({
        ctx,
        org,
        userId,
        id: request.params.id,
        ...(body.deposit_number !== undefined ? { depositNumber: body.deposit_number } : {}),
        ...(body.how ? { how: body.how } : {}),
        locale: request.locale,
      });
    },
  );

  api.post(
    "/api/v1/quotes/:id/final-invoice",
    {
      config: { access: { permission: "quotes:write" } },
      schema: {
        tags: ["quotes"],
        summary: "Issue the final invoice (facture de solde) of an accepted quote, deposits deducted",
        params: IdParams,
        body: FinalInvoiceBody.optional(),
        response: { 201: InvoiceDetailSchema },
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      const number = request.body?.number;
      const invoice = await createFinalInvoice({
        ctx,
        org,
        userId,
        quoteId: request.params.id,
        ...(number !== undefined ? { number } : {}),
        locale: request.locale,
      });
      return reply.status(201).send(invoice);
    },
  );

  api.get(
    "/api/v1/quotes/:id/quote.pdf",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["quotes"],
        summary: "The quote as a PDF (devis, with « Bon pour accord »)",
        params: IdParams,
      },
    },
    async (request, reply) => {
      const { org } = orgOf(request);
      const { pdf, filename } = await makeQuotePdf({ ctx, org, id: request.params.id });
      return reply
        .header("Content-Type", "application/pdf")
        .header("Content-Disposition", `inline; filename="${filename}"`)
        .header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", "no-store")
        .send(pdf);
    },
  );
}
