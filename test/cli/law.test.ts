import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Organization } from "../../src/db/schema.js";
import { relance } from "../support/cli.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";

interface Rate {
  kind: string;
  semester: string;
  rate_bp: number;
  source: string;
  confirmed: boolean;
}

interface Claim {
  principal_cents: number;
  balance_cents: number;
  days_late: number;
  penalty_cents: number;
  indemnity_cents: number;
  interest_cents: number;
  total_claim_cents: number;
  periods: {
    from: string;
    to: string;
    days: number;
    rate_bp: number;
    base_cents: number;
    amount_cents: number;
  }[];
  warnings: { code: string; message: string }[];
}

const CALC = ["penalties", "--amount", "1200.00", "--due", "2025-01-31", "--as-of", "2025-06-30"];

describe.each(testDialects())("relance rates, penalties and claim on %s", (dialect) => {
  let t: TestDatabase;
  const run = (...args: string[]) => relance(["--db", t.url, ...args]);
  const ratesJson = () => run("rates", "list", "--json").json<Rate[]>();

  beforeAll(async () => {
    t = await createTestDatabase(dialect, { migrate: false });
    const init = run("init", "--name", "Plomberie Martin");
    expect(init.code, init.stderr).toBe(0);
    const org = (await t.db.selectFrom("organization").selectAll().executeTakeFirstOrThrow()) as Organization;
    const ctx = { db: t.db } as Parameters<typeof makeClient>[0];
    const client = await makeClient(ctx, org, { name: "Boulangerie Dupont" });
    await makeInvoice(ctx, org, client, {
      number: "F-2025-0001",
      total_cents: 120000,
      due_date: "2025-01-31",
    });
    const paid = run(
      "payments",
      "add",
      "--invoice",
      "F-2025-0001",
      "--amount",
      "200.00",
      "--date",
      "2025-03-01",
    );
    expect(paid.code, paid.stderr).toBe(0);
  });
  afterAll(async () => t?.drop());

  it("rates list: the seeded table, 2015-S1 … 2026-S2, in French with the unconfirmed ones marked", () => {
    const rows = ratesJson();
    const count = (kind: string) => rows.filter((r) => r.kind === kind).length;
    expect([count("ecb_refi"), count("legal_individual"), count("legal_other")]).toEqual([24, 23, 23]);
    expect(rows.find((r) => r.kind === "ecb_refi" && r.semester === "2024-S1")?.rate_bp).toBe(450);
    const text = run("rates", "list");
    expect(text.code, text.stderr).toBe(0);
    const line2024 = text.stdout.split("\n").find((l) => l.startsWith("2024-S1")) ?? "";
    // ECB, taux légal particuliers, autres cas, 3 × taux légal, ECB + 10
    for (const v of ["4,50 %", "8,01 %", "5,07 %", "15,21 %", "14,50 %"]) expect(line2024).toContain(v);
    const line2026 = text.stdout.split("\n").find((l) => l.startsWith("2026-S2")) ?? "";
    expect(line2026).toContain("2,40 % ⚠");
    expect(text.stdout).toContain("Semestre");
  });

  it("penalties --json: periods, penalty, 40 EUR indemnity, total", () => {
    const r = run(...CALC, "--payment", "2025-03-01:200.00", "--json");
    expect(r.code, r.stderr).toBe(0);
    const claim = r.json<Claim>();
    expect(claim).toMatchObject({
      principal_cents: 120000,
      days_late: 150,
      penalty_cents: 5613,
      indemnity_cents: 4000,
      interest_cents: 0,
      total_claim_cents: 109613,
      warnings: [],
    });
    expect(claim.periods.map((p) => [p.from, p.to, p.days, p.rate_bp, p.base_cents, p.amount_cents])).toEqual(
      [
        ["2025-02-01", "2025-03-01", 29, 1315, 120000, 1254],
        ["2025-03-02", "2025-06-30", 121, 1315, 100000, 4359],
      ],
    );
    expect(run(...CALC, "--clause", "fixed:12.5", "--json").json<Claim>().periods[0]?.rate_bp).toBe(1250);
    expect(run(...CALC, "--clause", "ecb+7", "--json").json<Claim>().periods[0]?.rate_bp).toBe(1015);
    const text = run(...CALC, "--payment", "2025-03-01:200.00");
    expect(text.stdout).toContain("Total réclamable");
    expect(text.stdout).toContain("56,13");
  });

  it("penalties for a consumer: interest from the formal notice, no indemnity", () => {
    const claim = run(...CALC, "--b2c", "--notice", "2025-03-15", "--json").json<Claim>();
    expect(claim).toMatchObject({ penalty_cents: 0, indemnity_cents: 0, interest_cents: 1305 });
    expect(claim.periods[0]).toMatchObject({ from: "2025-03-16", rate_bp: 371 });
  });

  it("bad inputs and an unknown semester exit 2 with a message", () => {
    const cases: [string[], string][] = [
      [["penalties", "--amount", "douze", "--due", "2025-01-31"], "douze"],
      [[...CALC, "--clause", "fixed:abc"], "fixed:abc"],
      [[...CALC, "--clause", "ecb-3"], "ecb-3"],
      [[...CALC, "--payment", "2025-03-01"], "2025-03-01"],
      [["penalties", "--amount", "10", "--due", "2025-02-30"], "2025"],
      [[...CALC, "--notice", "2025-03-15"], "--b2c"],
    ];
    for (const [args, text] of cases) {
      const r = run(...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain(text);
    }
    const unknown = run(...CALC.slice(0, 5), "--as-of", "2026-09-30", "--b2c", "--notice", "2025-03-15");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("2026-S2");
  });

  it("claim on a stored invoice and on all of a client's open invoices", () => {
    const one = run("claim", "F-2025-0001", "--as-of", "2025-06-30", "--json");
    expect(one.code, one.stderr).toBe(0);
    expect(one.json<Claim>()).toMatchObject({
      balance_cents: 100000,
      penalty_cents: 5613,
      total_claim_cents: 109613,
    });
    const all = run("claim", "--client", "boulangerie dupont", "--as-of", "2025-06-30", "--json");
    expect(all.code, all.stderr).toBe(0);
    expect(all.json()).toMatchObject({
      total_claim_cents: 109613,
      claims: [{ invoice: { number: "F-2025-0001" } }],
    });
    const text = run("claim", "--client", "Boulangerie Dupont", "--as-of", "2025-06-30");
    expect(text.stdout).toContain("F-2025-0001");
    expect(text.stdout).toContain("Total pour Boulangerie Dupont");
    expect(run("claim", "F-404").code).toBe(3);
    expect(run("claim").code).toBe(2);
  });

  it("rates set: refuses bad input and changes nothing; a new rate changes the computations", () => {
    const before = ratesJson();
    const bad: string[][] = [
      ["--kind", "ecb_refi", "--semester", "2025-S1", "--rate", "4.155", "--source", "x"],
      ["--kind", "ecb", "--semester", "2025-S1", "--rate", "4.15", "--source", "x"],
      ["--kind", "ecb_refi", "--semester", "2025-S3", "--rate", "4.15", "--source", "x"],
      ["--kind", "ecb_refi", "--semester", "2025-S1", "--rate", "4.15", "--source", "  "],
    ];
    for (const args of bad) {
      const r = run("rates", "set", ...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.length).toBeGreaterThan(0);
    }
    expect(ratesJson()).toEqual(before);

    const set = run(
      "rates",
      "set",
      "--kind",
      "ecb_refi",
      "--semester",
      "2025-S1",
      "--rate",
      "4.15",
      "--source",
      "Correction",
      "--confirmed",
    );
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain("4,15 %");
    const after = ratesJson();
    expect(after).toHaveLength(before.length);
    expect(after.find((r) => r.kind === "ecb_refi" && r.semester === "2025-S1")).toMatchObject({
      rate_bp: 415,
      source: "Correction",
      confirmed: true,
    });
    const claim = run(...CALC, "--json").json<Claim>();
    expect(claim.periods[0]?.rate_bp).toBe(1415);
    expect(
      run("claim", "F-2025-0001", "--as-of", "2025-06-30", "--json").json<Claim>().penalty_cents,
    ).toBeGreaterThan(5613);
  });
  it("prescription: the consumer invoice whose two years end within 90 days, in JSON and in French", async () => {
    // The CLI runs on the real clock: a consumer invoice due two years ago less 30 days is prescribed in ~30 days.
    const org = (await t.db.selectFrom("organization").selectAll().executeTakeFirstOrThrow()) as Organization;
    const ctx = { db: t.db } as Parameters<typeof makeClient>[0];
    const consumer = await makeClient(ctx, org, { name: "Mme Hélène Bérard", kind: "consumer" });
    const due = new Date();
    due.setUTCFullYear(due.getUTCFullYear() - 2);
    due.setUTCDate(due.getUTCDate() + 30);
    const dueIso = due.toISOString().slice(0, 10);
    await makeInvoice(ctx, org, consumer, {
      number: "F-B2C-1",
      total_cents: 35000,
      issue_date: dueIso,
      due_date: dueIso,
    });
    const json = run("prescription", "--json");
    expect(json.code, json.stderr).toBe(0);
    const rows = json.json<{ number: string; prescribed: boolean; balance_cents: number }[]>();
    expect(rows.map((r) => r.number)).toEqual(["F-B2C-1"]);
    expect(rows[0]).toMatchObject({ prescribed: false, balance_cents: 35000 });
    const text = run("prescription");
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain("F-B2C-1");
    expect(text.stdout).toContain("Mme Hélène Bérard");
    const bad = run("prescription", "--within", "beaucoup");
    expect(bad.code).toBe(2);
  });
  it("penalties: actual/actual over a leap year, and proven recovery costs above 40 EUR", () => {
    // 1 000,00 EUR at a fixed 10 %, 2024-01-01 … 2024-12-31 (366 days): actual/365 → 100000 × 1000 × 366 / 3650000
    // = 10027.4 → 10027 cents; actual/actual → 100000 × 1000 × 366 / 3660000 = 10000 cents.
    const base = [
      "penalties",
      "--amount",
      "1000.00",
      "--due",
      "2023-12-31",
      "--as-of",
      "2024-12-31",
      "--clause",
      "fixed:10",
      "--json",
    ];
    expect(run(...base).json<Claim>().penalty_cents).toBe(10027);
    const exact = run(...base, "--day-count", "actual_actual");
    expect(exact.code, exact.stderr).toBe(0);
    expect(exact.json<Claim>().penalty_cents).toBe(10000);
    const costs = run(...base, "--proven-costs", "85,00");
    expect(costs.code, costs.stderr).toBe(0);
    expect(costs.json<Claim>().indemnity_cents).toBe(8500);
    expect(run(...base, "--day-count", "30_360").code).toBe(2);
    expect(run(...base, "--proven-costs", "beaucoup").code).toBe(2);
  });
});
