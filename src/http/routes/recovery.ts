import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type CaseDocument, caseDocument, caseFileZip } from "../../app/recovery/case-file.js";
import { closeCase, RECOVERY_OUTCOMES } from "../../app/recovery/close-case.js";
import { getCase, listCases } from "../../app/recovery/get-case.js";
import { getLitigationView, type LitigationViewDto } from "../../app/recovery/get-litigation-view.js";
import { handOver } from "../../app/recovery/hand-over.js";
import { openCase } from "../../app/recovery/open-case.js";
import type { RecoveryCaseDto } from "../../app/recovery/present-case.js";
import { addProcedure, recordProcedureStep } from "../../app/recovery/record-procedure-step.js";
import { PROCEDURE_KINDS } from "../../core/recovery/steps.js";
import type { RecoveryOutcome } from "../../db/schema.js";
import { orgOf } from "../auth.js";
import type { RouteDeps } from "../server.js";
import { attachmentDisposition } from "./documents.js";
import { Id, IdParams, IsoDate } from "./invoices.js";

const Message = z.object({ code: z.string(), message: z.string() });
const CaseInvoice = z.looseObject({
  id: z.string(),
  number: z.string(),
  due_date: z.string(),
  balance_cents: z.number().int(),
  interest_cents: z.number().int(),
  indemnity_cents: z.number().int(),
  total_claim_cents: z.number().int(),
  prescription_date: z.string().nullable(),
  prescribed: z.boolean(),
});
const LitigationSchema = z.looseObject({
  client: z.looseObject({ id: z.string(), name: z.string(), kind: z.string() }),
  as_of: z.string(),
  amounts: z.object({
    principal_cents: z.number().int(),
    interest_cents: z.number().int(),
    indemnity_cents: z.number().int(),
    total_cents: z.number().int(),
  }),
  invoices: z.array(CaseInvoice),
  prescribed: z.array(CaseInvoice),
  disputed: z.array(z.object({ id: z.string(), number: z.string(), balance_cents: z.number().int() })),
  prescription_date: z.string().nullable(),
  procedures: z.array(z.looseObject({ procedure: z.string(), eligible: z.boolean(), reason: Message })),
  court: z.looseObject({
    court: z.string(),
    cerfa: z.string(),
    name: z.string(),
    warnings: z.array(Message),
  }),
  evidence: z.array(
    z.object({
      key: z.string(),
      status: z.enum(["present", "incomplete", "missing"]),
      importance: z.enum(["required", "recommended"]),
      count: z.number().int(),
      label: z.string(),
      detail: z.string(),
      why: z.string(),
    }),
  ),
  evidence_missing: z.array(z.string()),
  refusal: Message.nullable(),
  open_case_id: z.string().nullable(),
});
const ProcedureSchema = z.looseObject({
  id: z.string(),
  kind: z.enum(PROCEDURE_KINDS as [string, ...string[]]),
  status: z.string(),
  status_label: z.string(),
  fees_cents: z.number().int(),
  next: z.object({ date: z.string(), message: z.string() }).nullable(),
});
const CaseSchema = z.looseObject({
  id: z.string(),
  client_id: z.string(),
  stage: z.string(),
  outcome: z.string().nullable(),
  opened_on: z.string(),
  closed_on: z.string().nullable(),
  close_note: z.string().nullable(),
  costs_cents: z.number().int(),
  invoice_ids: z.array(z.string()),
  procedures: z.array(ProcedureSchema),
  view: LitigationSchema,
});

