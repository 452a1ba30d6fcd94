import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { discardStagedFile } from "../../app/documents/file-store.js";
import { answerPortalQuote } from "../../app/portal/answer-portal-quote.js";
import { createPortalLink, PORTAL_LINK_DAYS } from "../../app/portal/create-portal-link.js";
import { DECLARABLE_METHODS, declarePortalPayment } from "../../app/portal/declare-payment.js";
import { disputePortalInvoice } from "../../app/portal/dispute-invoice.js";
import { getPortalLink } from "../../app/portal/get-portal-link.js";
import { getPortalView } from "../../app/portal/get-portal-view.js";
import { portalInvoicePdf } from "../../app/portal/portal-invoice-pdf.js";
import { portalQrPng } from "../../app/portal/portal-qr.js";
import { portalQuotePdf } from "../../app/portal/portal-quote-pdf.js";
import { requestPortalPlan } from "../../app/portal/request-plan.js";
import { type PortalAccess, resolvePortalToken } from "../../app/portal/resolve-portal-token.js";
import { revokePortalLink } from "../../app/portal/revoke-portal-link.js";
import { MAX_INSTALLMENTS } from "../../core/plans/schedule.js";
import { orgOf } from "../auth.js";
import { countingFailures, refuseWhenLimited } from "../rate-limit.js";
import type { RouteDeps } from "../server.js";
import { Id, IdParams, IsoDate } from "./invoices.js";
import { IdempotencyHeaders } from "./payments.js";
import { readDisputeForm } from "./portal-dispute-form.js";

/** Any string: a malformed token is one more unknown token (404), never a 400 that would tell them apart. */
const Token = z.string().max(300);
const TokenParams = z.object({ token: Token });
const TokenInvoiceParams = z.object({ token: Token, invoiceId: Id });
const TokenQuoteParams = z.object({ token: Token, quoteId: Id });

const PortalLinkSchema = z.object({
  id: z.string(),
  client_id: z.string(),
  created_at: z.string(),
  expires_at: z.string(),
  last_seen_at: z.string().nullable(),
  created_by: z.string().nullable(),
});

const PortalInvoiceSchema = z.object({
  id: z.string(),
  number: z.string(),
  issue_date: z.string().nullable(),
  due_date: z.string(),
  total_cents: z.number(),
  paid_cents: z.number(),
  credited_cents: z.number(),
  balance_cents: z.number(),
  status: z.enum(["open", "partially_paid", "paid", "cancelled", "written_off"]),
  overdue: z.boolean(),
  disputed: z.boolean(),
  declared_cents: z.number(),
});

const PortalViewSchema = z.object({
  organization: z.object({
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    postal_code: z.string().nullable(),
    city: z.string().nullable(),
    iban: z.string().nullable(),
    bic: z.string().nullable(),
  }),
  client: z.object({ name: z.string(), language: z.enum(["fr", "en"]) }),
  today: z.string(),
  expires_at: z.string(),
  owed_cents: z.number(),
  qr_available: z.boolean(),
  invoices: z.array(PortalInvoiceSchema),
  quotes: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      issue_date: z.string(),
      valid_until: z.string().nullable(),
      total_ht_cents: z.number(),
      total_ttc_cents: z.number(),
      deposit_cents: z.number(),
    }),
  ),
  declared_payments: z.array(
    z.object({
      id: z.string(),
      date: z.string(),
      amount_cents: z.number(),
      method: z.string(),
      reference: z.string().nullable(),
      invoice_number: z.string().nullable(),
    }),
  ),
});

const DeclareBody = z.strictObject({
  date: IsoDate,
  amount_cents: z.number().int().min(1).max(99_999_999_999),
  method: z.enum(DECLARABLE_METHODS),
  reference: z.string().trim().max(140).nullish(),
});

const DeclaredSchema = z.object({ payment_id: z.string(), hold_until: z.string().nullable() });

const DisputeBody = z.strictObject({ reason: z.string().trim().min(1).max(2000) });

/** The name typed by the client: who accepts (« bon pour accord ») or refuses. */
const AnswerQuoteBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  reason: z.string().trim().max(2000).nullish(),
});
const PlanRequestBody = z.strictObject({
  installments: z.number().int().min(2).max(MAX_INSTALLMENTS),
  message: z.string().trim().max(2000).nullish(),
});

