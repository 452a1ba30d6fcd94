import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, type PlainDate, parseIsoDate } from "../calendar.js";
import { cents } from "../money.js";
import { unwrap } from "../result.js";
import { delayHistory, percentile } from "./delays.js";
import { type ForecastItem, forecastCash } from "./forecast.js";
import { ledgerSnapshot } from "./ledger.js";
import { mondayOf, weeksFrom } from "./weeks.js";
import { type ForecastStage, STAGE_WEIGHT_PERMILLE } from "./weights.js";

const d = (iso: string): PlainDate => unwrap(parseIsoDate(iso));
const STAGES = Object.keys(STAGE_WEIGHT_PERMILLE) as ForecastStage[];

describe("weeks", () => {
  it("run Monday to Sunday from the week of asOf", () => {
    expect(mondayOf(d("2026-06-10")).toString()).toBe("2026-06-08");
    expect(mondayOf(d("2026-06-14")).toString()).toBe("2026-06-08");
    expect(mondayOf(d("2026-06-08")).toString()).toBe("2026-06-08");
    const w = weeksFrom(d("2026-12-31"), 2);
    expect(w.map((x) => [x.start.toString(), x.end.toString()])).toEqual([
      ["2026-12-28", "2027-01-03"],
      ["2027-01-04", "2027-01-10"],
    ]);
  });
});

describe("percentile (nearest rank)", () => {
  it("is always an observed value", () => {
    expect(percentile([2, 5, 9], 25)).toBe(2);
    expect(percentile([2, 5, 9], 50)).toBe(5);
    expect(percentile([2, 5, 9], 75)).toBe(9);
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile([7], 75)).toBe(7);
  });
});

