import { describe, expect, it } from "vitest";
import { Temporal } from "../calendar.js";
import { type AgingInvoice, type AgingMovement, agingReport } from "./aging-report.js";

const d = (iso: string) => Temporal.PlainDate.from(iso);
const AS_OF = d("2025-06-30");

function inv(id: string, client: string, issue: string | null, due: string, total: number): AgingInvoice {
  return {
    id,
    client_id: client,
    client_name: client === "a" ? "Alpha" : client === "b" ? "Bravo" : "Charlie",
    issue_date: issue === null ? null : d(issue),
    due_date: d(due),
    total_cents: total,
  };
}
const mv = (invoice_id: string, date: string, amount_cents: number): AgingMovement => ({
  invoice_id,
  date: d(date),
  amount_cents,
});

// Hand-computed, as of Monday 2025-06-30:
// A1 1 000,00 € due 05-31 (30 days late → 1–30); 300 € paid 07-05, after as_of: not counted.
// A2 500,00 € due 03-31 (91 days → > 90); 120 € credit note 06-15 → 380,00 €.
// A3 issued 07-02, after as_of: left out.
// B1 250,00 € due 06-30 paid in full on 06-30 (on as_of): balance 0, left out.
// B2 800,00 € due 05-01 (60 days → 31–60); 200 € paid 06-01 → 600,00 €.
// B3 90,00 € due 04-30 (61 days → 61–90); 40 € paid on 06-30 → 50,00 €.
// B4 1 234,56 € due 07-15, no issue date: not due.
// C1 paid in full on 06-10: Charlie has no row.
const invoices = [
  inv("A1", "a", "2025-05-01", "2025-05-31", 1000_00),
  inv("A2", "a", "2025-03-01", "2025-03-31", 500_00),
  inv("A3", "a", "2025-07-02", "2025-08-01", 700_00),
  inv("B1", "b", "2025-06-01", "2025-06-30", 250_00),
  inv("B2", "b", "2025-04-01", "2025-05-01", 800_00),
  inv("B3", "b", "2025-03-31", "2025-04-30", 90_00),
  inv("B4", "b", null, "2025-07-15", 1234_56),
  inv("C1", "c", "2025-05-01", "2025-05-31", 400_00),
];
const movements = [
  mv("A1", "2025-07-05", 300_00),
  mv("A2", "2025-06-15", 120_00),
  mv("B1", "2025-06-30", 250_00),
  mv("B2", "2025-06-01", 200_00),
  mv("B3", "2025-06-30", 40_00),
  mv("C1", "2025-06-10", 400_00),
];

describe("agingReport", () => {
  it("buckets each invoice's balance on as_of, per client and in total", () => {
    const r = agingReport(invoices, movements, AS_OF);
    expect(r.rows).toEqual([
      {
        client_id: "a",
        name: "Alpha",
        invoices: 2,
        not_due: 0,
        d1_30: 1000_00,
        d31_60: 0,
        d61_90: 0,
        over_90: 380_00,
        total: 1380_00,
      },
      {
        client_id: "b",
        name: "Bravo",
        invoices: 3,
        not_due: 1234_56,
        d1_30: 0,
        d31_60: 600_00,
        d61_90: 50_00,
        over_90: 0,
        total: 1884_56,
      },
    ]);
    expect(r.total).toEqual({
      invoices: 5,
      not_due: 1234_56,
      d1_30: 1000_00,
      d31_60: 600_00,
      d61_90: 50_00,
      over_90: 380_00,
      total: 3264_56,
    });
  });

  it("counts the later payment and the later invoice on a later day", () => {
    const r = agingReport(invoices, movements, d("2025-07-05"));
    const a = r.rows.find((row) => row.client_id === "a");
    // A1: 700 € left, 35 days late; A2: 96 days; A3 issued 07-02, due 08-01: not due.
    expect(a).toMatchObject({ d1_30: 0, d31_60: 700_00, over_90: 380_00, not_due: 700_00, total: 1780_00 });
  });

  it("is empty before anything was issued", () => {
    const r = agingReport(invoices.slice(0, 1), movements, d("2025-04-30"));
    expect(r.rows).toEqual([]);
    expect(r.total.total).toBe(0);
  });
});
