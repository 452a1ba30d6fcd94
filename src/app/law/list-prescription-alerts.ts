import { addDays, type PlainDate, parseIsoDate, toIso } from "../../core/calendar.js";
import {
  dueForPrescriptionSoon,
  type InterruptionKind,
  type PrescriptionEvent,
  prescriptionDate,
} from "../../core/law/prescription.js";
import type { Debtor } from "../../core/law/terms.js";
import type { Locale } from "../../core/messages.js";
import { listPrescriptionCandidates, listPrescriptionEvents } from "../../db/repositories/law.js";
import type { ClientKind, Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";

export interface PrescriptionAlertDto {
  invoice_id: string;
  number: string;
  client_id: string;
  client: string;
  balance_cents: number;
  due_date: string;
  /** The last day on which the creditor can still act. */
  prescription_date: string;
  years: number;
  basis: string;
  /** The prescription date has passed. */
  prescribed: boolean;
}

export interface ListPrescriptionAlertsOptions {
  ctx: AppContext;
  org: Organization;
  /** Invoices whose prescription date is at most this many days away (or already passed). */
  withinDays: number;
  /** Default: the organization's today. */
  today?: PlainDate;
  locale?: Locale;
}

/** The actions that interrupt (2240, 2241, 2244) or suspend (2238) prescription. */
export const PRESCRIPTION_EVENT_KINDS: readonly InterruptionKind[] = [
  "acknowledgement",
  "court_claim",
  "enforcement",
  "mediation_start",
  "mediation_end",
];

/** The shortest period of each kind of debtor (prescription.ts): no interruption ever makes it shorter. */
const MIN_YEARS: Record<ClientKind, number> = { consumer: 2, public: 4, business: 5 };

/**
 * The organization's open invoices whose prescription date is within `withinDays` of today or passed, soonest
 * first. Only invoices due early enough to be concerned are read (a cut-off per kind of client, computed from the
 * shortest period of that kind); interruptions are the actions `acknowledgement`, `court_claim`, `enforcement`
 * (and `mediation_start` / `mediation_end`) of the invoice or of its client alone. Suspended ones are left out.
 */
export async function listPrescriptionAlerts(
  options: ListPrescriptionAlertsOptions,
): Promise<PrescriptionAlertDto[]> {
  const { ctx, org } = options;
  const today = options.today ?? todayFor(ctx, org.time_zone);
  const horizon = addDays(today, options.withinDays);
  // prescription date ≥ due + the period's years, so date ≤ horizon implies due ≤ horizon − years
  const cutoff = (kind: ClientKind) =>
    toIso(addDays(horizon.subtract({ years: MIN_YEARS[kind] }, { overflow: "constrain" }), 1));
  const candidates = await listPrescriptionCandidates(ctx.db, org.id, {
    business: cutoff("business"),
    consumer: cutoff("consumer"),
    public: cutoff("public"),
  });
  if (candidates.length === 0) return [];
  const events = await listPrescriptionEvents(
    ctx.db,
    org.id,
    candidates.map((c) => c.id),
    [...new Set(candidates.map((c) => c.client_id))],
    PRESCRIPTION_EVENT_KINDS,
  );
  const byInvoice = new Map<string, PrescriptionEvent[]>();
  const byClient = new Map<string, PrescriptionEvent[]>();
  for (const e of events) {
    const date = parseIsoDate(e.occurred_on);
    if (!date.ok) continue;
    const event = { date: date.value, kind: e.kind as InterruptionKind };
    const [map, key] = e.invoice_id ? [byInvoice, e.invoice_id] : [byClient, e.client_id ?? ""];
    map.set(key, [...(map.get(key) ?? []), event]);
  }
  const items = [];
  for (const c of candidates) {
    const due = parseIsoDate(c.due_date);
    if (!due.ok) continue;
    const p = prescriptionDate({
      due: due.value,
      debtor: c.client_kind as Debtor,
      interruptions: [...(byInvoice.get(c.id) ?? []), ...(byClient.get(c.client_id) ?? [])],
      ...(options.locale ? { locale: options.locale } : {}),
    });
    items.push({ candidate: c, date: p.date, years: p.years, basis: p.basis });
  }
  return dueForPrescriptionSoon(items, today, options.withinDays).map(({ item, prescribed }) => ({
    invoice_id: item.candidate.id,
    number: item.candidate.number,
    client_id: item.candidate.client_id,
    client: item.candidate.client_name,
    balance_cents: item.candidate.total_ttc_cents - item.candidate.paid_cents - item.candidate.credited_cents,
    due_date: item.candidate.due_date,
    prescription_date: item.date ? toIso(item.date) : "",
    years: item.years,
    basis: item.basis,
    prescribed,
  }));
}