describe("forecastCash", () => {
  const asOf = d("2026-06-10");
  const history = delayHistory([
    { client_id: "a", days: 2 },
    { client_id: "a", days: 5 },
    { client_id: "a", days: 9 },
  ]);

  it("shifts an invoice by its client's median delay, weights it by stage, rounds half up once per line", () => {
    const items: ForecastItem[] = [
      {
        kind: "invoice",
        id: "1",
        client_id: "a",
        amount_cents: cents(1001),
        stage: "overdue",
        due_on: d("2026-06-09"),
      },
      {
        kind: "invoice",
        id: "2",
        client_id: "a",
        amount_cents: cents(10_000),
        stage: "formal_notice",
        due_on: d("2026-06-01"),
      },
      {
        kind: "invoice",
        id: "3",
        client_id: "z",
        amount_cents: cents(999),
        stage: "litigation",
        due_on: d("2026-01-01"),
      },
    ];
    const f = forecastCash({ asOf, weeks: 2, items, delays: history });
    // 1: a's delays ≥ 1 day late: [2, 5, 9] → 06-11 / 06-14 / 06-18; 1001 × 0.9 = 900.9 → 901.
    // 2: 9 days late, a's delays ≥ 9: [9] → 06-10 (asOf); 10 000 × 0.5 = 5 000.
    expect(f.weeks.map((w) => [w.expected_cents, w.low_cents, w.high_cents, w.items])).toEqual([
      [5901, 5000, 5901, 2],
      [0, 0, 901, 0],
    ]);
    expect(f.litigation_cents).toBe(999);
    expect(f.lines[1]?.expected_on?.toString()).toBe("2026-06-10");
  });

  it("uses no delay when nothing is known and never dates before asOf", () => {
    const f = forecastCash({
      asOf,
      weeks: 1,
      items: [
        {
          kind: "invoice",
          id: "1",
          client_id: "a",
          amount_cents: cents(100),
          stage: "not_due",
          due_on: d("2026-06-12"),
        },
      ],
      delays: delayHistory([]),
    });
    expect(f.lines[0]?.expected_on?.toString()).toBe("2026-06-12");
    expect(f.weeks[0]?.expected_cents).toBe(100);
  });

  const item = fc.record({
    kind: fc.constantFrom("invoice" as const, "installment" as const, "bill" as const),
    client: fc.integer({ min: 0, max: 4 }),
    amount: fc.integer({ min: 1, max: 10_000_000 }),
    stage: fc.constantFrom(...STAGES),
    due: fc.integer({ min: -200, max: 200 }),
  });
  const delay = fc.record({
    client: fc.integer({ min: 0, max: 4 }),
    days: fc.integer({ min: -30, max: 150 }),
  });

  it("Σ expected + beyond + litigation = Σ weighted amounts; low ≤ expected ≤ high every week", () => {
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 60 }),
        fc.array(delay, { maxLength: 40 }),
        fc.integer({ min: 1, max: 20 }),
        (raw, rawDelays, weeks) => {
          const items: ForecastItem[] = raw.map((r, i) => ({
            kind: r.kind,
            id: String(i),
            client_id: `c${r.client}`,
            amount_cents: cents(r.amount),
            stage: r.stage,
            due_on: addDays(asOf, r.due),
          }));
          const delays = delayHistory(rawDelays.map((x) => ({ client_id: `c${x.client}`, days: x.days })));
          const f = forecastCash({ asOf, weeks, items, delays });
          // amount × weight ÷ 1000 rounded half up, per line
          const roundedSum = items.reduce((s, i) => {
            const p = i.amount_cents * STAGE_WEIGHT_PERMILLE[i.stage];
            return s + Math.floor(p / 1000) + (p % 1000 >= 500 ? 1 : 0);
          }, 0);
          const inWeeks = f.weeks.reduce((s, w) => s + w.expected_cents, 0);
          expect(inWeeks + f.beyond_cents + f.litigation_cents).toBe(roundedSum);
          for (const w of f.weeks) {
            expect(w.low_cents).toBeLessThanOrEqual(w.expected_cents);
            expect(w.expected_cents).toBeLessThanOrEqual(w.high_cents);
            expect(Number.isSafeInteger(w.high_cents)).toBe(true);
          }
          for (const l of f.lines)
            if (l.expected_on !== null) expect(l.expected_on.toString() >= asOf.toString()).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("ledgerSnapshot", () => {
  it("knows only what is dated by then; a plan's installments and a bill replace the invoices they cover", () => {
    const inv = (id: string, client: string, total: number, issue: string, due: string) => ({
      id,
      client_id: client,
      issue_date: d(issue),
      due_date: d(due),
      total_cents: total,
      disputed: false,
    });
    const ledger = {
      invoices: [
        inv("paid", "a", 1000, "2026-01-01", "2026-02-01"),
        inv("open", "a", 1000, "2026-05-01", "2026-06-01"),
        inv("later", "a", 1000, "2026-06-20", "2026-07-20"),
        inv("planned", "b", 3000, "2026-01-01", "2026-02-01"),
        inv("billed", "b", 5000, "2026-01-01", "2026-02-01"),
        inv("credited", "a", 500, "2026-01-01", "2026-02-01"),
      ],
      credits: [
        { invoice_id: "paid", date: d("2026-02-04"), amount_cents: 1000, kind: "payment" as const },
        { invoice_id: "open", date: d("2026-06-12"), amount_cents: 400, kind: "payment" as const },
        { invoice_id: "credited", date: d("2026-03-20"), amount_cents: 500, kind: "credit_note" as const },
      ],
      plans: [
        {
          client_id: "b",
          activated_on: d("2026-03-01"),
          ended_on: null,
          invoice_ids: ["planned"],
          installments: [
            {
              id: "i1",
              due_on: d("2026-04-01"),
              amount_cents: 1500,
              paid_cents: 1500,
              paid_on: d("2026-04-01"),
            },
            { id: "i2", due_on: d("2026-07-01"), amount_cents: 1500, paid_cents: 0, paid_on: null },
          ],
        },
      ],
      bills: [
        {
          id: "b1",
          client_id: "b",
          amount_cents: 2000,
          issue_on: d("2026-05-01"),
          due_on: d("2026-06-30"),
          accepted_on: d("2026-05-05"),
          ended_on: null,
          invoices: [{ invoice_id: "billed", amount_cents: 2000 }],
        },
      ],
      cases: [],
      formalNotices: [],
    };
    const snap = ledgerSnapshot(ledger, d("2026-06-09"), d("2026-06-10"));
    expect(snap.items.map((i) => [i.kind, i.id, i.amount_cents, i.stage])).toEqual([
      ["installment", "i2", 1500, "installment"],
      ["bill", "b1", 2000, "bill_accepted"],
      ["invoice", "open", 1000, "overdue"],
      ["invoice", "billed", 3000, "overdue"],
    ]);
    // A paid 3 days late; the invoice cancelled by a credit note gives no delay.
    expect(snap.delays.all).toEqual([3]);
    const later = ledgerSnapshot(ledger, d("2026-06-30"), d("2026-06-30"));
    expect(later.items.find((i) => i.id === "open")?.amount_cents).toBe(600);
    expect(later.items.some((i) => i.id === "later")).toBe(true);
  });
});
