import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { isAppError } from "../../src/app/errors.js";
import { getForecast } from "../../src/app/forecast/get-forecast.js";
import type { Organization } from "../../src/db/schema.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { EXPECTED_WEEKS, forecastFixture } from "./fixture.js";

describe.each(testDialects())("cash-flow forecast (%s)", (dialect) => {
  let t: TestDatabase;
  let ctx: AppContext;
  let org: Organization;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    ctx = testContext(t, { now: "2026-06-10T08:00:00Z" });
    org = await testOrganization(ctx);
    await forecastFixture(ctx, org);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("gives the hand-computed weeks: delays, stages, plan, bill, credit note, litigation apart", async () => {
    const { dto, lines } = await getForecast({ ctx, org });
    expect(dto.as_of).toBe("2026-06-10");
    expect(dto.weeks[0]).toMatchObject({ start: "2026-06-08", end: "2026-06-14" });
    expect(dto.weeks.at(-1)).toMatchObject({ start: "2026-08-31", end: "2026-09-06" });
    expect(dto.weeks.map((w) => [w.expected_cents, w.low_cents, w.high_cents, w.invoices])).toEqual(
      EXPECTED_WEEKS,
    );
    expect(dto.litigation_cents).toBe(150_000);
    expect(dto.beyond_cents).toBe(0);
    const refs = lines.map((l) => l.reference);
    for (const gone of ["C-PLAN", "A-BILL", "B-GONE", "AV-1"]) expect(refs).not.toContain(gone);
    expect(lines.find((l) => l.reference === "A-OPEN2")).toMatchObject({
      amount_cents: 30_000,
      weighted_cents: 27_000,
      expected_on: "2026-06-21",
      low_on: "2026-06-11",
      high_on: "2026-07-01",
      client: "Atelier A",
    });
    expect(lines.find((l) => l.reference === "B-LIT")).toMatchObject({
      stage: "litigation",
      expected_on: null,
    });
  });

  it("replays past weeks from what was known then and compares them with the cash received", async () => {
    const { dto } = await getForecast({ ctx, org, past: 3 });
    expect(dto.past.map((p) => [p.start, p.actual_cents])).toEqual([
      ["2026-05-18", 0],
      ["2026-05-25", 20_000],
      ["2026-06-01", 20_000],
    ]);
    // On Monday 06-01 (known through 05-31): A-OPEN2 500 € due that day, A's median +5 → 06-06, week of 06-01;
    // A-OPEN1 (issued 05-15, due 06-15) later; C-OPEN due 06-08 (org median 10) later; C-PLAN's installment 1 on
    // 06-05 at 900 ‰ = 180 €; the bill, due 06-30, later; B-DISPUTED not yet issued.
    expect(dto.past[2]?.expected_cents).toBe(50_000 + 18_000);
  });

  it("counts only this organization's ledger", async () => {
    const other = await testOrganization(ctx, "Autre SARL");
    const { dto } = await getForecast({ ctx, org: other });
    expect(dto.weeks.every((w) => w.expected_cents === 0 && w.high_cents === 0)).toBe(true);
    expect(dto.litigation_cents).toBe(0);
    expect(dto.past.every((p) => p.actual_cents === 0)).toBe(true);
  });

  it("refuses bad weeks, past or date with a clear error", async () => {
    for (const [options, code] of [
      [{ weeks: "0" }, "forecast.invalid_weeks"],
      [{ weeks: "53" }, "forecast.invalid_weeks"],
      [{ weeks: "3.5" }, "forecast.invalid_weeks"],
      [{ past: "27" }, "forecast.invalid_past"],
      [{ asOf: "31/02/2026" }, "date.impossible"],
      [{ asOf: "demain" }, "date.invalid"],
    ] as const) {
      const error = await getForecast({ ctx, org, ...options }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isAppError(error) && [error.code, error.messageCode]).toEqual(["invalid_input", code]);
    }
  });
});
