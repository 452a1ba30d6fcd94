import { basename } from "node:path";
import { formatIsoDate, minDate, parseIsoDate, toIso } from "../../core/calendar.js";
import { deriveStatus } from "../../core/invoices/balance.js";
import { dueDate, effectiveTerm } from "../../core/law/terms.js";
import { formatMessage, type Locale, type MessageCode } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import type { Db, Dialect } from "../../db/connect.js";
import { newId } from "../../db/ids.js";
import { refreshStatistics } from "../../db/maintenance.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import {
  findInvoiceForUpdate,
  findInvoicesByNumber,
  findInvoicesInsertedSince,
  insertInvoicesSkippingExisting,
  updateInvoice,
} from "../../db/repositories/invoices.js";
import { insertAllocations, insertPayments } from "../../db/repositories/payments.js";
import type { Invoice, NewAllocation, NewInvoice, NewPayment, Organization } from "../../db/schema.js";
import {
  type RowError,
  readTrackingSheet,
  type TrackingColumn,
  type TrackingField,
  type XlsxLimits,
} from "../../formats/tracking-sheet/index.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { afterBalanceChange } from "../dunning/after-balance-change.js";
import { ClientResolver } from "./client-resolver.js";
import { type ImportRow, isEInvoiceFile, readEInvoiceEvents } from "./einvoice-rows.js";

export interface ImportInvoicesOptions {
  ctx: AppContext;
  org: Organization;
  path: string;
  map?: Record<string, TrackingField>;
  dryRun?: boolean;
  locale?: Locale;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** The file's name as the user knows it (timeline, payment references); default: the path's base name. */
  fileName?: string;
  /** Who imports (the timeline's and audit log's author); null from the CLI. */
  userId?: string | null;
  /** The XLSX reader's limits (entries, inflated bytes); default XLSX_LIMITS. Tests lower them. */
  xlsxLimits?: Readonly<XlsxLimits>;
}

export interface ImportReport {
  imported: number;
  skipped: number;
  clients_created: number;
  payments_created: number;
  /** Every problem found, up to MAX_REPORTED_ERRORS; `error_count` counts them all. */
  errors: RowError[];
  error_count: number;
  /** What the import decided for the user and says (an e-invoice's due date from the default terms…). */
  warnings: RowError[];
  dry_run: boolean;
}

const BATCH_ROWS = 1000;
const MAX_REPORTED_ERRORS = 1000;

class Rollback extends Error {}

function recordError(report: ImportReport, error: RowError): void {
  report.error_count += 1;
  if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push(error);
}

/**
 * Imports the user's tracking spreadsheet, or an e-invoice (Factur-X / ZUGFeRD PDF, CII or UBL XML, told from the
 * file's content) issued by another tool: one invoice, through the same writer (docs/import.md). Atomic: the whole
 * file is read inside one transaction, and any invalid row (or a dry run) rolls everything back, so a file either
 * imports whole or changes nothing. Rows stream in batches, so memory stays flat whatever the file's size.
 * Re-importing a file skips what is already there: an invoice's natural key is (client, number).
 */
