import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_CODES } from "../../src/cli/output.js";
import type { Organization } from "../../src/db/schema.js";
import { EXPECTED_WEEKS, forecastFixture } from "../forecast/fixture.js";
import { relance } from "../support/cli.js";
import { testContext } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";

interface ForecastJson {
  as_of: string;
  weeks: {
    start: string;
    end: string;
    expected_cents: number;
    low_cents: number;
    high_cents: number;
    invoices: number;
  }[];
  litigation_cents: number;
}

describe.each(testDialects())("relance forecast on %s", (dialect) => {
  let t: TestDatabase;
  const cli = (args: string[]) => relance(["--db", t.url, ...args]);

  beforeAll(async () => {
    t = await createTestDatabase(dialect, { migrate: false });
    const init = cli(["init", "--name", "Plomberie Martin", "--email", "compta@martin.fr"]);
    expect(init.code, init.stderr).toBe(0);
    const org = (await t.db.selectFrom("organization").selectAll().executeTakeFirstOrThrow()) as Organization;
    await forecastFixture(testContext(t, { now: "2026-06-10T08:00:00Z" }), org);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("prints the issue's JSON shape", () => {
    const r = cli(["forecast", "--as-of", "2026-06-10", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const body = r.json<ForecastJson & Record<string, unknown>>();
    for (const key of ["as_of", "weeks", "litigation_cents"]) expect(body).toHaveProperty(key);
    expect(body.as_of).toBe("2026-06-10");
    expect(body.weeks).toHaveLength(13);
    for (const w of body.weeks)
      expect(Object.keys(w).sort()).toEqual([
        "end",
        "expected_cents",
        "high_cents",
        "invoices",
        "low_cents",
        "start",
      ]);
    expect(body.weeks.map((w) => [w.expected_cents, w.low_cents, w.high_cents, w.invoices])).toEqual(
      EXPECTED_WEEKS,
    );
    expect(body.litigation_cents).toBe(150_000);

    const four = cli(["forecast", "--weeks", "4", "--as-of", "10/06/2026", "--past", "0", "--json"]).json<
      ForecastJson & { past: unknown[] }
    >();
    expect(four.weeks.map((w) => w.start)).toEqual(["2026-06-08", "2026-06-15", "2026-06-22", "2026-06-29"]);
    expect(four.past).toEqual([]);
  });

  it("prints a table in French or English", () => {
    const fr = cli(["forecast", "--as-of", "2026-06-10", "--weeks", "2"]);
    expect(fr.code, fr.stderr).toBe(0);
    expect(fr.stdout).toContain("Prévision de trésorerie au 10/06/2026");
    expect(fr.stdout).toContain("08/06/2026 – 14/06/2026");
    expect(fr.stdout).toContain("180,00");
    expect(fr.stdout).toContain("En recouvrement judiciaire (hors prévision) : 1");
    const en = cli(["--lang", "en", "forecast", "--as-of", "2026-06-10", "--weeks", "2"]);
    expect(en.stdout).toContain("Cash-flow forecast as of");
  });

  it("refuses bad options with the invalid-input exit code and prints nothing on stdout", () => {
    for (const args of [
      ["--weeks", "0"],
      ["--weeks", "abc"],
      ["--past", "27"],
      ["--as-of", "32/01/2026"],
    ]) {
      const r = cli(["forecast", ...args]);
      expect(r.code, args.join(" ")).toBe(EXIT_CODES.invalid_input);
      expect(r.stdout).toBe("");
      expect(r.stderr).not.toBe("");
    }
  });
});