const OptionalDate = IsoDate.nullable().optional();
const Text = (max: number) => z.string().trim().max(max).nullable().optional();
const Fields = {
  court_name: Text(200),
  court_address: Text(400),
  mandatee_name: Text(200),
  mandatee_firm: Text(200),
  mandatee_email: Text(200),
  fees_cents: z.number().int().min(0).max(1e12).optional(),
  outcome: Text(500),
  notes: Text(2000),
  sent_on: OptionalDate,
  debtor_invited_on: OptionalDate,
  accepted_on: OptionalDate,
  refused_on: OptionalDate,
  title_on: OptionalDate,
  filed_on: OptionalDate,
  order_on: OptionalDate,
  served_on: OptionalDate,
  enforceable_on: OptionalDate,
  mandate_on: OptionalDate,
};
const ProcedureBody = z.strictObject({
  kind: z.enum(["small_claims", "injunction", "bailiff", "lawyer"]),
  ...Fields,
});
const PatchBody = z.strictObject(Fields);
const HandOverBody = z.strictObject({
  to: z.enum(["bailiff", "lawyer"]),
  mandatee_name: z.string().trim().min(1).max(200),
  mandatee_firm: z.string().trim().max(200).nullable().optional(),
  mandatee_email: z.string().trim().max(200).nullable().optional(),
  mandate_on: IsoDate.optional(),
  fees_cents: z.number().int().min(0).max(1e12).optional(),
});
const CloseBody = z.strictObject({
  outcome: z.enum(RECOVERY_OUTCOMES as [RecoveryOutcome, ...RecoveryOutcome[]]),
  note: z.string().trim().max(4000).optional(),
});
const ListQuery = z.strictObject({ client_id: Id.optional(), open: z.enum(["true", "false"]).optional() });
const ZipQuery = z.strictObject({ variant: z.enum(["injunction", "small_claims", "handover"]).optional() });

/** The DTOs are interfaces (no index signature): typed once here as the loose schemas they satisfy. */
const asCase = (dto: RecoveryCaseDto) => dto as unknown as z.infer<typeof CaseSchema>;
const asView = (dto: LitigationViewDto) => dto as unknown as z.infer<typeof LitigationSchema>;

function sendFile(reply: FastifyReply, type: string, filename: string, body: Buffer, inline: boolean) {
  const disposition = attachmentDisposition(filename);
  return reply
    .header("Content-Type", type)
    .header("Content-Length", String(body.length))
    .header("Content-Disposition", inline ? disposition.replace(/^attachment/, "inline") : disposition)
    .header("X-Content-Type-Options", "nosniff")
    .send(body);
}

/**
 * Judicial recovery (docs/recovery.md): the litigation view of a client, cases opened on its overdue invoices,
 * their procedures (small claim, injonction de payer, hand-over) and dates, the documents and the ZIP file, the
 * closing. Reads for every member; the rest for those who approve a mise en demeure (`dunning:approve`).
 */
