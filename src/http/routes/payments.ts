import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { confirmDeclaredPayment } from "../../app/payments/confirm-declared-payment.js";
import { createPayment } from "../../app/payments/create-payment.js";
import { getPayment } from "../../app/payments/get-payment.js";
import { listPayments } from "../../app/payments/list-payments.js";
import { recordReceivedCheque } from "../../app/payments/record-received-cheque.js";
import { rejectDeclaredPayment } from "../../app/payments/reject-declared-payment.js";
import { orgOf } from "../auth.js";
import { decodeCursor, PageQuery, pageOf, toPage } from "../pagination.js";
import type { RouteDeps } from "../server.js";
import { Id, IdParams, IsoDate } from "./invoices.js";

const METHODS = ["transfer", "cheque", "card", "direct_debit", "bill_of_exchange", "cash", "other"] as const;

const PaymentSchema = z.object({
  id: z.string(),
  date: z.string(),
  amount_cents: z.number().int(),
  method: z.enum(METHODS),
  reference: z.string().nullable(),
  payer: z.string().nullable(),
  client_id: z.string().nullable(),
  client: z.string().nullable(),
  state: z.enum(["confirmed", "declared"]),
  source: z.string(),
  declared_invoice_id: z.string().nullable(),
  allocated_cents: z.number().int(),
  allocations: z.array(
    z.object({ invoice_id: z.string(), number: z.string(), amount_cents: z.number().int() }),
  ),
});

const ListPaymentsQuery = z.strictObject({
  client_id: Id.optional(),
  invoice_id: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  ...PageQuery,
});

const PaymentCursor = z.object({ d: z.string(), i: z.string() });

const CreatePaymentBody = z.strictObject({
  date: IsoDate,
  amount_cents: z.number().int().positive().max(1e15),
  method: z.enum(METHODS),
  reference: z.string().max(200).nullable().optional(),
  payer: z.string().max(200).nullable().optional(),
  client_id: Id.nullable().optional(),
  allocations: z
    .array(z.strictObject({ invoice_id: Id, amount_cents: z.number().int().positive().max(1e15) }))
    .min(1)
    .max(100),
});

/**
 * `Idempotency-Key` (optional): a request sent again with the key of one already carried out answers it again (200,
 * the same payment) and records nothing; the same key with another body is refused (409). Checked in the use case
 * (1 to 255 visible ASCII characters). A loose object: the request's other headers stay as they are.
 */
export const IdempotencyHeaders = z.looseObject({
  "idempotency-key": z
    .string()
    .max(255)
    .optional()
    .describe("A key of the caller's choosing (a UUID): a retry with the same key is recorded once"),
});

const ReceivedChequeBody = z.strictObject({
  amount_cents: z.number().int().positive().max(99_999_999_999),
  received_on: IsoDate,
  cheque_number: z.string().trim().max(50).nullish(),
  drawer: z.string().trim().max(200).nullish(),
  bank: z.string().trim().max(200).nullish(),
});

export function paymentsRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/v1/payments",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["payments"],
        summary:
          "Payments received, newest first; a client_id or invoice_id of another organization lists nothing",
        querystring: ListPaymentsQuery,
        response: { 200: pageOf(PaymentSchema) },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      const query = request.query;
      const before = query.cursor ? decodeCursor(PaymentCursor, query.cursor) : undefined;
      const rows = await listPayments({
        ctx,
        org,
        limit: query.limit + 1,
        ...(query.client_id ? { clientId: query.client_id } : {}),
        ...(query.invoice_id ? { invoiceId: query.invoice_id } : {}),
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
        ...(before ? { before: { date: before.d, id: before.i } } : {}),
      });
      return toPage(
        rows,
        query.limit,
        (r) => r,
        (r) => ({ d: r.date, i: r.id }),
      );
    },
  );

  api.post(
    "/api/v1/payments",
    {
      config: { access: { permission: "payments:write" } },
      schema: {
        tags: ["payments"],
        summary:
          "Record a payment received and split it over invoices of one client (201); with an Idempotency-Key already used for the same payment, that payment again (200) and nothing recorded; for another payment, 409",
        headers: IdempotencyHeaders,
        body: CreatePaymentBody,
        response: { 200: PaymentSchema, 201: PaymentSchema },
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      const key = request.headers["idempotency-key"];
      const { payment, replayed } = await createPayment({
        ctx,
        org,
        userId,
        input: request.body,
        locale: request.locale,
        ...(key !== undefined ? { idempotencyKey: key } : {}),
      });
      return reply.status(replayed ? 200 : 201).send(payment);
    },
  );

  api.get(
    "/api/v1/payments/:id",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["payments"],
        summary: "One payment with its allocations",
        params: IdParams,
        response: { 200: PaymentSchema },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      return getPayment({ ctx, org, id: request.params.id });
    },
  );
  api.post(
    "/api/v1/invoices/:id/received-cheques",
    {
      config: { access: { permission: "payments:write" } },
      schema: {
        tags: ["payments"],
        summary:
          "Record a cheque received for the invoice, awaiting deposit: a declared payment (method cheque, no allocation until confirmed by hand or by the bank line) and the invoice's reminders paused",
        params: IdParams,
        body: ReceivedChequeBody,
        response: { 201: PaymentSchema },
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      const body = request.body;
      const { payment } = await recordReceivedCheque({
        ctx,
        org,
        userId,
        invoice: { id: request.params.id },
        input: {
          amount_cents: body.amount_cents,
          received_on: body.received_on,
          cheque_number: body.cheque_number ?? null,
          drawer: body.drawer ?? null,
          bank: body.bank ?? null,
        },
      });
      return reply.status(201).send(payment);
    },
  );

  api.post(
    "/api/v1/payments/:id/confirm",
    {
      config: { access: { permission: "payments:write" } },
      schema: {
        tags: ["payments"],
        summary:
          "Confirm a declared payment (portal or cheque received, now cashed): it becomes a payment allocated to its invoice (up to the balance, the rest on account); the pause it set is lifted",
        params: IdParams,
        body: z
          .strictObject({
            amount_cents: z.number().int().min(1).max(99_999_999_999).optional(),
            date: IsoDate.optional(),
          })
          .optional(),
        response: { 200: PaymentSchema },
      },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      const body = request.body ?? {};
      return confirmDeclaredPayment({
        ctx,
        org,
        userId,
        id: request.params.id,
        ...(body.amount_cents !== undefined ? { amountCents: body.amount_cents } : {}),
        ...(body.date !== undefined ? { date: body.date } : {}),
        locale: request.locale,
      });
    },
  );

  api.post(
    "/api/v1/payments/:id/reject",
    {
      config: { access: { permission: "payments:write" } },
      schema: {
        tags: ["payments"],
        summary:
          "Reject a declared payment (portal or cheque received: nothing arrived, or the cheque bounced): it is removed and the pause it set is lifted",
        params: IdParams,
        body: z.strictObject({ reason: z.string().trim().max(2000).nullish() }).optional(),
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      await rejectDeclaredPayment({
        ctx,
        org,
        userId,
        id: request.params.id,
        reason: request.body?.reason ?? null,
      });
      return reply.status(204).send();
    },
  );
}