const AnswerQuoteResult = z.object({ status: z.string(), deposit_invoice_id: z.string().nullable() });

/** The portal's own address of a token: the configured public address, or this request's own. */
function portalUrl(publicUrl: string | undefined, request: FastifyRequest, token: string): string {
  const base = (publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, "");
  return `${base}/p/${token}`;
}

function noStore(reply: FastifyReply): FastifyReply {
  return reply.header("Cache-Control", "no-store");
}

/**
 * The client portal (docs/portal.md). Its JSON API lives under `/api/portal/:token/…`, outside `/api/v1`: no
 * session, no CSRF token — the token is the credential; writes are JSON only like every API write. A token that
 * opens nothing (unknown, revoked, expired) is one 404, and each such failure counts against the caller's address
 * (30 in 15 minutes, then 429). The staff manage the link under `/api/v1/clients/:id/portal-link`.
 */
export function portalRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { ctx, options } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const failures = deps.limits.portal;

  async function portalAccess(request: FastifyRequest, token: string): Promise<PortalAccess> {
    await refuseWhenLimited(failures, request.ip);
    return countingFailures(failures, request.ip, "not_found", () =>
      resolvePortalToken({ ctx, token, ip: request.ip, env: process.env }),
    );
  }

  // ---- staff: the client's link ----

  api.get(
    "/api/v1/clients/:id/portal-link",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["portal"],
        summary: "The client's portal link in force (never its token), or null",
        params: IdParams,
        response: { 200: z.object({ link: PortalLinkSchema.nullable() }) },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      return { link: await getPortalLink({ ctx, org, clientId: request.params.id }) };
    },
  );

  api.post(
    "/api/v1/clients/:id/portal-link",
    {
      config: { access: { permission: "clients:write" } },
      schema: {
        tags: ["portal"],
        summary: `Create the client's portal link (revokes the previous one); valid ${PORTAL_LINK_DAYS} days; the URL with its token is shown only here`,
        params: IdParams,
        response: { 201: PortalLinkSchema.extend({ url: z.string() }) },
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      const { link, token } = await createPortalLink({ ctx, org, userId, clientId: request.params.id });
      return reply.status(201).send({ ...link, url: portalUrl(options.publicUrl, request, token) });
    },
  );

  api.delete(
    "/api/v1/clients/:id/portal-link",
    {
      config: { access: { permission: "clients:write" } },
      schema: {
        tags: ["portal"],
        summary: "Revoke the client's portal link (its URL answers 404 from now on)",
        params: IdParams,
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      await revokePortalLink({ ctx, org, userId, clientId: request.params.id });
      return reply.status(204).send();
    },
  );

  // ---- the portal itself (public: the token is the credential) ----

  api.get(
    "/api/portal/:token",
    {
      schema: {
        tags: ["portal"],
        security: [],
        summary:
          "What the client sees: the organization, IBAN, the open and paid invoices, declared payments",
        params: TokenParams,
        response: { 200: PortalViewSchema },
      },
    },
    async (request, reply) => {
      const access = await portalAccess(request, request.params.token);
      return noStore(reply).send(await getPortalView({ ctx, access }));
    },
  );

  api.get(
    "/api/portal/:token/qr.png",
    {
      schema: {
        tags: ["portal"],
        security: [],
        summary: "The EPC payment QR code (PNG) for everything owed, or for one invoice (?invoice_id=)",
        params: TokenParams,
        querystring: z.strictObject({ invoice_id: Id.optional() }),
      },
    },
    async (request, reply) => {
      const access = await portalAccess(request, request.params.token);
      const png = await portalQrPng({ ctx, access, invoiceId: request.query.invoice_id });
      return noStore(reply).header("Content-Type", "image/png").send(png);
    },
  );

  api.get(
    "/api/portal/:token/invoices/:invoiceId/pdf",
    {
      schema: {
        tags: ["portal"],
        security: [],
        summary: "The duplicate (PDF) of one of the client's invoices",
        params: TokenInvoiceParams,
      },
    },
    async (request, reply) => {
      const access = await portalAccess(request, request.params.token);
      const { pdf, filename } = await portalInvoicePdf({ ctx, access, invoiceId: request.params.invoiceId });
      return noStore(reply)
        .header("Content-Type", "application/pdf")
        .header("Content-Disposition", `attachment; filename="${filename}"`)
        .send(pdf);
    },
  );

  api.post(
    "/api/portal/:token/invoices/:invoiceId/declared-payments",
    {
      schema: {
        tags: ["portal"],
        security: [],
        summary:
          "« J'ai payé »: a payment awaiting verification (the balance does not move); reminders paused (201). The form's Idempotency-Key (made when it opened) again: the first answer (200), nothing recorded; with other values, 409",
        params: TokenInvoiceParams,
        headers: IdempotencyHeaders,
        body: DeclareBody,
        response: { 200: DeclaredSchema, 201: DeclaredSchema },
      },
    },
    async (request, reply) => {
      const access = await portalAccess(request, request.params.token);
      const { reference, ...rest } = request.body;
      const key = request.headers["idempotency-key"];
      const { replayed, ...result } = await declarePortalPayment({
        ctx,
        access,
        invoiceId: request.params.invoiceId,
        input: { ...rest, reference: reference ?? null },
        ...(key !== undefined ? { idempotencyKey: key } : {}),
      });
      return noStore(reply)
        .status(replayed ? 200 : 201)
        .send(result);
    },
  );

  api.post(
    "/api/portal/:token/invoices/:invoiceId/dispute",
    {
      schema: {
        tags: ["portal"],
        security: [],
        summary:
          "« Contester »: the invoice is disputed with a reason (its reminders stop). JSON { reason }, or multipart (reason, file?: PDF, PNG or JPEG up to 10 MiB, content checked) — the file becomes a document of the invoice",
        params: TokenInvoiceParams,
        // absent when multipart (read from the parts below)
        body: DisputeBody.nullish(),
      },
    },
    async (request, reply) => {
      const access = await portalAccess(request, request.params.token);
      const invoiceId = request.params.invoiceId;
      if (!request.isMultipart()) {
        const reason = request.body?.reason ?? "";
        await disputePortalInvoice({ ctx, access, invoiceId, reason });
        return noStore(reply).status(204).send();
      }
      const form = await readDisputeForm(request, options.filesDir, access.org.id);
      try {
        await disputePortalInvoice({ ctx, access, invoiceId, ...form });
      } finally {
        if (form.attachment) await discardStagedFile(form.attachment.file);
      }
      return noStore(reply).status(204).send();
    },
  );
  api.get(
    "/api/portal/:token/quotes/:quoteId/pdf",
    {
      schema: {
        tags: ["portal"],
        security: [],
        summary: "The PDF of one of the client's quotes (not a draft)",
        params: TokenQuoteParams,
      },
    },
    async (request, reply) => {
      const access = await portalAccess(request, request.params.token);
      const { pdf, filename } = await portalQuotePdf({ ctx, access, quoteId: request.params.quoteId });
      return noStore(reply)
        .header("Content-Type", "application/pdf")
        .header("Content-Disposition", `attachment; filename="${filename}"`)
        .send(pdf);
    },
  );

  for (const answer of ["accept", "refuse"] as const) {
    api.post(
      `/api/portal/:token/quotes/:quoteId/${answer}`,
      {
        schema: {
          tags: ["portal"],
          security: [],
          summary:
            answer === "accept"
              ? "« Accepter »: the client accepts a sent quote within its validity under the name it typed (IP recorded); the deposit invoice is issued"
              : "« Refuser »: the client refuses a sent quote under the name it typed (IP recorded)",
          params: TokenQuoteParams,
          body: AnswerQuoteBody,
          response: { 200: AnswerQuoteResult },
        },
      },
      async (request, reply) => {
        const access = await portalAccess(request, request.params.token);
        const result = await answerPortalQuote({
          ctx,
          access,
          quoteId: request.params.quoteId,
          answer,
          name: request.body.name,
          reason: request.body.reason ?? null,
        });
        return noStore(reply).send(result);
      },
    );
  }
  api.post(
    "/api/portal/:token/plan-request",
    {
      schema: {
        tags: ["portal"],
        security: [],
        summary:
          "« Demander un échéancier »: a task for the staff and a timeline entry (no plan is created); one per link and day",
        params: TokenParams,
        body: PlanRequestBody,
        response: { 201: z.object({ task_id: z.string() }) },
      },
    },
    async (request, reply) => {
      const access = await portalAccess(request, request.params.token);
      const result = await requestPortalPlan({
        ctx,
        access,
        installments: request.body.installments,
        message: request.body.message ?? null,
      });
      return noStore(reply).status(201).send(result);
    },
  );
}
