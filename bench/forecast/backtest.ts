import { addDays, type PlainDate, parseIsoDate, toIso } from "../../src/core/calendar.js";
import { DEMO_DEFAULT_SEED, type DemoLedger, generateDemoLedger } from "../../src/core/demo/index.js";
import {
  type DelayHistory,
  delayHistory,
  type ForecastLedger,
  forecastCash,
  ledgerSnapshot,
  mondayOf,
} from "../../src/core/forecast/index.js";
import { unwrap } from "../../src/core/result.js";

/**
 * The forecast's back-test on the demo ledger (docs/forecast.md): the ledger is generated for `today`, the
 * forecast replayed at every Monday from 39 to 13 weeks before it (27 origins, each with 13 weeks of actuals),
 * knowing only what was dated before that Monday, and each week's forecast compared with the cash received:
 * - `all cash`: every payment of the week, invoices issued after the origin included (what the user sees);
 * - `known invoices`: only the payments of invoices issued before the origin (what the model can know).
 * Error = WAPE (weighted absolute percentage error): Σ |forecast − actual| ÷ Σ actual over the origins, per week
 * ahead, over weeks 1–4 and 1–13; "total 4/13 w" = the error of the 4- and 13-week totals; bias = Σ (f − a) ÷ Σ a.
 * The baseline expects every invoice at its due date (no delay history).
 * `npx tsx bench/forecast/backtest.ts [YYYY-MM-DD today] [seed]`.
 */
const today = unwrap(parseIsoDate(process.argv[2] ?? "2026-12-07"));
const seed = Number(process.argv[3] ?? DEMO_DEFAULT_SEED);
const HORIZON = 13;
const FIRST_ORIGIN_WEEKS_BACK = 39;
const LAST_ORIGIN_WEEKS_BACK = 13;

const demo = generateDemoLedger({ today, seed });
const date = (iso: string): PlainDate => unwrap(parseIsoDate(iso));

function toLedger(d: DemoLedger): ForecastLedger {
  return {
    invoices: d.invoices.map((i) => ({
      id: i.key,
      client_id: i.client_key,
      issue_date: date(i.issue_date),
      due_date: date(i.due_date),
      total_cents: i.total_ttc_cents,
      disputed: i.disputed,
    })),
    credits: d.payments.flatMap((p) =>
      p.allocations.map((a) => ({
        invoice_id: a.invoice_key,
        date: date(p.date),
        amount_cents: a.amount_cents,
        kind: "payment" as const,
      })),
    ),
    plans: [],
    bills: [],
    cases: [],
    formalNotices: [],
  };
}

const ledger = toLedger(demo);
const issuedOn = new Map(demo.invoices.map((i) => [i.key, i.issue_date]));
const receipts = demo.payments.map((p) => ({
  date: p.date,
  all: p.amount_cents,
  allocations: p.allocations,
}));

interface Tally {
  absError: number[];
  signed: number[];
  actual: number[];
  total4: [number, number];
  total13: [number, number];
}
const newTally = (): Tally => ({
  absError: Array(HORIZON).fill(0),
  signed: Array(HORIZON).fill(0),
  actual: Array(HORIZON).fill(0),
  total4: [0, 0],
  total13: [0, 0],
});
const NO_HISTORY: DelayHistory = delayHistory([]);
const tallies = {
  "all cash": newTally(),
  "known invoices": newTally(),
  "baseline, all cash": newTally(),
  "baseline, known invoices": newTally(),
};

const thisMonday = mondayOf(today);
let origins = 0;
for (let back = FIRST_ORIGIN_WEEKS_BACK; back >= LAST_ORIGIN_WEEKS_BACK; back--) {
  const origin = addDays(thisMonday, -7 * back);
  const originIso = toIso(origin);
  const snap = ledgerSnapshot(ledger, addDays(origin, -1), origin);
  const model = forecastCash({ asOf: origin, weeks: HORIZON, items: snap.items, delays: snap.delays });
  const baseline = forecastCash({ asOf: origin, weeks: HORIZON, items: snap.items, delays: NO_HISTORY });
  const actualAll: number[] = Array(HORIZON).fill(0);
  const actualKnown: number[] = Array(HORIZON).fill(0);
  for (const r of receipts) {
    if (r.date < originIso) continue;
    const h = Math.floor((unwrap(parseIsoDate(r.date)).since(origin).days as number) / 7);
    if (h >= HORIZON) continue;
    actualAll[h] = (actualAll[h] as number) + r.all;
    for (const a of r.allocations)
      if ((issuedOn.get(a.invoice_key) ?? "") < originIso)
        actualKnown[h] = (actualKnown[h] as number) + a.amount_cents;
  }
  const add = (t: Tally, forecast: number[], actual: number[]) => {
    for (let h = 0; h < HORIZON; h++) {
      const f = forecast[h] as number;
      const a = actual[h] as number;
      t.absError[h] = (t.absError[h] as number) + Math.abs(f - a);
      t.signed[h] = (t.signed[h] as number) + (f - a);
      t.actual[h] = (t.actual[h] as number) + a;
    }
    const sum = (xs: number[], n: number) => xs.slice(0, n).reduce((s, x) => s + x, 0);
    t.total4[0] += Math.abs(sum(forecast, 4) - sum(actual, 4));
    t.total4[1] += sum(actual, 4);
    t.total13[0] += Math.abs(sum(forecast, 13) - sum(actual, 13));
    t.total13[1] += sum(actual, 13);
  };
  const m = model.weeks.map((w) => w.expected_cents as number);
  const b = baseline.weeks.map((w) => w.expected_cents as number);
  add(tallies["all cash"], m, actualAll);
  add(tallies["known invoices"], m, actualKnown);
  add(tallies["baseline, all cash"], b, actualAll);
  add(tallies["baseline, known invoices"], b, actualKnown);
  origins++;
}

const pct = (num: number, den: number) => (den === 0 ? "n/a" : `${((100 * num) / den).toFixed(1)} %`);
const sum = (xs: number[], n: number) => xs.slice(0, n).reduce((s, x) => s + x, 0);
console.log(
  `forecast back-test: demo ledger (seed ${seed}, today ${toIso(today)}), ${demo.invoices.length} invoices, ${origins} weekly origins, ${HORIZON}-week horizon`,
);
for (const [name, t] of Object.entries(tallies)) {
  const weekly = t.absError.map((e, h) => `w${h + 1} ${pct(e, t.actual[h] as number)}`).join(", ");
  console.log(`\n${name}`);
  console.log(`  WAPE per week ahead: ${weekly}`);
  console.log(
    `  WAPE weeks 1–4: ${pct(sum(t.absError, 4), sum(t.actual, 4))}, weeks 1–13: ${pct(sum(t.absError, 13), sum(t.actual, 13))}; bias 1–13: ${pct(sum(t.signed, 13), sum(t.actual, 13))}`,
  );
  console.log(`  error of the total: 4 weeks ${pct(...t.total4)}, 13 weeks ${pct(...t.total13)}`);
}
