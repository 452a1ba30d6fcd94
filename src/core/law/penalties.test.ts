import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, parseIsoDate, Temporal } from "../calendar.js";
import { isMessageCode } from "../messages.js";
import { unwrap } from "../result.js";
import { type PenaltyClause, parsePenaltyClause } from "./clauses.js";
import { type Claim, type ClaimInput, computeClaim, type DayCount, type DebtorKind } from "./penalties.js";
import { RateTable } from "./rates.js";
import { SEED_RATES } from "./rates-data.js";

const d = (s: string) => unwrap(parseIsoDate(s));
const rates = new RateTable(SEED_RATES);

interface Case {
  principal?: number;
  due: string;
  asOf: string;
  payments?: [string, number][];
  clause?: string;
  debtor?: DebtorKind;
  notice?: string;
  dayCount?: DayCount;
  proven?: number;
  blocked?: boolean;
}

function input(c: Case): ClaimInput {
  return {
    principal_cents: c.principal ?? 100_000,
    due: d(c.due),
    asOf: d(c.asOf),
    payments: (c.payments ?? []).map(([date, amount_cents]) => ({ date: d(date), amount_cents })),
    clause: unwrap(parsePenaltyClause(c.clause ?? "default")),
    rates,
    debtor: c.debtor ?? "business",
    ...(c.notice ? { noticeDate: d(c.notice) } : {}),
    ...(c.dayCount ? { dayCount: c.dayCount } : {}),
    ...(c.proven !== undefined ? { provenCostsCents: c.proven } : {}),
    ...(c.blocked ? { indemnityBlocked: true } : {}),
  };
}

const claim = (c: Case): Claim => unwrap(computeClaim(input(c)));

type Expected = Partial<Omit<Claim, "periods" | "warnings">> & { warnings?: string[] };

/*
 * Rates used below (bp): ECB refi / taux légal "autres cas" / 3 × légal
 *   2015-S2    5 /  99 /  297      2023-S1 250 / 206 /  618      2023-S2 400 / 422 / 1266
 *   2024-S1  450 / 507 / 1521      2024-S2 425 / 492 / 1476      2025-S1 315 / 371 / 1113
 *   2025-S2  215 / 276 /  828      2026-S1 215 / 262 /  786      2026-S2 240 (unconfirmed) / unknown
 * Default B2B rate = ECB + 1000. Amount = base × rate × days / 3 650 000 (actual/365),
 * or / 3 660 000 for days of a leap year (actual/actual). One rounding, half up, at the end.
 */
