import { formatDate } from "../../core/calendar.js";
import { checkEmail, checkSiren, checkSiret, normalizeIdentifier } from "../../core/identifiers.js";
import { formatMessage, type Locale, type MessageCode } from "../../core/messages.js";
import { type Cents, formatEuros } from "../../core/money.js";
import type { Problem, Result } from "../../core/result.js";
import { cellAmount, cellText, DateReader, isBlank, type ParsedDate, TextMemo } from "./cells.js";
import { normalizeLabel } from "./headers.js";
import type {
  CellValue,
  ClientKind,
  TrackingColumn,
  TrackingEvent,
  TrackingField,
  TrackingRow,
} from "./types.js";

const KINDS: ReadonlyMap<string, ClientKind> = new Map([
  ...[
    "b2b",
    "btob",
    "pro",
    "professionnel",
    "professionnelle",
    "professionnel le",
    "entreprise",
    "business",
  ].map((k) => [k, "business"] as const),
  ...["societe", "company", "professional", "b2b business"].map((k) => [k, "business"] as const),
  ...[
    "b2c",
    "btoc",
    "particulier",
    "particuliere",
    "particulier e",
    "consommateur",
    "consumer",
    "individual",
  ].map((k) => [k, "consumer"] as const),
  ...["private", "private individual", "personne physique"].map((k) => [k, "consumer"] as const),
  ...[
    "public",
    "administration",
    "b2g",
    "btog",
    "collectivite",
    "collectivite territoriale",
    "secteur public",
  ].map((k) => [k, "public"] as const),
  ...["public sector", "government", "acheteur public", "etablissement public"].map(
    (k) => [k, "public"] as const,
  ),
]);

export function parseKind(text: string): ClientKind | undefined {
  return KINDS.get(normalizeLabel(text));
}

interface Column {
  index: number;
  header: string;
}

type Columns = Partial<Record<Exclude<TrackingField, "ignore">, Column>>;

const WHITESPACE_RUN = /\s+/g;
const NEEDS_COLLAPSE = /\s\s|[^\S ]/;

/** Turns the cells of one data row into a TrackingRow, or into one error per problem. */
export class RowReader {
  private readonly columns: Columns = {};
  private readonly width: number;
  private readonly dates = new DateReader();
  /** A SIREN column may hold a SIRET (14 digits) and a SIRET column a SIREN (9 digits). */
  private readonly sirens = new TextMemo((id) =>
    normalizeIdentifier(id).length === 14 ? checkSiret(id) : checkSiren(id),
  );
  private readonly sirets = new TextMemo((id) =>
    normalizeIdentifier(id).length === 9 ? checkSiren(id) : checkSiret(id),
  );

  private readonly kinds = new TextMemo(parseKind, 1_000);

  constructor(
    columns: readonly TrackingColumn[],
    private readonly locale: Locale,
  ) {
    this.width = columns.length;
    columns.forEach(({ header, field }, index) => {
      if (field !== "ignore" && this.columns[field] === undefined) this.columns[field] = { index, header };
    });
  }