export function recoveryRoutes(app: FastifyInstance, { ctx, options }: RouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["recovery"];
  const filesDir = options.filesDir;

  api.get(
    "/api/v1/clients/:id/litigation",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags,
        summary:
          "The litigation view of a client: eligibility, court, evidence checklist, prescription, amounts (principal, penalties, indemnities)",
        params: IdParams,
        response: { 200: LitigationSchema },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      return asView(
        await getLitigationView({ ctx, org, clientId: request.params.id, locale: request.locale }),
      );
    },
  );

  api.post(
    "/api/v1/recovery-cases",
    {
      config: { access: { permission: "dunning:approve" } },
      schema: {
        tags,
        summary:
          "Open the recovery case of a client on its overdue invoices (refused when all are prescribed)",
        body: z.strictObject({ client_id: Id }),
        response: { 201: CaseSchema },
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      const kase = await openCase({
        ctx,
        org,
        userId,
        clientId: request.body.client_id,
        locale: request.locale,
      });
      return reply.status(201).send(asCase(kase));
    },
  );

  api.get(
    "/api/v1/recovery-cases",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags,
        summary: "Recovery cases, newest first (of a client; open only)",
        querystring: ListQuery,
        response: {
          200: z.object({
            data: z.array(
              z.object({
                id: z.string(),
                client_id: z.string(),
                client_name: z.string(),
                stage: z.string(),
                outcome: z.string().nullable(),
                opened_on: z.string(),
                closed_on: z.string().nullable(),
                costs_cents: z.number().int(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      const data = await listCases({
        ctx,
        org,
        ...(request.query.client_id ? { clientId: request.query.client_id } : {}),
        open: request.query.open === "true",
      });
      return { data };
    },
  );

  api.get(
    "/api/v1/recovery-cases/:id",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags,
        summary: "One recovery case with its procedures and view",
        params: IdParams,
        response: { 200: CaseSchema },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      return asCase(await getCase({ ctx, org, id: request.params.id, locale: request.locale }));
    },
  );

  api.post(
    "/api/v1/recovery-cases/:id/procedures",
    {
      config: { access: { permission: "dunning:approve" } },
      schema: {
        tags,
        summary:
          "Start a procedure (small claim, injonction de payer, commissaire de justice, lawyer) with its first dates",
        params: IdParams,
        body: ProcedureBody,
        response: { 201: CaseSchema },
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      const { kind, ...fields } = request.body;
      const kase = await addProcedure({
        ctx,
        org,
        userId,
        caseId: request.params.id,
        kind,
        fields,
        locale: request.locale,
      });
      return reply.status(201).send(asCase(kase));
    },
  );

  api.patch(
    "/api/v1/recovery-procedures/:id",
    {
      config: { access: { permission: "dunning:approve" } },
      schema: {
        tags,
        summary: "Record a procedure's dates and details (null clears); deadlines are recomputed",
        params: IdParams,
        body: PatchBody,
        response: { 200: CaseSchema },
      },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      return asCase(
        await recordProcedureStep({
          ctx,
          org,
          userId,
          procedureId: request.params.id,
          fields: request.body,
          locale: request.locale,
        }),
      );
    },
  );

  api.post(
    "/api/v1/recovery-cases/:id/hand-over",
    {
      config: { access: { permission: "dunning:approve" } },
      schema: {
        tags,
        summary: "Hand the case over to a commissaire de justice or a lawyer (mandate, fees)",
        params: IdParams,
        body: HandOverBody,
        response: { 201: CaseSchema },
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      const b = request.body;
      const kase = await handOver({
        ctx,
        org,
        userId,
        caseId: request.params.id,
        to: b.to,
        mandatee: { name: b.mandatee_name, firm: b.mandatee_firm ?? null, email: b.mandatee_email ?? null },
        ...(b.mandate_on ? { mandate_on: b.mandate_on } : {}),
        ...(b.fees_cents !== undefined ? { fees_cents: b.fees_cents } : {}),
        locale: request.locale,
      });
      return reply.status(201).send(asCase(kase));
    },
  );

  api.post(
    "/api/v1/recovery-cases/:id/close",
    {
      config: { access: { permission: "dunning:approve" } },
      schema: {
        tags,
        summary: "Close a case: paid, settled, or written off (with the VAT regularisation note)",
        params: IdParams,
        body: CloseBody,
        response: { 200: CaseSchema },
      },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      return asCase(
        await closeCase({
          ctx,
          org,
          userId,
          id: request.params.id,
          outcome: request.body.outcome,
          note: request.body.note,
          locale: request.locale,
        }),
      );
    },
  );

  api.get(
    "/api/v1/recovery-cases/:id/file.zip",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags,
        summary:
          "The whole file as a ZIP: requête (or small-claims request, or hand-over summary + CSV), bordereau, pieces",
        params: IdParams,
        querystring: ZipQuery,
      },
    },
    async (request, reply) => {
      const { org } = orgOf(request);
      const { zip, filename } = await caseFileZip({
        ctx,
        org,
        caseId: request.params.id,
        filesDir,
        variant: request.query.variant ?? "injunction",
        locale: request.locale,
      });
      return sendFile(reply, "application/zip", filename, zip, false);
    },
  );

  const pdf = (path: string, document: CaseDocument, summary: string) =>
    api.get(
      `/api/v1/recovery-cases/:id/${path}`,
      { config: { access: { permission: "ledger:read" } }, schema: { tags, summary, params: IdParams } },
      async (request, reply) => {
        const { org } = orgOf(request);
        const out = await caseDocument({
          ctx,
          org,
          caseId: request.params.id,
          filesDir,
          document,
          locale: request.locale,
        });
        return sendFile(reply, "application/pdf", out.filename, out.pdf, true);
      },
    );
  pdf("requete.pdf", "requete", "The requête en injonction de payer (fields of Cerfa 12946*02 or 12948*06)");
  pdf("small-claims.pdf", "small_claims", "The small-claims request to a commissaire de justice");
  pdf("bordereau.pdf", "bordereau", "The bordereau de pièces");
  pdf("summary.pdf", "summary", "The hand-over summary");
}