const CASES: [string, Case, Expected][] = [
  [
    // 1 Feb … 2 Mar 2025 = 28 + 2 = 30 days at 13.15 %: 100 000 × 1315 × 30 / 3 650 000 = 1080.82 → 1081
    "default rate, 30 days in 2025-S1",
    { due: "2025-01-31", asOf: "2025-03-02" },
    {
      days_late: 30,
      penalty_cents: 1081,
      indemnity_cents: 4000,
      interest_cents: 0,
      balance_cents: 100_000,
      total_claim_cents: 105_081,
      warnings: [],
    },
  ],
  [
    // 21–30 Jun: 10 days at 14.50 %, 1–10 Jul: 10 days at 14.25 %:
    // 100 000 × (1450 × 10 + 1425 × 10) / 3 650 000 = 2 875 000 000 / 3 650 000 = 787.67 → 788
    // (the periods alone round to 397.26 → 397 and 390.41 → 390 = 787: the total is not their sum)
    // 2024: 3 × légal (15.21 %, 14.76 %) exceeds ECB + 10 (14.50 %, 14.25 %) in both semesters
    "semester change 2024-S1 → 2024-S2",
    { due: "2024-06-20", asOf: "2024-07-10" },
    {
      days_late: 20,
      penalty_cents: 788,
      total_claim_cents: 104_788,
      warnings: ["law.minimum_above_default", "law.minimum_above_default"],
    },
  ],
  [
    // 29 Feb and 1 Mar 2024 = 2 days at 14.50 %: 365 000 × 1450 × 2 / 3 650 000 = 290 exactly
    "leap day counted, actual/365",
    { principal: 365_000, due: "2024-02-28", asOf: "2024-03-01" },
    { days_late: 2, penalty_cents: 290 },
  ],
  [
    // same days over 366: 365 000 × 1450 × 2 / 3 660 000 = 289.21 → 289
    "leap day counted, actual/actual divides by 366 in 2024",
    { principal: 365_000, due: "2024-02-28", asOf: "2024-03-01", dayCount: "actual_actual" },
    { days_late: 2, penalty_cents: 289 },
  ],
  [
    // 366 000 × 1450 × 30 / 3 660 000 = 4350 exactly (April 2024, 30 days)
    "actual/actual, 30 days in 2024",
    { principal: 366_000, due: "2024-03-31", asOf: "2024-04-30", dayCount: "actual_actual" },
    { days_late: 30, penalty_cents: 4350 },
  ],
  [
    // 366 000 × 1450 × 30 / 3 650 000 = 4361.92 → 4362
    "actual/365, the same 30 days in 2024",
    { principal: 366_000, due: "2024-03-31", asOf: "2024-04-30" },
    { days_late: 30, penalty_cents: 4362 },
  ],
  [
    // 30–31 Dec 2023 at 14 % over 365: 1 000 000 × 1400 × 2 / 3 650 000 = 767.12
    // 1–2 Jan 2024 at 14.50 % over 366: 1 000 000 × 1450 × 2 / 3 660 000 = 792.35; sum 1559.47 → 1559
    "actual/actual across a year end",
    { principal: 1_000_000, due: "2023-12-29", asOf: "2024-01-02", dayCount: "actual_actual" },
    { days_late: 4, penalty_cents: 1559 },
  ],
  [
    // 1 000 000 × (1400 × 2 + 1450 × 2) / 3 650 000 = 5 700 000 000 / 3 650 000 = 1561.64 → 1562
    "actual/365 across the same year end",
    { principal: 1_000_000, due: "2023-12-29", asOf: "2024-01-02" },
    { days_late: 4, penalty_cents: 1562 },
  ],
  [
    // paid in full on the due date: the base is 0 from the day after, nothing is late
    "payment on the due date",
    { due: "2025-01-31", asOf: "2025-03-02", payments: [["2025-01-31", 100_000]] },
    { days_late: 0, penalty_cents: 0, indemnity_cents: 0, balance_cents: 0, total_claim_cents: 0 },
  ],
  [
    // 1–10 Feb: base 100 000 (the payment of 10 Feb counts from 11 Feb), 11–20 Feb: base 60 000, at 13.15 %:
    // (100 000 × 10 + 60 000 × 10) × 1315 / 3 650 000 = 2 104 000 000 / 3 650 000 = 576.44 → 576
    "a payment dated D lowers the base from D + 1",
    { due: "2025-01-31", asOf: "2025-02-20", payments: [["2025-02-10", 40_000]] },
    { days_late: 20, penalty_cents: 576, balance_cents: 60_000, total_claim_cents: 64_576 },
  ],
  [
    // 30 000 paid before the due date: base 70 000 for 30 days: 70 000 × 1315 × 30 / 3 650 000 = 756.58 → 757
    "partial payment before the due date",
    { due: "2025-01-31", asOf: "2025-03-02", payments: [["2025-01-15", 30_000]] },
    { days_late: 30, penalty_cents: 757, balance_cents: 70_000, total_claim_cents: 74_757 },
  ],
  [
    // paid in full on 10 Feb: 1–10 Feb late (10 days): 100 000 × 1315 × 10 / 3 650 000 = 360.27 → 360;
    // the balance is 0 but the penalty and the 40 € stay due: 0 + 360 + 4000
    "paid in full late: penalty and indemnity remain",
    { due: "2025-01-31", asOf: "2025-03-02", payments: [["2025-02-10", 100_000]] },
    { days_late: 10, penalty_cents: 360, indemnity_cents: 4000, balance_cents: 0, total_claim_cents: 4360 },
  ],
  [
    // two partial payments: 20 000 on 31 Jan (before any late day) and 30 000 on 14 Feb:
    // 1–14 Feb base 80 000 (14 days), 15 Feb–2 Mar base 50 000 (16 days):
    // (80 000 × 14 + 50 000 × 16) × 1315 / 3 650 000 = 1 920 000 × 1315 / 3 650 000 = 691.73 → 692
    "two partial payments, one on the due date",
    {
      due: "2025-01-31",
      asOf: "2025-03-02",
      payments: [
        ["2025-02-14", 30_000],
        ["2025-01-31", 20_000],
      ],
    },
    { days_late: 30, penalty_cents: 692, balance_cents: 50_000, total_claim_cents: 54_692 },
  ],
  [
    // a payment dated after the as-of date is not known yet: 30 days on 100 000 as in case 1
    "payment after the as-of date is ignored",
    { due: "2025-01-31", asOf: "2025-03-02", payments: [["2025-03-05", 100_000]] },
    { days_late: 30, penalty_cents: 1081, balance_cents: 100_000, total_claim_cents: 105_081 },
  ],
  [
    // a payment on the as-of date counts in the balance, but only lowers the base from the next day
    "payment on the as-of date",
    { due: "2025-01-31", asOf: "2025-03-02", payments: [["2025-03-02", 100_000]] },
    { days_late: 30, penalty_cents: 1081, balance_cents: 0, total_claim_cents: 5081 },
  ],
  [
    "as-of date equal to the due date: 0 days",
    { due: "2025-01-31", asOf: "2025-01-31" },
    {
      days_late: 0,
      penalty_cents: 0,
      indemnity_cents: 0,
      balance_cents: 100_000,
      total_claim_cents: 100_000,
    },
  ],
  [
    // one day: 100 000 × 1315 × 1 / 3 650 000 = 36.03 → 36
    "one day late",
    { due: "2025-01-31", asOf: "2025-02-01" },
    { days_late: 1, penalty_cents: 36, total_claim_cents: 104_036 },
  ],
  [
    // fixed 15 % ≥ 11.13 %: 100 000 × 1500 × 30 / 3 650 000 = 1232.88 → 1233, no warning
    "fixed rate above the minimum",
    { due: "2025-01-31", asOf: "2025-03-02", clause: "fixed:1500" },
    { penalty_cents: 1233, warnings: [] },
  ],
  [
    // fixed 10 % < 3 × 3.71 % = 11.13 %: 100 000 × 1000 × 30 / 3 650 000 = 821.92 → 822, flagged
    "fixed rate below 3 × taux légal",
    { due: "2025-01-31", asOf: "2025-03-02", clause: "fixed:1000" },
    { penalty_cents: 822, warnings: ["law.rate_below_minimum"] },
  ],
  [
    // ECB + 7 = 3.15 + 7 = 10.15 % < 11.13 %: 100 000 × 1015 × 30 / 3 650 000 = 834.25 → 834, flagged
    "ECB + 7 points below the minimum",
    { due: "2025-01-31", asOf: "2025-03-02", clause: "ecb+700" },
    { penalty_cents: 834, warnings: ["law.rate_below_minimum"] },
  ],
  [
    // ECB + 12: 15.15 % for 21–30 Jun, 14.15 % for 1–10 Jul:
    // 100 000 × (1515 × 10 + 1415 × 10) / 3 650 000 = 2 930 000 000 / 3 650 000 = 802.74 → 803
    "ECB + 12 points across 2025-S1 → 2025-S2",
    { due: "2025-06-20", asOf: "2025-07-10", clause: "ecb+1200" },
    { days_late: 20, penalty_cents: 803, warnings: [] },
  ],
  [
    // 1 cent for 30 days: 1 × 1315 × 30 / 3 650 000 = 0.0108 → 0; still 30 days late, so the 40 € are due
    "1-cent principal",
    { principal: 1, due: "2025-01-31", asOf: "2025-03-02" },
    { days_late: 30, penalty_cents: 0, indemnity_cents: 4000, total_claim_cents: 4001 },
  ],
  [
    // 1 000 000 €: 100 000 000 × 1315 × 30 / 3 650 000 = 1 080 821.92 → 1 080 822
    "1,000,000 € principal",
    { principal: 100_000_000, due: "2025-01-31", asOf: "2025-03-02" },
    { penalty_cents: 1_080_822, total_claim_cents: 101_084_822 },
  ],
  [
    // fixed 10 %, 1 day: 1825 × 1000 / 3 650 000 = 0.5 exactly → rounds half up to 1
    "exact half cent rounds up",
    { principal: 1825, due: "2025-01-31", asOf: "2025-02-01", clause: "fixed:1000" },
    { penalty_cents: 1 },
  ],
  [
    // 1824 × 1000 / 3 650 000 = 0.4997 → 0
    "just under half a cent rounds down",
    { principal: 1824, due: "2025-01-31", asOf: "2025-02-01", clause: "fixed:1000" },
    { penalty_cents: 0 },
  ],
  [
    // 30 days in April 2024 at 14.50 %: 100 000 × 1450 × 30 / 3 650 000 = 1191.78 → 1192;
    // 3 × 5.07 % = 15.21 % > 14.50 %: the warning shows both rates
    "2024: the legal minimum exceeds the default rate",
    { due: "2024-03-31", asOf: "2024-04-30" },
    { penalty_cents: 1192, warnings: ["law.minimum_above_default"] },
  ],
  [
    // a whole year: 2023-S1 181 days at 12.50 %, 2023-S2 184 days at 14 %:
    // 100 000 × (181 × 1250 + 184 × 1400) / 3 650 000 = 48 385 000 000 / 3 650 000 = 13 256.16 → 13 256
    "one year across two semesters",
    { due: "2022-12-31", asOf: "2023-12-31" },
    { days_late: 365, penalty_cents: 13_256, warnings: [] },
  ],
  [
    // 2015-S2: ECB 0.05 % + 10 = 10.05 %: 100 000 × 1005 × 30 / 3 650 000 = 826.03 → 826
    "2015 data",
    { due: "2015-06-30", asOf: "2015-07-30" },
    { penalty_cents: 826, warnings: [] },
  ],
  [
    // 2016-S2: ECB 0.00 % (16/03/2016) + 10 = 10 %: 100 000 × 1000 × 31 / 3 650 000 = 849.32 → 849 (July 2016)
    "2016-S2: ECB at zero",
    { due: "2016-06-30", asOf: "2016-07-31" },
    { days_late: 31, penalty_cents: 849 },
  ],
  [
    // 2026-S2: ECB 2.40 % unconfirmed + 10 = 12.40 %, 1–10 Jul: 100 000 × 1240 × 10 / 3 650 000 = 339.73 → 340;
    // the taux légal is unknown: the minimum cannot be checked
    "2026-S2 B2B: unconfirmed ECB rate, unknown minimum",
    { due: "2026-06-30", asOf: "2026-07-10" },
    { penalty_cents: 340, warnings: ["law.rate_unconfirmed", "law.minimum_unknown"] },
  ],
  [
    "indemnity blocked by an insolvency procedure",
    { due: "2025-01-31", asOf: "2025-03-02", blocked: true },
    { penalty_cents: 1081, indemnity_cents: 0, total_claim_cents: 101_081 },
  ],
  [
    "proven costs above 40 € replace the indemnity",
    { due: "2025-01-31", asOf: "2025-03-02", proven: 12_000 },
    { indemnity_cents: 12_000, total_claim_cents: 113_081 },
  ],
  [
    "proven costs below 40 € leave the 40 €",
    { due: "2025-01-31", asOf: "2025-03-02", proven: 2_500 },
    { indemnity_cents: 4000 },
  ],
  [
    // public buyer: 1 Feb … 2 Mar = 28 + 2 = 30 days at ECB 2025-S1 3.15 % + 8 = 11.15 %:
    // 100 000 × 1115 × 30 / 3 650 000 = 916.44 → 916; the 40 € indemnity too
    "a public buyer owes the ECB rate + 8 points",
    { due: "2025-01-31", asOf: "2025-03-02", debtor: "public" },
    {
      days_late: 30,
      penalty_cents: 916,
      indemnity_cents: 4000,
      total_claim_cents: 104_916,
      warnings: ["law.public_rules_unconfirmed"],
    },
  ],
  [
    // public buyer, delay starting in 2025-S1 (16 Jun) through 14 Aug: 15 + 31 + 14 = 60 days, all at the rate of
    // the first semester, 3.15 % + 8 = 11.15 % (not 2.15 % + 8 from July): 100 000 × 1115 × 60 / 3 650 000
    // = 1 832.88 → 1 833
    "a public buyer's rate is fixed at the start of the delay",
    { due: "2025-06-15", asOf: "2025-08-14", debtor: "public" },
    { days_late: 60, penalty_cents: 1833, warnings: ["law.public_rules_unconfirmed"] },
  ],
  [
    // public buyer with an explicit clause: applied as between businesses, 30 days at 12 %:
    // 100 000 × 1200 × 30 / 3 650 000 = 986.30 → 986 (12 % ≥ 3 × 3.71 % = 11.13 %: no warning)
    "a public buyer with an explicit clause",
    { due: "2025-01-31", asOf: "2025-03-02", debtor: "public", clause: "fixed:1200" },
    { penalty_cents: 986, indemnity_cents: 4000, warnings: [] },
  ],
  [
    // consumer, notice 14 Feb: interest 15 Feb … 16 Mar = 14 + 16 = 30 days at 3.71 % (légal, autres cas):
    // 100 000 × 371 × 30 / 3 650 000 = 304.93 → 305; late since 1 Feb: 28 + 16 = 44 days; no penalty, no 40 €
    "consumer with a notice",
    { due: "2025-01-31", asOf: "2025-03-16", debtor: "consumer", notice: "2025-02-14" },
    {
      days_late: 44,
      penalty_cents: 0,
      indemnity_cents: 0,
      interest_cents: 305,
      total_claim_cents: 100_305,
      warnings: [],
    },
  ],
  [
    "consumer without a notice: no interest, a warning",
    { due: "2025-01-31", asOf: "2025-03-16", debtor: "consumer" },
    {
      days_late: 44,
      penalty_cents: 0,
      indemnity_cents: 0,
      interest_cents: 0,
      total_claim_cents: 100_000,
      warnings: ["law.b2c_no_notice"],
    },
  ],
  [
    // notice on 20 Jun: 21–30 Jun at 3.71 %, 1–10 Jul at 2.76 %:
    // 100 000 × (371 × 10 + 276 × 10) / 3 650 000 = 647 000 000 / 3 650 000 = 177.26 → 177
    "consumer interest across a semester change",
    { due: "2025-01-31", asOf: "2025-07-10", debtor: "consumer", notice: "2025-06-20" },
    { interest_cents: 177, total_claim_cents: 100_177 },
  ],
  [
    // a notice sent before the due date: interest only from the day after the due date (1–30 Feb… 2 Mar = 30 days)
    // 100 000 × 371 × 30 / 3 650 000 = 304.93 → 305
    "consumer notice before the due date",
    { due: "2025-01-31", asOf: "2025-03-02", debtor: "consumer", notice: "2025-01-20" },
    { interest_cents: 305 },
  ],
  [
    // notice on 14 Feb, 40 000 paid on 24 Feb: 15–24 Feb base 100 000 (10 days), 25 Feb–16 Mar base 60 000 (20 days):
    // (1 000 000 + 1 200 000) × 371 / 3 650 000 = 816 200 000 / 3 650 000 = 223.62 → 224
    "consumer interest with a partial payment",
    {
      due: "2025-01-31",
      asOf: "2025-03-16",
      debtor: "consumer",
      notice: "2025-02-14",
      payments: [["2025-02-24", 40_000]],
    },
    { interest_cents: 224, balance_cents: 60_000, total_claim_cents: 60_224 },
  ],
  [
    "consumer notice after the as-of date: no interest yet",
    { due: "2025-01-31", asOf: "2025-03-02", debtor: "consumer", notice: "2025-03-10" },
    { interest_cents: 0, days_late: 30, warnings: [] },
  ],
];

