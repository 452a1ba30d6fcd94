import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type FieldProblem, invalidFields } from "../../app/errors.js";
import { confirmBankMatch } from "../../app/statements/confirm-bank-match.js";
import { importStatement } from "../../app/statements/import-statement.js";
import { listBankLines } from "../../app/statements/list-bank-lines.js";
import { linesOfImport, matchBankLines } from "../../app/statements/match-bank-lines.js";
import { type MatchReport, matchTransactions } from "../../app/statements/match-transactions.js";
import { setBankLineState } from "../../app/statements/set-bank-line-state.js";
import { undoBankMatch } from "../../app/statements/undo-bank-match.js";
import { type CsvField, csvFieldFromName } from "../../formats/bank/csv.js";
import type { StatementFormat } from "../../formats/bank/types.js";
import { orgOf } from "../auth.js";
import { decodeCursor, PageQuery, pageOf, toPage } from "../pagination.js";
import type { RouteDeps } from "../server.js";
import { Id, IdParams } from "./invoices.js";

const FORMATS = ["camt053", "cfonb120", "ofx", "csv"] as const;
const STATES = ["proposed", "unmatched", "matched", "ignored"] as const;
/** The upload limit of the multipart configuration (server.ts), for the message. */
const MAX_FILE = { fr: "10 Mo", en: "10 MB" } as const;

const Reason = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
});
const RawReason = Reason.omit({ message: true });

const LineInvoice = z.object({
  id: z.string(),
  number: z.string(),
  client_id: z.string().nullable(),
  client: z.string().nullable(),
  amount_cents: z.number().int(),
  balance_cents: z.number().int().nullable(),
  status: z.string().nullable(),
});

const CandidateSchema = z.object({
  score: z.number(),
  invoices: z.array(LineInvoice),
  reasons: z.array(Reason),
});

const BankLineSchema = z.object({
  id: z.string(),
  booking_date: z.string(),
  value_date: z.string().nullable(),
  amount_cents: z.number().int(),
  currency: z.string(),
  label: z.string(),
  remittance: z.string(),
  counterparty: z.string().nullable(),
  counterparty_iban: z.string().nullable(),
  bank_ref: z.string(),
  state: z.enum(STATES),
  score: z.number().nullable(),
  best: CandidateSchema.nullable(),
  alternatives: z.array(CandidateSchema),
  reasons: z.array(Reason),
  payment_id: z.string().nullable(),
  invoices: z.array(LineInvoice),
});

const MatchedSchema = z.object({
  id: z.string(),
  bank_ref: z.string(),
  amount_cents: z.number().int(),
  invoices: z.array(z.string()),
  score: z.number(),
  reasons: z.array(RawReason),
});

const ImportReportSchema = z.object({
  format: z.enum(FORMATS),
  statements: z.number().int(),
  transactions: z.number().int(),
  credits: z.number().int(),
  new_credits: z.number().int(),
  auto_matched: z.array(MatchedSchema),
  proposed: z.array(MatchedSchema),
  unmatched: z.array(
    z.object({ id: z.string(), bank_ref: z.string(), amount_cents: z.number().int(), label: z.string() }),
  ),
});

/** A match report as the API answers it: the unmatched lines without their reasons. */
function matchReportOut(report: MatchReport) {
  return {
    auto_matched: report.auto_matched,
    proposed: report.proposed,
    unmatched: report.unmatched.map(({ id, bank_ref, amount_cents, label }) => ({
      id,
      bank_ref,
      amount_cents,
      label,
    })),
  };
}

const MatchAgainSchema = ImportReportSchema.pick({
  auto_matched: true,
  proposed: true,
  unmatched: true,
}).extend({
  /** The lines matched again. */
  lines: z.number().int(),
});

const ListBankLinesQuery = z.strictObject({
  state: z.enum(STATES).default("proposed"),
  ...PageQuery,
});

const LineCursor = z.object({ d: z.string(), i: z.string() });

const ConfirmBody = z
  .strictObject({
    allocations: z
      .array(z.strictObject({ invoice_id: Id, amount_cents: z.number().int().positive().max(1e15) }))
      .min(1)
      .max(100)
      .optional(),
  })
  .optional();

interface StatementForm {
  bytes: Buffer;
  filename: string;
  format?: StatementFormat;
  map?: Record<string, CsvField>;
}

/** `map` as a JSON object `{ "Header": "field" }`, each field one of the CSV fields (or its French label). */
function parseMap(text: string): Record<string, CsvField> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = null;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalidFields([
      {
        path: "map",
        messageCode: "statement.invalid_map",
        params: { header: "—", field: text.slice(0, 80) },
      },
    ]);
  }
  const map: Record<string, CsvField> = {};
  for (const [header, name] of Object.entries(value)) {
    const field = typeof name === "string" ? csvFieldFromName(name) : undefined;
    if (header.trim() === "" || field === undefined) {
      throw invalidFields([
        { path: "map", messageCode: "statement.invalid_map", params: { header, field: String(name) } },
      ]);
    }
    map[header.trim()] = field;
  }
  return map;
}