export async function importInvoices(options: ImportInvoicesOptions): Promise<ImportReport> {
  const { ctx, org } = options;
  const report: ImportReport = {
    imported: 0,
    skipped: 0,
    clients_created: 0,
    payments_created: 0,
    errors: [],
    error_count: 0,
    warnings: [],
    dry_run: options.dryRun ?? false,
  };
  const at = nowIso(ctx);
  const today = todayFor(ctx, org.time_zone);
  const fileName = options.fileName ?? basename(options.path);

  try {
    await ctx.db.transaction().execute(async (trx) => {
      const writer = new BatchWriter(
        trx,
        org,
        at,
        toIso(today),
        fileName,
        options.locale ?? ctx.locale,
        options.userId ?? null,
        ctx.dialect,
      );
      let batch: ImportRow[] = [];
      const locale = options.locale ?? ctx.locale;
      const events = (await isEInvoiceFile(options.path))
        ? readEInvoiceEvents(options.path, locale)
        : readTrackingSheet(options.path, {
            locale,
            ...(options.map ? { map: options.map } : {}),
            ...(options.xlsxLimits ? { xlsxLimits: options.xlsxLimits } : {}),
          });
      for await (const event of events) {
        if (event.type === "progress") options.onProgress?.(event.bytesRead, event.totalBytes);
        else if (event.type === "header") writer.setColumns(event.columns);
        else if (event.type === "error") {
          recordError(report, event.error);
          batch = [];
        } else if (event.type === "row" && report.error_count === 0) {
          batch.push(event.row);
          if (batch.length >= BATCH_ROWS) {
            await writer.write(batch, report);
            batch = [];
          }
        }
      }
      if (report.error_count === 0 && batch.length > 0) await writer.write(batch, report);
      if (report.error_count > 0) throw new Rollback();
      await writer.finish(report);
      if (report.dry_run) throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  if (report.error_count === 0 && !report.dry_run && report.imported > 0) {
    await refreshStatistics(ctx.db, ctx.dialect);
  }
  if (report.error_count > 0) {
    report.imported = 0;
    report.skipped = 0;
    report.clients_created = 0;
    report.payments_created = 0;
    report.warnings = [];
  }
  return report;
}

/** Writes validated rows in set-based batches: clients, contacts, invoices, then the payments already received. */
class BatchWriter {
  private readonly clients: ClientResolver;

  constructor(
    private readonly db: Db,
    private readonly org: Organization,
    private readonly at: string,
    private readonly today: string,
    private readonly fileName: string,
    private readonly locale: Locale,
    private readonly userId: string | null,
    private readonly dialect: Dialect,
  ) {
    this.clients = new ClientResolver(db, org.id, at);
  }

  private headers = new Map<TrackingField, string>();
  private readonly firstId = newId();

  setColumns(columns: TrackingColumn[]): void {
    this.headers = new Map(columns.map((c) => [c.field, c.header]));
  }

  private error(
    line: number,
    field: TrackingField,
    code: MessageCode,
    params: Record<string, string | number>,
  ) {
    return {
      line,
      column: this.headers.get(field) ?? field,
      code,
      message: formatMessage(this.locale, code, params),
    };
  }

  /** What the reader cannot know: dates against today, and rows repeated in the file. */
  private checkPaymentDates(rows: ImportRow[], report: ImportReport): boolean {
    let ok = true;
    for (const row of rows) {
      const date = row.payment_date;
      if (!date) continue;
      if (date > this.today) {
        recordError(
          report,
          this.error(row.line, "payment_date", "payment.date_in_future", { date, today: this.today }),
        );
        ok = false;
      } else if (row.issue_date && date < row.issue_date) {
        recordError(
          report,
          this.error(row.line, "payment_date", "payment.date_before_issue", { date, issue: row.issue_date }),
        );
        ok = false;
      }
    }
    return ok;
  }

  async write(rows: ImportRow[], report: ImportReport): Promise<void> {
    if (!this.checkPaymentDates(rows, report)) return;
    const clientIds = await this.clients.resolve(rows);
    const invoices: NewInvoice[] = [];
    const paidRows: { invoiceId: string; clientId: string; row: ImportRow; due: string }[] = [];
    const warnings = new Map<string, RowError[]>();
    const credits = new Map<string, Invoice | undefined>();
    for (const [i, row] of rows.entries()) {
      const id = newId();
      const say = (w: RowError) => warnings.set(id, [...(warnings.get(id) ?? []), w]);
      const clientId = clientIds[i] as string;
      const kind = this.clients.kindOf(clientId);
      const due = row.due_date ?? this.defaultDueDate(row.issue_date as string);
      if (!row.due_date && row.warn_default_due) {
        say(
          this.warning(row, "due_date", "import.warning.default_due_date", {
            date: formatIsoDate(due, this.locale),
          }),
        );
      }
      if (row.source === "e-invoice" && row.paid_cents > 0) {
        const amount = formatEuros(row.paid_cents as Cents, this.locale);
        say(this.warning(row, "paid", "import.warning.prepaid", { amount }));
      }
      // A credit note (avoir) is never money to collect: settled at once, its negative total credited.
      const creditNote = row.invoice_kind === "credit_note";
      const target = creditNote ? await this.creditTarget(row, clientId) : undefined;
      if (creditNote) credits.set(id, target);
      if (creditNote && !target && row.credited_number) {
        say(
          this.warning(row, "number", "import.warning.credit_note_unapplied", {
            invoice: row.credited_number,
          }),
        );
      }
      invoices.push({
        id,
        organization_id: this.org.id,
        client_id: clientId,
        quote_id: null,
        kind: row.invoice_kind ?? "invoice",
        number: row.number,
        issue_date: row.issue_date ?? null,
        delivery_date: row.delivery_date ?? null,
        due_date: due,
        currency: row.currency ?? "EUR",
        total_ht_cents: row.ht_cents ?? null,
        total_vat_cents: row.vat_cents ?? null,
        total_ttc_cents: row.total_cents,
        paid_cents: row.paid_cents,
        ...(creditNote ? { credited_cents: row.total_cents, credited_invoice_id: target?.id ?? null } : {}),
        status: creditNote
          ? "paid"
          : deriveStatus({ total_cents: row.total_cents, paid_cents: row.paid_cents }),
        penalty_clause: this.org.penalty_clause,
        indemnity_applies: kind === "consumer" ? 0 : 1,
        source: row.source ?? "imported",
        disputed: 0,
        notes: row.notes ?? null,
        created_at: this.at,
        updated_at: this.at,
      });
      if (row.paid_cents > 0) paidRows.push({ invoiceId: id, clientId, row, due });
    }
    await this.clients.flush(report);
    const inserted = await insertInvoicesSkippingExisting(this.db, invoices);
    const skipped = invoices.filter((i) => !inserted.has(i.id));
    if (skipped.length > 0 && !(await this.checkDuplicatesInFile(rows, invoices, skipped, report))) return;
    report.imported += inserted.size;
    report.skipped += skipped.length;
    // Only what was written: a file imported again says nothing new.
    for (const invoice of invoices) {
      if (!inserted.has(invoice.id)) continue;
      report.warnings.push(...(warnings.get(invoice.id) ?? []));
      const target = credits.get(invoice.id);
      if (target) await this.applyCredit(target, -invoice.total_ttc_cents);
    }
    await this.writePayments(
      paidRows.filter((p) => inserted.has(p.invoiceId)),
      report,
    );
  }

  /**
   * A skipped row whose (client, number) was inserted by this very import is a row repeated in the file: an error,
   * not "already there". Ids are time-ordered and monotonic in a process, so the rows this import inserted are
   * those with an id above `firstId`, taken when it started: no key needs to stay in memory.
   */
  private warning(
    row: ImportRow,
    field: TrackingField,
    code: MessageCode,
    params: Record<string, string | number>,
  ): RowError {
    return this.error(row.line, field, code, { number: row.number, ...params });
  }

  /**
   * The invoice an imported credit note corrects (BT-25), locked: of the same client, still owed at least the
   * credit note's amount; undefined when there is none (the credit note is then kept unapplied, and said so).
   */
  private async creditTarget(row: ImportRow, clientId: string): Promise<Invoice | undefined> {
    if (!row.credited_number) return undefined;
    const candidate = (await findInvoicesByNumber(this.db, this.org.id, row.credited_number)).find(
      (i) => i.client_id === clientId && i.kind !== "credit_note",
    );
    if (!candidate) return undefined;
    const target = await findInvoiceForUpdate(this.db, this.dialect, this.org.id, candidate.id);
    if (!target || (target.status !== "open" && target.status !== "partially_paid")) return undefined;
    const balance = target.total_ttc_cents - target.paid_cents - target.credited_cents;
    return -row.total_cents <= balance ? target : undefined;
  }

  /** Applies a credit note as `issueCreditNote` does: credited_cents raised, status derived, the dunning told. */
  private async applyCredit(target: Invoice, amount: number): Promise<void> {
    const credited = target.credited_cents + amount;
    const status = deriveStatus({
      total_cents: target.total_ttc_cents,
      paid_cents: target.paid_cents + credited,
    });
    await updateInvoice(this.db, this.org.id, target.id, {
      credited_cents: credited,
      status,
      updated_at: this.at,
    });
    const changed = [{ id: target.id, client_id: target.client_id, status }];
    await afterBalanceChange(this.db, this.dialect, this.org, changed, this.at);
  }

  private async checkDuplicatesInFile(
    rows: ImportRow[],
    invoices: NewInvoice[],
    skipped: NewInvoice[],
    report: ImportReport,
  ): Promise<boolean> {
    const ours = await findInvoicesInsertedSince(
      this.db,
      this.org.id,
      skipped.map((i) => i.number),
      this.firstId,
    );
    const key = (clientId: string, number: string) => `${clientId}\u0000${number}`;
    const repeated = new Set(ours.map((i) => key(i.client_id, i.number)));
    const skippedIds = new Set(skipped.map((i) => i.id));
    let ok = true;
    for (const [index, invoice] of invoices.entries()) {
      if (!skippedIds.has(invoice.id) || !repeated.has(key(invoice.client_id, invoice.number))) continue;
      const row = rows[index] as ImportRow;
      recordError(
        report,
        this.error(row.line, "number", "import.duplicate_in_file", {
          number: row.number,
          client: row.client,
        }),
      );
      ok = false;
    }
    return ok;
  }

  async finish(report: ImportReport): Promise<void> {
    const counts = {
      file: this.fileName,
      imported: report.imported,
      skipped: report.skipped,
      clients_created: report.clients_created,
    };
    await appendAudit(this.db, {
      organizationId: this.org.id,
      userId: this.userId,
      at: this.at,
      entity: "import",
      operation: "create",
      data: { ...counts, payments_created: report.payments_created },
    });
    await insertActions(this.db, [
      {
        id: newId(),
        organization_id: this.org.id,
        client_id: null,
        invoice_id: null,
        user_id: this.userId,
        kind: "import",
        occurred_on: this.today,
        occurred_at: this.at,
        summary: `Import ${this.fileName}`,
        data: JSON.stringify(counts),
        idempotency_key: null,
        created_at: this.at,
        updated_at: this.at,
      },
    ]);
  }

  private defaultDueDate(issueIso: string): string {
    const issue = parseIsoDate(issueIso);
    if (!issue.ok) throw new Error(`reader returned an invalid issue date ${issueIso}`);
    return toIso(dueDate(issue.value, effectiveTerm(this.org.payment_term)));
  }

  /**
   * An amount already paid becomes a payment allocated to its invoice. Its date is the sheet's payment date when
   * there is one; otherwise the due date, or today when the due date is still ahead: a date never later than the
   * money's real arrival, so that no penalty is ever claimed on money already received.
   */
  private async writePayments(
    rows: { invoiceId: string; clientId: string; row: ImportRow; due: string }[],
    report: ImportReport,
  ): Promise<void> {
    if (rows.length === 0) return;
    const payments: NewPayment[] = [];
    const allocations: NewAllocation[] = [];
    const today = parseIsoDate(this.today);
    for (const { invoiceId, clientId, row, due } of rows) {
      const dueDate = parseIsoDate(due);
      const date =
        row.payment_date ??
        (dueDate.ok && today.ok ? toIso(minDate(dueDate.value, today.value)) : this.today);
      const paymentId = newId();
      payments.push({
        id: paymentId,
        organization_id: this.org.id,
        client_id: clientId,
        date,
        amount_cents: row.paid_cents,
        method: "other",
        reference: `${this.fileName} · ${row.number}`,
        payer: null,
        state: "confirmed",
        source: "import",
        created_at: this.at,
        updated_at: this.at,
      });
      allocations.push({
        id: newId(),
        organization_id: this.org.id,
        payment_id: paymentId,
        invoice_id: invoiceId,
        amount_cents: row.paid_cents,
        created_at: this.at,
        updated_at: this.at,
      });
    }
    await insertPayments(this.db, payments);
    await insertAllocations(this.db, allocations);
    report.payments_created += payments.length;
  }
}