  read(cells: readonly CellValue[], line: number, out: TrackingEvent[]): void {
    const c = this.columns;
    const locale = this.locale;
    let failed = false;
    const error = (column: string, code: MessageCode, params?: Record<string, string | number>) => {
      failed = true;
      out.push({
        type: "error",
        error: { line, column, code, message: formatMessage(locale, code, params) },
      });
    };
    const problem = (column: Column, p: Problem) => error(column.header, p.code, p.params);
    const euros = (x: number) => formatEuros(x as Cents, locale);

    if (cells.length > this.width) {
      let last = cells.length - 1;
      while (last >= this.width && isBlank(cells[last])) last--;
      if (last >= this.width) error("", "row.too_many_columns", { count: last + 1, expected: this.width });
    }

    // number, client: required text
    const number = c.number === undefined ? "" : cellText(cells[c.number.index]).trim();
    if (number === "" && c.number !== undefined) error(c.number.header, "field.required");
    let client = c.client === undefined ? "" : cellText(cells[c.client.index]).trim();
    if (NEEDS_COLLAPSE.test(client)) client = client.replace(WHITESPACE_RUN, " ");
    if (client === "" && c.client !== undefined) error(c.client.header, "field.required");

    // identifiers
    let siren: string | undefined;
    let siret: string | undefined;
    if (c.siren !== undefined) {
      const id = this.identifier(cells[c.siren.index]);
      if (id !== undefined) {
        const r = this.sirens.get(id);
        if (!r.ok) problem(c.siren, r.problem);
        else if (r.value.length === 14) {
          siret = r.value;
          siren = r.value.slice(0, 9);
        } else siren = r.value;
      }
    }
    if (c.siret !== undefined) {
      const id = this.identifier(cells[c.siret.index]);
      if (id !== undefined) {
        const r = this.sirets.get(id);
        if (!r.ok) problem(c.siret, r.problem);
        else {
          const ownSiren = r.value.slice(0, 9);
          if (siren !== undefined && siren !== ownSiren) {
            error(c.siret.header, "siret.siren_mismatch", { siret: r.value, siren });
          } else {
            if (r.value.length === 14) siret = r.value;
            siren = ownSiren;
          }
        }
      }
    }

    let email: string | undefined;
    if (c.email !== undefined) {
      const v = cells[c.email.index];
      if (!isBlank(v)) {
        const r = checkEmail(cellText(v));
        if (r.ok) email = r.value;
        else problem(c.email, r.problem);
      }
    }

    let kind: ClientKind | undefined;
    if (c.kind !== undefined) {
      const v = cells[c.kind.index];
      if (!isBlank(v)) {
        const text = cellText(v).trim();
        kind = this.kinds.get(text);
        if (kind === undefined) error(c.kind.header, "kind.invalid", { value: text });
      }
    }

    // dates
    const issue = this.date(c.issue_date, cells, problem);
    const due = this.date(c.due_date, cells, problem);
    const paymentDate = this.date(c.payment_date, cells, problem);
    if (issue === null && due === null) {
      const column = c.due_date ?? c.issue_date;
      if (column !== undefined) error(column.header, "date.missing");
    }
    // ISO strings compare as the dates do (parseDate only accepts four-digit years), and faster than compareDates
    if (issue && due && due.iso < issue.iso) {
      // biome-ignore lint/style/noNonNullAssertion: due is set, so is its column
      error(c.due_date!.header, "date.due_before_issue", {
        due: formatDate(due.date, locale),
        issue: formatDate(issue.date, locale),
      });
    }

    // amounts
    const ht = this.amount(c.ht, cells, problem);
    const vat = this.amount(c.vat, cells, problem);
    let total = this.amount(c.total, cells, problem);
    const paid = this.amount(c.paid, cells, problem);
    const balance = this.amount(c.balance, cells, problem);
    if (typeof ht === "number" && ht < 0 && c.ht) error(c.ht.header, "amount.negative", { value: euros(ht) });
    if (typeof vat === "number" && vat < 0 && c.vat)
      error(c.vat.header, "amount.negative", { value: euros(vat) });

    if (total === null) {
      // no total column, or a blank total: HT + VAT when both are there
      if (typeof ht === "number" && typeof vat === "number") total = (ht + vat) as Cents;
      else if (ht !== undefined && vat !== undefined) {
        if (c.total !== undefined) error(c.total.header, "field.required");
        else {
          if (ht === null && c.ht) error(c.ht.header, "field.required");
          if (vat === null && c.vat) error(c.vat.header, "field.required");
        }
      }
    } else if (typeof total === "number" && typeof ht === "number" && typeof vat === "number") {
      if (ht + vat !== total) {
        // biome-ignore lint/style/noNonNullAssertion: total is set, so is its column
        error(c.total!.header, "amount.ht_vat_mismatch", {
          ht: euros(ht),
          vat: euros(vat),
          sum: euros(ht + vat),
          total: euros(total),
        });
      }
    }
    const totalColumn = (c.total ?? c.ht)?.header ?? "";
    let totalOk = typeof total === "number";
    if (typeof total === "number" && total <= 0) {
      totalOk = false;
      if (total === 0) error(totalColumn, "amount.zero");
      else error(totalColumn, "amount.negative", { value: euros(total) });
    }

    let paidCents = 0;
    if (typeof paid === "number") {
      // biome-ignore lint/style/noNonNullAssertion: paid is set, so is its column
      const header = c.paid!.header;
      if (paid < 0) error(header, "amount.negative", { value: euros(paid) });
      else if (totalOk && paid > (total as number)) {
        error(header, "amount.paid_exceeds_total", { paid: euros(paid), total: euros(total as number) });
      } else paidCents = paid;
    }
    if (typeof balance === "number") {
      // biome-ignore lint/style/noNonNullAssertion: balance is set, so is its column
      const header = c.balance!.header;
      if (balance < 0) error(header, "amount.negative", { value: euros(balance) });
      else if (totalOk) {
        const t = total as number;
        if (balance > t) {
          error(header, "amount.balance_exceeds_total", { balance: euros(balance), total: euros(t) });
        } else if (typeof paid === "number") {
          if (paid + balance !== t && paid >= 0 && paid <= t) {
            error(header, "amount.paid_balance_mismatch", {
              paid: euros(paid),
              balance: euros(balance),
              total: euros(t),
            });
          }
        } else {
          paidCents = t - balance;
        }
      }
    }

    if (failed) return;

    const row: TrackingRow = { line, number, client, total_cents: total as number, paid_cents: paidCents };
    if (siren !== undefined) row.siren = siren;
    if (siret !== undefined) row.siret = siret;
    if (email !== undefined) row.email = email;
    if (kind !== undefined) row.kind = kind;
    if (issue) row.issue_date = issue.iso;
    if (due) row.due_date = due.iso;
    if (typeof ht === "number") row.ht_cents = ht;
    if (typeof vat === "number") row.vat_cents = vat;
    if (paymentDate) row.payment_date = paymentDate.iso;
    if (c.notes !== undefined) {
      const notes = cellText(cells[c.notes.index]).trim();
      if (notes !== "") row.notes = notes;
    }
    out.push({ type: "row", row });
  }

