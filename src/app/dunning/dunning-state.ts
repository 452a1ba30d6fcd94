import { type PlainDate, parseIsoDate } from "../../core/calendar.js";
import { activeHold, type Hold, type InvoiceDunning, type StepDef } from "../../core/dunning/plan.js";
import type { DunningInvoiceRow } from "../../db/repositories/dunning-invoices.js";
import type { DunningStep } from "../../db/schema.js";

/** Parsed dates by their text: a run reads thousands of invoices sharing a few hundred due dates. */
const parsed = new Map<string, PlainDate | null>();

function date(iso: string | null): PlainDate | null {
  if (iso === null) return null;
  let found = parsed.get(iso);
  if (found === undefined) {
    const d = parseIsoDate(iso);
    found = d.ok ? d.value : null;
    if (parsed.size >= 10_000) parsed.clear();
    parsed.set(iso, found);
  }
  return found;
}

/** The holds on an invoice: its dispute, its own promise or pause, its client's hold. */
export function holdsOf(row: DunningInvoiceRow): Hold[] {
  const holds: Hold[] = [];
  if (Number(row.disputed) === 1) holds.push({ kind: "dispute" });
  if (row.hold_kind) holds.push({ kind: row.hold_kind, until: date(row.hold_until) });
  if (row.client_hold_kind === "dispute") holds.push({ kind: "dispute" });
  else if (row.client_hold_kind)
    holds.push({ kind: row.client_hold_kind, until: date(row.client_hold_until) });
  return holds;
}

export function balanceOf(
  row: Pick<DunningInvoiceRow, "total_ttc_cents" | "paid_cents" | "credited_cents">,
): number {
  return Number(row.total_ttc_cents) - Number(row.paid_cents) - Number(row.credited_cents);
}

/** The invoice as core/dunning/plan.ts sees it; a cancelled or written-off invoice owes nothing. */
export function dunningOf(row: DunningInvoiceRow): InvoiceDunning {
  const due = date(row.due_date);
  if (!due) throw new Error(`invoice ${row.id} has an invalid due date ${row.due_date}`);
  const anchorOn = date(row.dunning_anchor_on);
  const owed = row.kind !== "credit_note" && (row.status === "open" || row.status === "partially_paid");
  return {
    due,
    balance_cents: owed ? balanceOf(row) : 0,
    position: Number(row.dunning_position),
    anchor:
      anchorOn && row.dunning_anchor_offset !== null
        ? { on: anchorOn, offset_days: Number(row.dunning_anchor_offset) }
        : null,
    holds: holdsOf(row),
  };
}

export function stepDef(step: DunningStep): StepDef {
  return {
    id: step.id,
    position: Number(step.position),
    offset_days: Number(step.offset_days),
    channel: step.channel,
    requires_approval: Number(step.requires_approval) === 1,
    never_skip: Number(step.never_skip) === 1,
  };
}

/** "J-5", "J+30": how French collectors name a step. */
export function stepCode(offset: number): string {
  return offset < 0 ? `J${offset}` : `J+${offset}`;
}

/** The hold in force on an invoice on `today`, if any. */
export function activeHoldOf(row: DunningInvoiceRow, today: PlainDate): Hold | null {
  return activeHold(holdsOf(row), today);
}