describe("computeClaim: cases computed by hand", () => {
  it.each(CASES)("%s", (_name, c, expected) => {
    const result = claim(c);
    const { warnings, ...amounts } = expected;
    expect(result).toMatchObject(amounts);
    if (warnings) expect(result.warnings.map((w) => w.code)).toEqual(warnings);
    // invariants of every claim
    expect(result.total_claim_cents).toBe(
      result.balance_cents + result.penalty_cents + result.indemnity_cents + result.interest_cents,
    );
    if (c.debtor !== "consumer")
      expect(result.periods.reduce((s, p) => s + p.days, 0)).toBe(result.days_late);
    for (const w of result.warnings) expect(isMessageCode(w.code)).toBe(true);
  });

  it("has at least 30 hand-computed cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });
});

describe("computeClaim: periods and warnings in detail", () => {
  it("splits at the semester change and says the rounded periods differ from the exact total", () => {
    const r = claim({ due: "2024-06-20", asOf: "2024-07-10" });
    expect(r.periods).toEqual([
      // 100 000 × 1450 × 10 / 3 650 000 = 397.26 → 397
      {
        from: "2024-06-21",
        to: "2024-06-30",
        days: 10,
        rate_bp: 1450,
        base_cents: 100_000,
        amount_cents: 397,
        kind: "penalty",
      },
      // 100 000 × 1425 × 10 / 3 650 000 = 390.41 → 390
      {
        from: "2024-07-01",
        to: "2024-07-10",
        days: 10,
        rate_bp: 1425,
        base_cents: 100_000,
        amount_cents: 390,
        kind: "penalty",
      },
    ]);
    expect(r.penalty_cents).toBe(788); // not 397 + 390 = 787
    expect(r.warnings).toEqual([
      {
        code: "law.minimum_above_default",
        params: { semester: "2024-S1", minimum: "15.21 %", default: "14.50 %" },
      },
      {
        code: "law.minimum_above_default",
        params: { semester: "2024-S2", minimum: "14.76 %", default: "14.25 %" },
      },
    ]);
  });

  it("splits at a payment and merges semesters that share a rate", () => {
    // 2016-S2 and 2017-S1 both at 10 % (ECB 0): one period across 1 January
    const r = claim({ due: "2016-12-20", asOf: "2017-01-20", payments: [["2017-01-10", 50_000]] });
    expect(r.periods).toEqual([
      // 21 Dec 2016 … 10 Jan 2017 = 11 + 10 = 21 days: 100 000 × 1000 × 21 / 3 650 000 = 575.34 → 575
      {
        from: "2016-12-21",
        to: "2017-01-10",
        days: 21,
        rate_bp: 1000,
        base_cents: 100_000,
        amount_cents: 575,
        kind: "penalty",
      },
      // 11–20 Jan = 10 days: 50 000 × 1000 × 10 / 3 650 000 = 136.99 → 137
      {
        from: "2017-01-11",
        to: "2017-01-20",
        days: 10,
        rate_bp: 1000,
        base_cents: 50_000,
        amount_cents: 137,
        kind: "penalty",
      },
    ]);
    // (2 100 000 + 500 000) × 1000 / 3 650 000 = 712.33 → 712
    expect(r.penalty_cents).toBe(712);
  });

  it("gives the rate and the minimum of a non-compliant clause", () => {
    const r = claim({ due: "2025-01-31", asOf: "2025-03-02", clause: "fixed:1000" });
    expect(r.warnings).toEqual([
      {
        code: "law.rate_below_minimum",
        params: { rate: "10.00 %", minimum: "11.13 %", semester: "2025-S1" },
      },
    ]);
  });

  it("flags each unconfirmed rate once, with its semester", () => {
    const r = claim({ due: "2026-06-20", asOf: "2026-08-10" });
    expect(r.warnings).toEqual([
      { code: "law.rate_unconfirmed", params: { kind: "ecb_refi", semester: "2026-S2" } },
      { code: "law.minimum_unknown", params: { semester: "2026-S2" } },
    ]);
    // 21–30 Jun at 12.15 %, 1 Jul–10 Aug (41 days) at 12.40 %:
    // 100 000 × (1215 × 10 + 1240 × 41) / 3 650 000 = 6 299 000 000 / 3 650 000 = 1725.75 → 1726
    expect(r.penalty_cents).toBe(1726);
  });

  it("checks only the semesters actually counted", () => {
    // fully paid on 2024-06-30: no day of 2024-S2 is counted, so only the 2024-S1 warning
    const r = claim({ due: "2024-06-20", asOf: "2024-07-10", payments: [["2024-06-30", 100_000]] });
    expect(r.warnings.map((w) => w.params.semester)).toEqual(["2024-S1"]);
    expect(r.days_late).toBe(10);
  });

  it("labels consumer periods as interest", () => {
    const r = claim({ due: "2025-01-31", asOf: "2025-03-16", debtor: "consumer", notice: "2025-02-14" });
    expect(r.periods).toEqual([
      {
        from: "2025-02-15",
        to: "2025-03-16",
        days: 30,
        rate_bp: 371,
        base_cents: 100_000,
        amount_cents: 305,
        kind: "interest",
      },
    ]);
  });
});

describe("computeClaim: unknown rates are a problem, never a guess", () => {
  it("a consumer's interest in 2026-S2", () => {
    const r = computeClaim(
      input({ due: "2026-06-15", asOf: "2026-07-05", debtor: "consumer", notice: "2026-06-20" }),
    );
    expect(r).toEqual({
      ok: false,
      problem: { code: "law.rate_unknown", params: { kind: "legal_other", semester: "2026-S2" } },
    });
  });

  it("a consumer's interest that stops before 2026-S2 is fine", () => {
    // 21–30 Jun 2026 at 2.62 %: 100 000 × 262 × 10 / 3 650 000 = 71.78 → 72
    expect(
      claim({ due: "2026-06-15", asOf: "2026-06-30", debtor: "consumer", notice: "2026-06-20" })
        .interest_cents,
    ).toBe(72);
  });

  it("a B2B default penalty before 2015", () => {
    expect(computeClaim(input({ due: "2014-12-15", asOf: "2015-01-15" }))).toEqual({
      ok: false,
      problem: { code: "law.rate_unknown", params: { kind: "ecb_refi", semester: "2014-S2" } },
    });
  });

  it("a day with a zero base needs no rate", () => {
    // paid on the due date in 2026-S2: no counted day, no rate needed, no problem
    const r = claim({
      due: "2026-07-01",
      asOf: "2026-08-01",
      debtor: "consumer",
      notice: "2026-07-02",
      payments: [["2026-07-01", 100_000]],
    });
    expect(r.interest_cents).toBe(0);
  });

  it("a table with overlapping rows answers its problem", () => {
    const bad = new RateTable([...SEED_RATES, { ...(SEED_RATES[0] as (typeof SEED_RATES)[number]) }]);
    const r = computeClaim({ ...input({ due: "2025-01-31", asOf: "2025-03-02" }), rates: bad });
    expect(r).toMatchObject({ ok: false, problem: { code: "law.rate_overlap" } });
  });

  it("a fixed clause needs no ECB rate", () => {
    const onlyLegal = new RateTable(SEED_RATES.filter((e) => e.kind !== "ecb_refi"));
    const r = computeClaim({
      ...input({ due: "2025-01-31", asOf: "2025-03-02", clause: "fixed:1500" }),
      rates: onlyLegal,
    });
    expect(r.ok && r.value.penalty_cents).toBe(1233);
  });
});

describe("computeClaim: bad input is a problem, never an exception", () => {
  const base = input({ due: "2025-01-31", asOf: "2025-03-02" });
  it.each<[string, Partial<ClaimInput>, string]>([
    ["zero principal", { principal_cents: 0 }, "law.principal_not_positive"],
    ["negative principal", { principal_cents: -5 }, "law.principal_not_positive"],
    ["fractional principal", { principal_cents: 10.5 }, "law.principal_not_positive"],
    ["zero payment", { payments: [{ date: d("2025-02-01"), amount_cents: 0 }] }, "law.payment_not_positive"],
    [
      "negative payment",
      { payments: [{ date: d("2025-02-01"), amount_cents: -100 }] },
      "law.payment_not_positive",
    ],
    [
      "payments above the principal",
      {
        payments: [
          { date: d("2025-02-01"), amount_cents: 60_000 },
          { date: d("2025-02-02"), amount_cents: 40_001 },
        ],
      },
      "law.payments_exceed_principal",
    ],
    ["as-of before the due date", { asOf: d("2025-01-30") }, "law.as_of_before_due"],
    ["negative proven costs", { provenCostsCents: -1 }, "law.proven_costs_invalid"],
    ["unknown debtor", { debtor: "company" as DebtorKind }, "law.debtor_invalid"],
    ["unknown day count", { dayCount: "30_360" as DayCount }, "law.day_count_invalid"],
    [
      "clause out of range",
      { clause: { kind: "fixed", rate_bp: 0 } as PenaltyClause },
      "law.clause_rate_out_of_range",
    ],
  ])("%s", (_name, patch, code) => {
    const r = computeClaim({ ...base, ...patch });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.code).toBe(code);
  });

  it("names the payment in its problem", () => {
    expect(computeClaim({ ...base, payments: [{ date: d("2025-02-01"), amount_cents: 0 }] })).toEqual({
      ok: false,
      problem: { code: "law.payment_not_positive", params: { date: "2025-02-01", value: "0" } },
    });
  });

  it("reports amounts beyond safe integers", () => {
    const r = computeClaim({
      ...input({ due: "2015-01-01", asOf: "2026-06-30", clause: "fixed:100000" }),
      principal_cents: Number.MAX_SAFE_INTEGER,
    });
    expect(r).toMatchObject({ ok: false, problem: { code: "amount.out_of_range" } });
  });
});

