import { Readable } from "node:stream";
import { allocateBill } from "../../core/bills/allocate.js";
import { type BillMention, issueProblem, missingMentions } from "../../core/bills/mentions.js";
import { BILL_HOLD_GRACE_DAYS } from "../../core/bills/state.js";
import { BILL_TITLE, billOrder, placeOfPayment } from "../../core/bills/text.js";
import { addDays, formatIsoDate, parseIsoDate, toIso } from "../../core/calendar.js";
import { checkIban } from "../../core/identifiers.js";
import { formatMessage, type Locale } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import { newId } from "../../db/ids.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { findLiveBillsOfInvoices, insertBill, insertBillInvoices } from "../../db/repositories/bills.js";
import { findClient } from "../../db/repositories/clients.js";
import { insertDocument } from "../../db/repositories/documents.js";
import { lookAgainBy } from "../../db/repositories/dunning-invoices.js";
import {
  findInvoice,
  findInvoiceForUpdate,
  type InvoiceListItem,
  listInvoices,
} from "../../db/repositories/invoices.js";
import { invoicesInOpenPlans, lockClientRow } from "../../db/repositories/payment-plans.js";
import { invoicesInOpenCases } from "../../db/repositories/recovery.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { commitStagedFile, removeFile, stageFile } from "../documents/file-store.js";
import { addressLines } from "../documents/parties.js";
import { writeInvoiceHold } from "../dunning/set-hold.js";
import { AppError, invalidFields } from "../errors.js";
import { orgLocale, timelineAction } from "../invoices/timeline.js";
import { getBill } from "./get-bill.js";
import type { BillDto } from "./present-bill.js";

export interface IssueBillInput {
  client_id: string;
  /** YYYY-MM-DD */
  due_on: string;
  /** The invoices it settles; by default every open invoice of the client not already on a pending bill. */
  invoice_ids?: string[] | undefined;
  /** At most the invoices' balance (the default). */
  amount_cents?: number | undefined;
  /** The place of issue; by default the organization's city. */
  issue_place?: string | null | undefined;
  domiciliation_bank?: string | null | undefined;
  domiciliation_iban?: string | null | undefined;
  /** The payee (bénéficiaire); by default the organization. */
  payee_name?: string | null | undefined;
  /** A lettre de change relevé (needs the drawee's IBAN). */
  lcr?: boolean | undefined;
}

const owed = (i: InvoiceListItem) =>
  Number(i.total_ttc_cents) - Number(i.paid_cents) - Number(i.credited_cents);
const isOwed = (i: InvoiceListItem) =>
  i.kind !== "credit_note" && (i.status === "open" || i.status === "partially_paid") && owed(i) > 0;

/**
 * Draws a bill of exchange (lettre de change) on a professional client for some of its invoices: checked (a
 * consumer is refused, the eight mentions of L511-1 must all be there, the amount within the invoices' balance,
 * no invoice already on a pending bill), its PDF generated and stored as a document, then in one transaction the
 * bill, its invoices, a `bill` hold on them until the due date + a few days, an action on each invoice's timeline
 * and an audit entry. If anything is refused, nothing is kept (the file neither).
 */
