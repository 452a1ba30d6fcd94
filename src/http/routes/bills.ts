import { createReadStream } from "node:fs";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { getBill, listBillsOf } from "../../app/bills/get-bill.js";
import { issueBill } from "../../app/bills/issue-bill.js";
import { moveBill } from "../../app/bills/move-bill.js";
import { openBillPdf } from "../../app/bills/open-bill-pdf.js";
import { BILL_EVENTS, BILL_STATES, type BillEvent } from "../../core/bills/state.js";
import { orgOf } from "../auth.js";
import type { RouteDeps } from "../server.js";
import { attachmentDisposition } from "./documents.js";
import { Id, IdParams, IsoDate } from "./invoices.js";

const BillSchema = z.object({
  id: z.string(),
  client_id: z.string(),
  amount_cents: z.number().int(),
  issue_on: z.string(),
  issue_place: z.string(),
  due_on: z.string(),
  drawee_name: z.string(),
  drawee_address: z.string(),
  domiciliation_bank: z.string().nullable(),
  domiciliation_iban: z.string().nullable(),
  payee_name: z.string(),
  drawer_name: z.string(),
  lcr: z.boolean(),
  state: z.enum(BILL_STATES),
  accepted_on: z.string().nullable(),
  presented_on: z.string().nullable(),
  paid_on: z.string().nullable(),
  unpaid_on: z.string().nullable(),
  cancelled_on: z.string().nullable(),
  hold_until: z.string(),
  document_id: z.string().nullable(),
  payment_id: z.string().nullable(),
  invoices: z.array(
    z.object({
      invoice_id: z.string(),
      number: z.string(),
      amount_cents: z.number().int(),
      balance_cents: z.number().int(),
    }),
  ),
  actions: z.array(z.enum(Object.keys(BILL_EVENTS) as [BillEvent, ...BillEvent[]])),
});

const IssueBody = z.strictObject({
  client_id: Id,
  due_on: IsoDate,
  invoice_ids: z.array(Id).min(1).max(500).optional(),
  amount_cents: z.number().int().positive().max(1e15).optional(),
  issue_place: z.string().trim().max(120).optional(),
  domiciliation_bank: z.string().trim().max(200).optional(),
  domiciliation_iban: z.string().trim().max(64).optional(),
  payee_name: z.string().trim().max(200).optional(),
  lcr: z.boolean().optional(),
});

const ListQuery = z.strictObject({
  client_id: Id.optional(),
  state: z.enum(BILL_STATES).optional(),
});

const MoveBody = z.strictObject({ date: IsoDate.optional() });

/**
 * Bills of exchange (lettres de change, docs/bills.md): issued by a collector for a professional client's
 * invoices, then accepted, presented, paid or unpaid, or cancelled; the PDF made when it was issued.
 */
export function billsRoutes(app: FastifyInstance, { ctx, options }: RouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["bills"];
  const filesDir = options.filesDir;

  api.post(
    "/api/v1/bills",
    {
      config: { access: { permission: "payments:write" } },
      schema: {
        tags,
        summary:
          "Draw a bill of exchange on a professional client for some of its invoices (PDF stored, invoices held until the due date + 5 days)",
        body: IssueBody,
        response: { 201: BillSchema },
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      const bill = await issueBill({
        ctx,
        org,
        userId,
        filesDir,
        input: request.body,
        locale: request.locale,
      });
      return reply.status(201).send(bill);
    },
  );

  api.get(
    "/api/v1/bills",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags,
        summary: "Bills of exchange, newest first (of a client, in a state)",
        querystring: ListQuery,
        response: { 200: z.object({ data: z.array(BillSchema) }) },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      const data = await listBillsOf({
        ctx,
        org,
        ...(request.query.client_id ? { clientId: request.query.client_id } : {}),
        ...(request.query.state ? { states: [request.query.state] } : {}),
      });
      return { data };
    },
  );

  api.get(
    "/api/v1/bills/:id",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags,
        summary: "One bill of exchange with its invoices",
        params: IdParams,
        response: { 200: BillSchema },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      return getBill({ ctx, org, id: request.params.id });
    },
  );

  const step = (event: BillEvent, path: string, summary: string) =>
    api.post(
      `/api/v1/bills/:id/${path}`,
      {
        config: { access: { permission: "payments:write" } },
        schema: { tags, summary, params: IdParams, body: MoveBody, response: { 200: BillSchema } },
      },
      async (request) => {
        const { org, userId } = orgOf(request);
        return moveBill({
          ctx,
          org,
          userId,
          id: request.params.id,
          event,
          date: request.body?.date,
          locale: request.locale,
        });
      },
    );
  step("accept", "accept", "The drawee accepted the bill (signed it)");
  step("present", "present", "The bill was presented for payment (handed to the bank)");
  step("pay", "pay", "The bill was paid: a payment by bill of exchange settles its invoices");
  step("unpaid", "unpaid", "The bill came back unpaid (impayé): reminders resume today");
  step("cancel", "cancel", "Cancel a bill not presented: its invoices are released");

  api.get(
    "/api/v1/bills/:id/pdf",
    {
      config: { access: { permission: "ledger:read" } },
      schema: { tags, summary: "The bill's PDF, as generated when it was issued", params: IdParams },
    },
    async (request, reply) => {
      const { org } = orgOf(request);
      const { path, filename, size_bytes } = await openBillPdf({ ctx, org, filesDir, id: request.params.id });
      return reply
        .header("Content-Type", "application/pdf")
        .header("Content-Length", String(size_bytes))
        .header("Content-Disposition", attachmentDisposition(filename).replace(/^attachment/, "inline"))
        .header("X-Content-Type-Options", "nosniff")
        .send(createReadStream(path));
    },
  );
}