/** The multipart form: `file`, `format?`, `map?` (JSON); any other field is a 400. */
async function readStatementForm(request: FastifyRequest): Promise<StatementForm> {
  const locale = request.locale;
  if (!request.isMultipart())
    throw invalidFields([{ path: "file", messageCode: "import.multipart_required" }]);
  let file: { bytes: Buffer; filename: string } | undefined;
  const fields: Record<string, string> = {};
  const unknown = (field: string): FieldProblem => ({
    path: field,
    messageCode: "http.unknown_field",
    params: { field },
  });
  try {
    for await (const part of request.parts()) {
      if (part.type === "file") {
        if (part.fieldname !== "file" || file !== undefined) {
          part.file.resume();
          throw invalidFields([unknown(part.fieldname)]);
        }
        file = { bytes: await part.toBuffer(), filename: part.filename ?? "" };
      } else if (part.fieldname === "format" || part.fieldname === "map") {
        fields[part.fieldname] = String(part.value);
      } else {
        throw invalidFields([unknown(part.fieldname)]);
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") {
      throw invalidFields([
        { path: "file", messageCode: "statement.too_large", params: { max: MAX_FILE[locale] } },
      ]);
    }
    throw error;
  }
  if (file === undefined) throw invalidFields([{ path: "file", messageCode: "document.file_required" }]);
  const format = fields.format?.trim();
  if (format && !(FORMATS as readonly string[]).includes(format)) {
    throw invalidFields([{ path: "format", messageCode: "statement.unknown_format" }]);
  }
  const map = fields.map?.trim() ? parseMap(fields.map) : undefined;
  return {
    ...file,
    ...(format ? { format: format as StatementFormat } : {}),
    ...(map ? { map } : {}),
  };
}

/** Bank statements and their lines: the import, the reconciliation screen's lists and answers (docs/statements.md). */
export function statementsRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    "/api/v1/statements",
    {
      config: { access: { permission: "payments:write" } },
      schema: {
        tags: ["statements"],
        summary:
          "Import a bank statement (multipart: file, format?, map? as JSON) and match its new credits: sure matches recorded as payments, the others proposed or unmatched; a bad file is refused whole (400, details with line:N)",
        consumes: ["multipart/form-data"],
        response: { 200: ImportReportSchema },
      },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      const form = await readStatementForm(request);
      const imported = await importStatement({
        ctx,
        org,
        userId,
        bytes: form.bytes,
        fileName: form.filename || null,
        ...(form.format ? { format: form.format } : {}),
        ...(form.map ? { csvMap: form.map } : {}),
      });
      const report = await matchTransactions({
        ctx,
        org,
        userId,
        ids: await linesOfImport(ctx, org, imported.new_ids),
      });
      return {
        format: imported.format,
        statements: imported.statements,
        transactions: imported.transactions,
        credits: imported.credits,
        new_credits: imported.new_credits,
        ...matchReportOut(report),
      };
    },
  );

  api.get(
    "/api/v1/bank-lines",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["statements"],
        summary:
          "Bank statement credits in one state (proposed, unmatched, matched, ignored), newest first, with the proposal and its reasons, or the payment and invoices of a match",
        querystring: ListBankLinesQuery,
        response: { 200: pageOf(BankLineSchema) },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      const query = request.query;
      const before = query.cursor ? decodeCursor(LineCursor, query.cursor) : undefined;
      const rows = await listBankLines({
        ctx,
        org,
        state: query.state,
        limit: query.limit + 1,
        locale: request.locale,
        ...(before ? { before: { date: before.d, id: before.i } } : {}),
      });
      return toPage(
        rows,
        query.limit,
        (r) => r,
        (r) => ({ d: r.booking_date, i: r.id }),
      );
    },
  );

  api.post(
    "/api/v1/bank-lines/match",
    {
      config: { access: { permission: "payments:write" } },
      schema: {
        tags: ["statements"],
        summary:
          "« Rapprocher à nouveau »: match again every line unmatched or proposed that the user has not answered (a rejected proposal, an undone match stay theirs) — after invoices, cheques or payers were added since the statement",
        response: { 200: MatchAgainSchema },
      },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      const report = await matchBankLines({ ctx, org, userId });
      return {
        lines: report.lines,
        ...matchReportOut(report),
      };
    },
  );

  api.post(
    "/api/v1/bank-lines/:id/confirm",
    {
      config: { access: { permission: "payments:write" } },
      schema: {
        tags: ["statements"],
        summary:
          "Confirm a bank line's match: the stored proposal, or allocations chosen by hand (a split over invoices of one client, Σ ≤ the line); recorded as a payment, the payer's name learned",
        params: IdParams,
        body: ConfirmBody,
        response: { 200: z.object({ payment_id: z.string() }) },
      },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      const allocations = request.body?.allocations;
      return confirmBankMatch({
        ctx,
        org,
        userId,
        lineId: request.params.id,
        ...(allocations ? { allocations } : {}),
      });
    },
  );

  for (const to of ["reject", "ignore", "restore"] as const) {
    api.post(
      `/api/v1/bank-lines/:id/${to}`,
      {
        config: { access: { permission: "payments:write" } },
        schema: {
          tags: ["statements"],
          summary: {
            reject: "Reject a bank line's proposal: the line stays to match by hand",
            ignore: "Ignore a bank line that pays no invoice (a refund, a transfer between own accounts)",
            restore: "Restore an ignored bank line: unmatched again",
          }[to],
          params: IdParams,
        },
      },
      async (request, reply) => {
        const { org } = orgOf(request);
        await setBankLineState({ ctx, org, lineId: request.params.id, to });
        return reply.status(204).send();
      },
    );
  }

  api.post(
    "/api/v1/bank-lines/:id/undo",
    {
      config: { access: { permission: "payments:write" } },
      schema: {
        tags: ["statements"],
        summary:
          "Undo a bank line's match: its payment removed, the invoices owed again (reminders where their dates say), the line unmatched",
        params: IdParams,
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      await undoBankMatch({ ctx, org, userId, lineId: request.params.id });
      return reply.status(204).send();
    },
  );
}