export async function issueBill(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  filesDir: string;
  input: IssueBillInput;
  /** The language of the dates in the error messages (the request's); the bill and timeline keep the organization's. */
  locale?: Locale;
}): Promise<BillDto> {
  const { ctx, org, input } = options;
  const today = todayFor(ctx, org.time_zone);
  const locale = orgLocale(org);
  const day = (iso: string) => formatIsoDate(iso, options.locale ?? ctx.locale);
  const money = (n: number) => formatEuros(n as Cents, locale);

  const due = parseIsoDate(input.due_on);
  if (!due.ok) {
    throw invalidFields([
      { path: "due_on", messageCode: due.problem.code, params: due.problem.params ?? {} },
    ]);
  }
  const client = await findClient(ctx.db, org.id, input.client_id);
  if (!client) throw new AppError("not_found", "client.not_found");
  const problem = issueProblem(client.kind, today, due.value);
  if (problem === "bill.consumer_refused") {
    throw invalidFields([{ path: "client_id", messageCode: problem, params: { client: client.name } }]);
  }
  if (problem) {
    throw invalidFields([
      { path: "due_on", messageCode: problem, params: { due: day(input.due_on), issue: day(toIso(today)) } },
    ]);
  }
  let iban: string | null = null;
  if (input.domiciliation_iban?.trim()) {
    const checked = checkIban(input.domiciliation_iban);
    if (!checked.ok) {
      throw invalidFields([
        {
          path: "domiciliation_iban",
          messageCode: checked.problem.code,
          params: checked.problem.params ?? {},
        },
      ]);
    }
    iban = checked.value;
  }
  if (input.lcr && !iban)
    throw invalidFields([{ path: "domiciliation_iban", messageCode: "bill.lcr_needs_iban" }]);

  // the invoices, the amount and its split
  let invoices: InvoiceListItem[];
  if (input.invoice_ids && input.invoice_ids.length > 0) {
    invoices = [];
    for (const [i, id] of [...new Set(input.invoice_ids)].entries()) {
      const invoice = await findInvoice(ctx.db, org.id, id);
      if (!invoice) throw new AppError("not_found", "invoice.unknown");
      if (invoice.client_id !== client.id) {
        throw invalidFields([
          {
            path: `invoice_ids.${i}`,
            messageCode: "bill.invoice_other_client",
            params: { number: invoice.number, client: client.name },
          },
        ]);
      }
      if (!isOwed(invoice)) {
        throw invalidFields([
          {
            path: `invoice_ids.${i}`,
            messageCode: "bill.invoice_not_owed",
            params: { number: invoice.number },
          },
        ]);
      }
      invoices.push(invoice);
    }
    const live = await findLiveBillsOfInvoices(
      ctx.db,
      org.id,
      invoices.map((i) => i.id),
    );
    const [taken] = live;
    if (taken) {
      const number = invoices.find((i) => i.id === taken.invoice_id)?.number ?? "";
      throw new AppError("conflict", "bill.invoice_on_bill", { number, due: day(taken.due_on) });
    }
  } else {
    const open = (
      await listInvoices(ctx.db, org.id, {
        today: toIso(today),
        clientId: client.id,
        open: true,
        limit: 10_000,
      })
    ).filter(isOwed);
    const live = new Set(
      (
        await findLiveBillsOfInvoices(
          ctx.db,
          org.id,
          open.map((i) => i.id),
        )
      ).map((l) => l.invoice_id),
    );
    invoices = open.filter((i) => !live.has(i.id));
    if (invoices.length === 0) {
      throw invalidFields([
        { path: "invoice_ids", messageCode: "bill.no_invoices", params: { client: client.name } },
      ]);
    }
  }
  // an invoice settled by a payment plan (échéancier) keeps it: the plan's own hold is not replaced
  const inPlan = invoices.find(
    (i) => i.hold_kind === "plan" && (!i.hold_until || i.hold_until >= toIso(today)),
  );
  if (inPlan) throw new AppError("conflict", "bill.invoice_in_plan", { number: inPlan.number });
  // nor one of a plan not started yet (draft, signed): its activation would replace the bill's hold
  const [planned] = await invoicesInOpenPlans(
    ctx.db,
    org.id,
    invoices.map((i) => i.id),
  );
  const inDraft = invoices.find((i) => i.id === planned);
  if (inDraft) throw new AppError("conflict", "bill.invoice_in_plan", { number: inDraft.number });
  // nor one of an open recovery case: the case's hold stays until it closes
  const [inCase] = await invoicesInOpenCases(
    ctx.db,
    org.id,
    invoices.map((i) => i.id),
  );
  const cased = invoices.find((i) => i.id === inCase?.invoice_id);
  if (cased) throw new AppError("conflict", "bill.invoice_in_case", { number: cased.number });
  const balance = invoices.reduce((s, i) => s + owed(i), 0);
  const amount = input.amount_cents ?? balance;
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw invalidFields([{ path: "amount_cents", messageCode: "amount.zero" }]);
  }
  if (amount > balance) {
    throw invalidFields([
      {
        path: "amount_cents",
        messageCode: "bill.amount_exceeds",
        params: { amount: money(amount), balance: money(balance) },
      },
    ]);
  }
  const parts = allocateBill(
    amount,
    invoices.map((i) => ({ id: i.id, due_date: i.due_date, balance_cents: owed(i) })),
  );
  const numberOf = new Map(invoices.map((i) => [i.id, i]));

  // what the paper says, checked against L511-1 before anything is written
  const drawee = addressLines(client);
  const payee = input.payee_name?.trim() || org.name;
  const place = input.issue_place?.trim() || org.city?.trim() || "";
  const domiciliation = { bank: input.domiciliation_bank?.trim() || null, iban };
  const missing: BillMention[] = missingMentions({
    title: BILL_TITLE,
    order: billOrder(amount, payee),
    amount_cents: amount,
    drawee_name: client.name,
    due_on: due.value,
    place_of_payment: placeOfPayment(domiciliation, drawee),
    payee_name: payee,
    issue_on: today,
    issue_place: place,
    drawer_name: org.name,
  });
  if (missing.length > 0) {
    const mentions = missing.map((m) => formatMessage(locale, `bill.mention.${m}`)).join(", ");
    throw new AppError(
      "invalid_input",
      "bill.missing_mentions",
      { mentions },
      missing.map((m) => ({ path: m, message: formatMessage(locale, `bill.mention.${m}`) })),
    );
  }

  const id = newId();
  const holdUntil = toIso(addDays(due.value, BILL_HOLD_GRACE_DAYS));
  const { renderBillOfExchange } = await import("../../pdf/bill-of-exchange.js");
  const pdf = await renderBillOfExchange({
    reference: id,
    amount_cents: amount,
    issue_on: toIso(today),
    issue_place: place,
    due_on: input.due_on,
    drawer: { name: org.name, siren: org.siren, address_lines: addressLines(org) },
    payee_name: payee,
    drawee: { name: client.name, address_lines: drawee, siren: client.siren },
    domiciliation,
    lcr: input.lcr === true,
    invoices: parts.map((p) => ({
      number: numberOf.get(p.invoice_id)?.number ?? "",
      due_date: numberOf.get(p.invoice_id)?.due_date ?? "",
      amount_cents: p.amount_cents,
    })),
  });
  const staged = await stageFile({ filesDir: options.filesDir, orgId: org.id, stream: Readable.from([pdf]) });
  const stored = await commitStagedFile(staged);
  const at = nowIso(ctx);
  const documentId = newId();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      // the client's row locked (PostgreSQL) as a plan or a recovery case opening locks it: one after the other,
      // and the checks above made again — a plan or a case may have taken an invoice meanwhile
      await lockClientRow(trx, ctx.dialect, org.id, client.id);
      const ids = parts.map((p) => p.invoice_id);
      const [nowPlanned] = await invoicesInOpenPlans(trx, org.id, ids);
      if (nowPlanned)
        throw new AppError("conflict", "bill.invoice_in_plan", {
          number: numberOf.get(nowPlanned)?.number ?? "",
        });
      const [nowCased] = await invoicesInOpenCases(trx, org.id, ids);
      if (nowCased)
        throw new AppError("conflict", "bill.invoice_in_case", {
          number: numberOf.get(nowCased.invoice_id)?.number ?? "",
        });
      // re-read under lock: a payment or another bill may have come in meanwhile
      for (const p of [...parts].sort((a, b) => (a.invoice_id < b.invoice_id ? -1 : 1))) {
        const invoice = await findInvoiceForUpdate(trx, ctx.dialect, org.id, p.invoice_id);
        const left = invoice ? invoice.total_ttc_cents - invoice.paid_cents - invoice.credited_cents : 0;
        if (!invoice || left < p.amount_cents) {
          throw new AppError("conflict", "bill.invoice_not_owed", {
            number: numberOf.get(p.invoice_id)?.number ?? "",
          });
        }
      }
      const [taken] = await findLiveBillsOfInvoices(
        trx,
        org.id,
        parts.map((p) => p.invoice_id),
      );
      if (taken) {
        const number = numberOf.get(taken.invoice_id)?.number ?? "";
        throw new AppError("conflict", "bill.invoice_on_bill", { number, due: day(taken.due_on) });
      }
      await insertDocument(trx, {
        id: documentId,
        organization_id: org.id,
        client_id: client.id,
        invoice_id: null,
        kind: "bill_of_exchange",
        filename: `lettre-de-change-${input.due_on}.pdf`,
        mime_type: "application/pdf",
        size_bytes: staged.size,
        sha256: staged.sha256,
        storage_key: stored.storageKey,
        uploaded_by_user_id: options.userId,
        created_at: at,
        updated_at: at,
      });
      await insertBill(trx, {
        id,
        organization_id: org.id,
        client_id: client.id,
        amount_cents: amount,
        issue_on: toIso(today),
        issue_place: place,
        due_on: input.due_on,
        drawee_name: client.name,
        drawee_address: drawee.join("\n"),
        drawee_siren: client.siren,
        domiciliation_bank: domiciliation.bank,
        domiciliation_iban: iban,
        payee_name: payee,
        drawer_name: org.name,
        state: "issued",
        accepted_on: null,
        presented_on: null,
        paid_on: null,
        unpaid_on: null,
        cancelled_on: null,
        lcr: input.lcr ? 1 : 0,
        hold_until: holdUntil,
        document_id: documentId,
        payment_id: null,
        created_at: at,
        updated_at: at,
      });
      await insertBillInvoices(
        trx,
        parts.map((p) => ({
          id: newId(),
          organization_id: org.id,
          bill_id: id,
          invoice_id: p.invoice_id,
          amount_cents: p.amount_cents,
          created_at: at,
          updated_at: at,
        })),
      );
      const invoiceIds = parts.map((p) => p.invoice_id);
      const params = { amount: money(amount), due: formatIsoDate(input.due_on, locale) };
      await writeInvoiceHold(trx, org.id, invoiceIds, {
        hold_kind: "bill",
        hold_until: holdUntil,
        hold_reason: formatMessage(locale, "bill.hold_reason", params),
        updated_at: at,
      });
      // the run looks at them today and dates them after the hold
      await lookAgainBy(trx, org.id, invoiceIds, toIso(today));
      await insertActions(
        trx,
        invoiceIds.map((invoiceId) =>
          timelineAction({
            orgId: org.id,
            clientId: client.id,
            invoiceId,
            userId: options.userId,
            kind: "bill_issued",
            occurredOn: toIso(today),
            at,
            summary: formatMessage(locale, "bill.timeline.issued", params),
            data: { bill_id: id, document_id: documentId, amount_cents: amount, due_on: input.due_on },
          }),
        ),
      );
      await appendAudit(trx, {
        organizationId: org.id,
        userId: options.userId,
        at,
        entity: "bill_of_exchange",
        entityId: id,
        operation: "create",
        data: {
          client_id: client.id,
          amount_cents: amount,
          due_on: input.due_on,
          invoices: parts,
          lcr: input.lcr === true,
        },
      });
      return getBill({ ctx, org, id, db: trx });
    });
  } catch (error) {
    await removeFile(stored.path);
    throw error;
  }
}
