import fc from "fast-check";
import { isValidBIC, isValidIBAN } from "ibantools";
import { afterEach, describe, expect, it, vi } from "vitest";
import { addMonths, compareDates, daysBetween, type PlainDate, parseIsoDate, Temporal } from "../calendar.js";
import { isBusinessDay } from "../holidays.js";
import {
  frenchVatFromSiren,
  isValidEmail,
  isValidFrenchVat,
  isValidSiren,
  isValidSiret,
} from "../identifiers.js";
import { AGING_BUCKETS, type AgingBucket, agingBucket } from "../invoices/balance.js";
import { computeTotals } from "../invoices/totals.js";
import { unwrap } from "../result.js";
import { type DemoLedger, generateDemoLedger } from "./index.js";
import { mulberry32 } from "./random.js";

const date = (s: string): PlainDate => unwrap(parseIsoDate(s));
const TODAY = date("2026-11-20");

/** Every structural promise of the demo ledger, for any `today` and seed. */
function checkInvariants(ledger: DemoLedger, today: PlainDate): void {
  const { organization: org, clients, invoices, payments } = ledger;
  const start = addMonths(today, -18);

  // organization
  expect(isValidSiren(org.siren)).toBe(true);
  expect(isValidSiret(org.siret) && org.siret.startsWith(org.siren)).toBe(true);
  expect(org.vat_number).toBe(frenchVatFromSiren(org.siren));
  expect(isValidIBAN(org.iban)).toBe(true);
  expect(org.iban.startsWith("FR76")).toBe(true);
  expect(isValidBIC(org.bic)).toBe(true);

  // clients
  expect(clients.length).toBeGreaterThanOrEqual(34);
  expect(new Set(clients.map((c) => c.key)).size).toBe(clients.length);
  const sirens = [org.siren, ...clients.flatMap((c) => (c.siren ? [c.siren] : []))];
  expect(new Set(sirens).size).toBe(sirens.length);
  for (const c of clients) {
    if (c.kind === "consumer") {
      expect([c.siren, c.siret, c.vat_number]).toEqual([null, null, null]);
    } else {
      expect(c.siren !== null && isValidSiren(c.siren), `${c.key} siren ${c.siren}`).toBe(true);
      expect(c.siret !== null && isValidSiret(c.siret) && c.siret.startsWith(c.siren ?? "?")).toBe(true);
    }
    if (c.kind === "business") {
      expect(c.vat_number).toBe(frenchVatFromSiren(c.siren ?? ""));
      expect(isValidFrenchVat(c.vat_number ?? "")).toBe(true);
    }
    expect(c.postal_code).toMatch(/^\d{5}$/);
    expect(c.address.length).toBeGreaterThan(5);
    const billing = c.contacts.filter((k) => k.is_billing);
    expect(billing, c.key).toHaveLength(1);
    for (const k of c.contacts) expect(isValidEmail(k.email), k.email).toBe(true);
    expect(billing[0]?.phone).toMatch(/^0\d( \d\d){4}$/);
    if (c.kind !== "consumer") expect(billing[0]?.email).toMatch(/@[a-z0-9-]+\.fr$/);
  }

  // invoices
  expect(invoices).toHaveLength(300);
  const clientOf = new Map(clients.map((c) => [c.key, c]));
  const invoiceByKey = new Map(invoices.map((i) => [i.key, i]));
  expect(invoiceByKey.size).toBe(300);
  expect(new Set(invoices.map((i) => i.number)).size).toBe(300);
  const lastNumber = new Map<string, number>();
  let previous: PlainDate | null = null;
  for (const i of invoices) {
    const issue = date(i.issue_date);
    const due = date(i.due_date);
    expect(clientOf.has(i.client_key)).toBe(true);
    expect(isBusinessDay(issue), i.issue_date).toBe(true);
    expect(compareDates(issue, today)).toBeLessThanOrEqual(0);
    expect(compareDates(issue, start)).toBeGreaterThanOrEqual(0);
    expect(compareDates(due, issue)).toBeGreaterThanOrEqual(0);
    if (previous) expect(compareDates(previous, issue)).toBeLessThanOrEqual(0);
    previous = issue;
    // gapless per year, in issue-date order
    const m = /^F-(\d{4})-(\d{4})$/.exec(i.number);
    expect(m?.[1]).toBe(String(issue.year));
    const n = Number(m?.[2]);
    expect(n).toBe((lastNumber.get(m?.[1] ?? "") ?? 0) + 1);
    lastNumber.set(m?.[1] ?? "", n);
    // totals
    expect(i.lines.length).toBeGreaterThan(0);
    const t = computeTotals(i.lines);
    expect([i.total_ht_cents, i.total_vat_cents, i.total_ttc_cents]).toEqual([
      t.total_ht_cents,
      t.total_vat_cents,
      t.total_ttc_cents,
    ]);
    expect(i.total_ttc_cents).toBeGreaterThan(0);
    for (const l of i.lines) {
      expect(Number.isSafeInteger(l.quantity_milli) && l.quantity_milli > 0).toBe(true);
      expect(Number.isSafeInteger(l.unit_price_cents) && l.unit_price_cents > 0).toBe(true);
      expect([2000, 1000, 550]).toContain(l.vat_rate_bp);
    }
    if (i.disputed) expect(i.notes).toBeTruthy();
  }
  for (const c of clients)
    expect(
      invoices.some((i) => i.client_key === c.key),
      c.key,
    ).toBe(true);

  // payments
  expect(new Set(payments.map((p) => p.key)).size).toBe(payments.length);
  const paid = new Map<string, number>();
  let previousPayment = "";
  for (const p of payments) {
    const d = date(p.date);
    expect(p.date >= previousPayment).toBe(true);
    previousPayment = p.date;
    expect(compareDates(d, today), p.date).toBeLessThanOrEqual(0);
    expect(isBusinessDay(d), p.date).toBe(true);
    expect(Number.isSafeInteger(p.amount_cents) && p.amount_cents > 0).toBe(true);
    expect(p.allocations.length).toBeGreaterThan(0);
    expect(p.allocations.reduce((s, a) => s + a.amount_cents, 0)).toBeLessThanOrEqual(p.amount_cents);
    for (const a of p.allocations) {
      const invoice = invoiceByKey.get(a.invoice_key);
      expect(invoice?.client_key, `${p.key} → ${a.invoice_key}`).toBe(p.client_key);
      expect(a.amount_cents).toBeGreaterThan(0);
      expect(compareDates(d, date(invoice?.issue_date ?? ""))).toBeGreaterThanOrEqual(0);
      paid.set(a.invoice_key, (paid.get(a.invoice_key) ?? 0) + a.amount_cents);
    }
  }
  for (const i of invoices) expect(paid.get(i.key) ?? 0).toBeLessThanOrEqual(i.total_ttc_cents);

  // every aging bucket has open invoices as of today
  const buckets = new Set<AgingBucket>();
  for (const i of invoices) {
    if ((paid.get(i.key) ?? 0) < i.total_ttc_cents) buckets.add(agingBucket(date(i.due_date), today));
  }
  expect([...buckets].sort()).toEqual([...AGING_BUCKETS].sort());
}

