import { createHash } from "node:crypto";
import type { Insertable } from "kysely";
import type { MessageCode } from "../../core/messages.js";
import { newId } from "../../db/ids.js";
import { insertTransactionsOnce, upsertStatement } from "../../db/repositories/bank-statements.js";
import type { BankTransactionTable, Organization } from "../../db/schema.js";
import type { CsvField } from "../../formats/bank/csv.js";
import { readStatement } from "../../formats/bank/read-statement.js";
import type { BankStatement, StatementFormat } from "../../formats/bank/types.js";
import { type AppContext, nowIso } from "../context.js";
import { type FieldProblem, invalidFields } from "../errors.js";

export interface ImportStatementOptions {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  bytes: Uint8Array;
  fileName?: string | null;
  /** Told from the content when absent. */
  format?: StatementFormat;
  /** CSV: headers mapped to fields by the user (`--map`). */
  csvMap?: Readonly<Record<string, CsvField>>;
  /** Read and count, write nothing. */
  dryRun?: boolean;
}

export interface ImportStatementResult {
  format: StatementFormat;
  statements: number;
  /** Entries read from the file, credits and debits. */
  transactions: number;
  /** Credits: the lines that may pay invoices (debits and reversals are not kept). */
  credits: number;
  /** Credits new to Relance (the others were imported before). */
  new_credits: number;
  /** The new lines' ids, in the file's order: the lines to match. */
  new_ids: string[];
}

/** The account a statement is kept under: its IBAN, else the account as written. */
const accountOf = (s: BankStatement) => s.account_iban ?? s.account_id ?? "compte";

/**
 * Imports a bank statement file (camt.053, CFONB 120, OFX; docs/statements.md): the whole file is read and checked
 * first — a malformed file or one without statement is refused whole, nothing written —, then in one transaction
 * each statement is recorded once per account and reference, and its credits become bank transactions, unique by
 * account and the bank's reference of the entry (or the statement and the entry's position) with its occurrence in
 * the statement: importing the same statement again adds nothing, identical lines of one statement are all kept.
 */
export async function importStatement(options: ImportStatementOptions): Promise<ImportStatementResult> {
  const { ctx, org } = options;
  const read = readStatement(options.bytes, options.format, { map: options.csvMap ?? {} });
  if (!read.ok) {
    const problems = read.problems.map(
      (p): FieldProblem => ({
        path: p.line > 0 ? `line:${p.line}` : "file",
        messageCode: p.code as MessageCode,
        params: p.params,
      }),
    );
    throw invalidFields(problems as [FieldProblem, ...FieldProblem[]]);
  }
  const { file } = read;
  const at = nowIso(ctx);
  const sha256 = createHash("sha256").update(options.bytes).digest("hex");
  const result: ImportStatementResult = {
    format: file.format,
    statements: file.statements.length,
    transactions: file.statements.reduce((n, s) => n + s.entries.length, 0),
    credits: 0,
    new_credits: 0,
    new_ids: [],
  };
  for (const s of file.statements)
    result.credits += s.entries.filter((e) => e.direction === "credit" && !e.reversal).length;
  if (options.dryRun) return result;
  await ctx.db.transaction().execute(async (trx) => {
    for (const statement of file.statements) {
      const account = accountOf(statement);
      const { id: statementId } = await upsertStatement(trx, {
        id: newId(),
        organization_id: org.id,
        format: file.format,
        account,
        statement_ref: statement.id,
        currency: statement.currency,
        from_date: statement.from_date,
        to_date: statement.to_date,
        opening_balance_cents: statement.opening_balance_cents,
        closing_balance_cents: statement.closing_balance_cents,
        entries: statement.entries.length,
        file_name: options.fileName ?? null,
        file_sha256: sha256,
        imported_by: options.userId,
        created_at: at,
        updated_at: at,
      });
      const seen = new Map<string, number>();
      const rows: Insertable<BankTransactionTable>[] = [];
      for (const e of statement.entries) {
        const n = (seen.get(e.bank_ref) ?? 0) + 1;
        seen.set(e.bank_ref, n);
        if (e.direction !== "credit" || e.reversal) continue;
        rows.push({
          id: newId(),
          organization_id: org.id,
          statement_id: statementId,
          account,
          dedupe_key: n === 1 ? e.bank_ref : `${e.bank_ref}~${n}`,
          bank_ref: e.bank_ref,
          ref_kind: e.ref_kind,
          position: e.index,
          booking_date: e.booking_date,
          value_date: e.value_date,
          amount_cents: e.amount_cents,
          currency: e.currency,
          label: e.label,
          remittance: e.remittance,
          creditor_reference: e.creditor_reference,
          end_to_end_id: e.end_to_end_id,
          counterparty_name: e.counterparty_name,
          counterparty_iban: e.counterparty_iban,
          transaction_code: e.transaction_code,
          cheque_number: e.cheque_number,
          match_state: "unmatched",
          match_score: null,
          match_reasons: null,
          payment_id: null,
          created_at: at,
          updated_at: at,
        });
      }
      const inserted = await insertTransactionsOnce(trx, ctx.dialect, org.id, rows);
      result.new_ids.push(...inserted);
    }
  });
  result.new_credits = result.new_ids.length;
  return result;
}