describe("computeClaim: properties", () => {
  const FIRST = new Temporal.PlainDate(2015, 1, 1);
  // Due dates 2015-01-01 … 2025-12-04: with up to 200 days after them, every as-of date stays on or before
  // 2026-06-30, the last semester whose taux légal is known (a consumer's interest in 2026-S2 is, rightly, an
  // unknown-rate error).
  const LAST_DUE_OFFSET = 3990;
  const dueArb = fc.integer({ min: 0, max: LAST_DUE_OFFSET }).map((n) => addDays(FIRST, n));
  const clauseArb = fc.constantFrom<PenaltyClause>(
    { kind: "default" },
    { kind: "fixed", rate_bp: 1200 },
    { kind: "ecb_plus", points_bp: 700 },
  );
  const dayCountArb = fc.constantFrom<DayCount>("actual_365", "actual_actual");
  const debtorArb = fc.constantFrom<DebtorKind>("business", "consumer", "public");
  const mk = (
    over: Partial<ClaimInput> & Pick<ClaimInput, "principal_cents" | "due" | "asOf">,
  ): ClaimInput => ({
    payments: [],
    clause: { kind: "default" },
    rates,
    debtor: "business",
    ...over,
  });
  const amounts = (r: Claim) => r.penalty_cents + r.interest_cents;

  it("is non-decreasing in days (a later as-of date)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        dueArb,
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        clauseArb,
        dayCountArb,
        debtorArb,
        (principal, due, a, b, clause, dayCount, debtor) => {
          const common = {
            principal_cents: principal,
            due,
            clause,
            dayCount,
            debtor,
            noticeDate: addDays(due, 5),
          };
          const early = unwrap(computeClaim(mk({ ...common, asOf: addDays(due, Math.min(a, b)) })));
          const late = unwrap(computeClaim(mk({ ...common, asOf: addDays(due, Math.max(a, b)) })));
          expect(amounts(late)).toBeGreaterThanOrEqual(amounts(early));
          expect(late.days_late).toBeGreaterThanOrEqual(early.days_late);
        },
      ),
    );
  });

  it("is non-decreasing in principal", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        dueArb,
        fc.integer({ min: 0, max: 200 }),
        clauseArb,
        dayCountArb,
        (principal, extra, due, days, clause, dayCount) => {
          const common = { due, asOf: addDays(due, days), clause, dayCount };
          const small = unwrap(computeClaim(mk({ ...common, principal_cents: principal })));
          const big = unwrap(computeClaim(mk({ ...common, principal_cents: principal + extra })));
          expect(big.penalty_cents).toBeGreaterThanOrEqual(small.penalty_cents);
        },
      ),
    );
  });

  it("is zero when fully paid by the due date", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 10_000_000 }),
        fc.integer({ min: 1, max: 1_000 }),
        dueArb,
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 200 }),
        clauseArb,
        debtorArb,
        (principal, split, due, earlier, days, clause, debtor) => {
          const first = Math.max(1, Math.floor((principal * split) / 1001));
          const payments = [
            { date: addDays(due, -earlier), amount_cents: first },
            { date: due, amount_cents: principal - first },
          ].filter((p) => p.amount_cents > 0);
          const r = unwrap(
            computeClaim(
              mk({
                principal_cents: principal,
                due,
                asOf: addDays(due, days),
                payments,
                clause,
                debtor,
                noticeDate: due,
              }),
            ),
          );
          expect(r).toMatchObject({
            days_late: 0,
            penalty_cents: 0,
            interest_cents: 0,
            indemnity_cents: 0,
            total_claim_cents: 0,
          });
        },
      ),
    );
  });

  it("is unchanged by splitting one payment into two on the same day", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 10_000_000 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        dueArb,
        fc.integer({ min: -30, max: 150 }),
        fc.integer({ min: 0, max: 200 }),
        clauseArb,
        debtorArb,
        dayCountArb,
        (principal, share, cut, due, payOffset, days, clause, debtor, dayCount) => {
          const amount = Math.max(2, Math.floor(principal * share));
          if (amount > principal) return;
          const part = Math.min(amount - 1, Math.max(1, Math.floor(amount * cut)));
          const date = addDays(due, payOffset);
          const common = {
            principal_cents: principal,
            due,
            asOf: addDays(due, days),
            clause,
            debtor,
            dayCount,
            noticeDate: addDays(due, 3),
          };
          const one = computeClaim(mk({ ...common, payments: [{ date, amount_cents: amount }] }));
          const two = computeClaim(
            mk({
              ...common,
              payments: [
                { date, amount_cents: part },
                { date, amount_cents: amount - part },
              ],
            }),
          );
          expect(two).toEqual(one);
        },
      ),
    );
  });
});