type Outcome = "on_time" | "late" | "partial" | "open_not_due" | "open_overdue" | "disputed";

function outcomes(ledger: DemoLedger, today: PlainDate): Record<Outcome, number> {
  // Payments come in date order: the last one seen is the latest.
  const paid = new Map<string, { amount: number; last: string }>();
  for (const p of ledger.payments) {
    for (const a of p.allocations) {
      const x = paid.get(a.invoice_key) ?? { amount: 0, last: "" };
      paid.set(a.invoice_key, { amount: x.amount + a.amount_cents, last: p.date });
    }
  }
  const out: Record<Outcome, number> = {
    on_time: 0,
    late: 0,
    partial: 0,
    open_not_due: 0,
    open_overdue: 0,
    disputed: 0,
  };
  for (const i of ledger.invoices) {
    const p = paid.get(i.key) ?? { amount: 0, last: "" };
    if (i.disputed) out.disputed++;
    else if (p.amount >= i.total_ttc_cents) out[p.last <= i.due_date ? "on_time" : "late"]++;
    else if (p.amount > 0) out.partial++;
    else out[compareDates(date(i.due_date), today) >= 0 ? "open_not_due" : "open_overdue"]++;
  }
  return out;
}

describe("generateDemoLedger", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is deterministic for a seed and a day, whatever the clock says", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(Date.UTC(2020, 0, 1)));
    const a = generateDemoLedger({ today: TODAY, seed: 7 });
    vi.setSystemTime(new Date(Date.UTC(2031, 5, 15, 23, 59)));
    const b = generateDemoLedger({ today: TODAY, seed: 7 });
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(generateDemoLedger({ today: TODAY })).toEqual(generateDemoLedger({ today: TODAY }));
  });

  it("varies with the seed and moves with today", () => {
    const a = generateDemoLedger({ today: TODAY, seed: 1 });
    const b = generateDemoLedger({ today: TODAY, seed: 2 });
    expect(b.invoices.map((i) => i.issue_date)).not.toEqual(a.invoices.map((i) => i.issue_date));
    expect(b.organization).toEqual(a.organization);
    const later = generateDemoLedger({ today: date("2027-03-01"), seed: 1 });
    expect(later.invoices.at(-1)?.issue_date.startsWith("2027-")).toBe(true);
  });

  it("holds a small Lyon agency with a realistic client base", () => {
    const ledger = generateDemoLedger({ today: TODAY });
    checkInvariants(ledger, TODAY);
    expect(ledger.organization).toMatchObject({ name: "Atelier Lumen", legal_form: "SARL", city: "Lyon" });
    const kinds = ledger.clients.map((c) => c.kind);
    expect(kinds.filter((k) => k === "business").length).toBeGreaterThanOrEqual(25);
    expect(kinds.filter((k) => k === "consumer").length).toBeGreaterThanOrEqual(3);
    expect(kinds.filter((k) => k === "public")).toHaveLength(1);
    expect(ledger.clients.length).toBeGreaterThanOrEqual(30);
    const cities = new Set(ledger.clients.map((c) => c.city));
    expect(cities.size).toBeGreaterThanOrEqual(15);
    const mairie = ledger.clients.find((c) => c.kind === "public");
    expect(mairie?.name).toMatch(/^Mairie de /);
  });

  it("mixes outcomes, terms, rates and payment methods like a real ledger", () => {
    const ledger = generateDemoLedger({ today: TODAY });
    const o = outcomes(ledger, TODAY);
    expect(Object.values(o).reduce((s, n) => s + n, 0)).toBe(300);
    expect(o.on_time).toBeGreaterThanOrEqual(135); // ~55 %
    expect(o.on_time).toBeLessThanOrEqual(195);
    expect(o.late).toBeGreaterThanOrEqual(40); // ~20 %
    expect(o.late).toBeLessThanOrEqual(95);
    expect(o.partial).toBeGreaterThanOrEqual(6); // ~7 %
    expect(o.open_not_due).toBeGreaterThanOrEqual(8); // ~8 %
    expect(o.open_overdue).toBeGreaterThanOrEqual(8);
    expect(o.disputed).toBeGreaterThanOrEqual(3); // ~3 %
    expect(o.disputed).toBeLessThanOrEqual(20);

    // late payments between 5 and 120 days (a single-payment invoice paid after its due date)
    const invoice = new Map(ledger.invoices.map((i) => [i.key, i]));
    const delays = ledger.payments
      .filter((p) => p.allocations.length === 1)
      .map((p) => {
        const i = invoice.get(p.allocations[0]?.invoice_key ?? "");
        return i && p.amount_cents === i.total_ttc_cents ? daysBetween(date(i.due_date), date(p.date)) : 0;
      })
      .filter((d) => d > 0);
    expect(Math.max(...delays)).toBeGreaterThan(60);
    expect(Math.max(...delays)).toBeLessThanOrEqual(125);

    // open invoices more than a year overdue
    const paid = new Map<string, number>();
    for (const p of ledger.payments)
      for (const a of p.allocations) paid.set(a.invoice_key, (paid.get(a.invoice_key) ?? 0) + a.amount_cents);
    const overAYear = ledger.invoices.filter(
      (i) => (paid.get(i.key) ?? 0) < i.total_ttc_cents && daysBetween(date(i.due_date), TODAY) > 365,
    );
    expect(overAYear.length).toBeGreaterThanOrEqual(2);

    // terms: 30 days mostly, some 45 days end of month, consumers on receipt or 15 days
    const kind = new Map(ledger.clients.map((c) => [c.key, c.kind]));
    const termDays = ledger.invoices.map((i) => ({
      kind: kind.get(i.client_key),
      days: daysBetween(date(i.issue_date), date(i.due_date)),
      eom: date(i.due_date).day === date(i.due_date).daysInMonth,
    }));
    expect(termDays.filter((t) => t.kind === "business" && t.days === 30).length).toBeGreaterThan(150);
    expect(termDays.filter((t) => t.days > 45 && t.eom).length).toBeGreaterThan(20);
    for (const t of termDays.filter((x) => x.kind === "consumer")) expect([0, 15]).toContain(t.days);

    // VAT: 20 % mostly, a few 10 % and 5.5 %
    const rates = ledger.invoices.flatMap((i) => i.lines.map((l) => l.vat_rate_bp));
    expect(rates.filter((r) => r === 2000).length / rates.length).toBeGreaterThan(0.9);
    expect(rates).toContain(1000);
    expect(rates).toContain(550);
    const descriptions = ledger.invoices.flatMap((i) => i.lines.map((l) => l.description)).join("\n");
    expect(descriptions).toMatch(/site vitrine/);
    expect(descriptions).toMatch(/Maintenance/);
    expect(descriptions).toMatch(/[Ss]hooting photo/);
    expect(descriptions).toMatch(/[Cc]harte graphique/);

    // payments: transfers mostly, some cheques and cards, a few covering two invoices
    const methods = ledger.payments.map((p) => p.method);
    expect(methods.filter((m) => m === "transfer").length / methods.length).toBeGreaterThan(0.5);
    expect(methods).toContain("cheque");
    expect(methods).toContain("card");
    const grouped = ledger.payments.filter((p) => p.allocations.length === 2);
    expect(grouped.length).toBeGreaterThanOrEqual(2);
    for (const p of grouped) {
      expect(p.allocations[0]?.invoice_key).not.toBe(p.allocations[1]?.invoice_key);
      expect(p.allocations.reduce((s, a) => s + a.amount_cents, 0)).toBe(p.amount_cents);
    }
  });

  it("keeps its promises for any day and seed (today on a weekend or a holiday included)", () => {
    for (const iso of ["2026-01-01", "2025-12-25", "2024-02-29", "2026-05-17", "2030-08-15"]) {
      checkInvariants(generateDemoLedger({ today: date(iso), seed: 3 }), date(iso));
    }
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 365 * 20 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (offset, seed) => {
          const today = new Temporal.PlainDate(2020, 1, 1).add({ days: offset });
          checkInvariants(generateDemoLedger({ today, seed }), today);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe("mulberry32", () => {
  it("is a reproducible uniform stream in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});