  /** The text of a SIREN/SIRET cell; numbers that lost their leading zeros get them back. */
  private identifier(v: CellValue): string | undefined {
    if (isBlank(v)) return undefined;
    if (typeof v === "number" && Number.isInteger(v) && v > 0) {
      const s = String(v);
      if (s.length < 9) return s.padStart(9, "0");
      if (s.length > 9 && s.length < 14) return s.padStart(14, "0");
      return s;
    }
    return cellText(v);
  }

  /** The amount; null when the column is absent or the cell blank; undefined when invalid (reported). */
  private amount(
    column: Column | undefined,
    cells: readonly CellValue[],
    problem: (c: Column, p: Problem) => void,
  ): Cents | null | undefined {
    if (column === undefined) return null;
    const v = cells[column.index];
    if (isBlank(v)) return null;
    const r: Result<Cents> = cellAmount(v);
    if (r.ok) return r.value;
    problem(column, r.problem);
    return undefined;
  }

  /** Parsed date, null when the column is absent or the cell blank, undefined when invalid (reported). */
  private date(
    column: Column | undefined,
    cells: readonly CellValue[],
    problem: (c: Column, p: Problem) => void,
  ): Extract<ParsedDate, { ok: true }> | null | undefined {
    if (column === undefined) return null;
    const v = cells[column.index];
    if (isBlank(v)) return null;
    const parsed = this.dates.read(v);
    if (parsed.ok) return parsed;
    if (!parsed.result.ok) problem(column, parsed.result.problem);
    return undefined;
  }
}
