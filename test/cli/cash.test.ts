import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_CODES } from "../../src/cli/output.js";
import { AS_OF, agingFixture, EXPECTED_COLLECTED, EXPECTED_ROWS, EXPECTED_TOTAL } from "../cash/fixture.js";
import { relance } from "../support/cli.js";
import { testContext } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";

describe.each(testDialects())("relance aging and export collected on %s", (dialect) => {
  let t: TestDatabase;
  const cli = (args: string[]) => relance(["--db", t.url, ...args]);

  beforeAll(async () => {
    t = await createTestDatabase(dialect, { migrate: false });
    const init = cli(["init", "--name", "Plomberie Martin", "--email", "compta@martin.fr"]);
    expect(init.code, init.stderr).toBe(0);
    const org = await t.db.selectFrom("organization").select("id").executeTakeFirstOrThrow();
    await agingFixture(testContext(t, { now: "2025-07-10T08:00:00Z" }), org.id);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("prints the aging balance as JSON and as a table", () => {
    const r = cli(["aging", "--as-of", AS_OF, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const body = r.json<{ as_of: string; rows: { client_id: string }[]; total: unknown }>();
    expect(Object.keys(body).sort()).toEqual(["as_of", "rows", "total"]);
    expect(body.as_of).toBe(AS_OF);
    expect(body.rows.map(({ client_id, ...row }) => row)).toEqual(EXPECTED_ROWS);
    expect(body.total).toEqual(EXPECTED_TOTAL);

    const table = cli(["aging", "--as-of", "30/06/2025"]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain("Balance âgée au 30/06/2025");
    expect(table.stdout).toMatch(/Total\s.*3\u202F264,56\u00A0€/);

    const bad = cli(["aging", "--as-of", "2025-13-01"]);
    expect(bad.code).toBe(EXIT_CODES.invalid_input);
  });

  it("exports the « Encaissée » rows as JSON and CSV", () => {
    const json = cli([
      "export",
      "collected",
      "--from",
      "2025-06-01",
      "--to",
      "2025-06-30",
      "--format",
      "json",
    ]);
    expect(json.code, json.stderr).toBe(0);
    expect(json.json()).toEqual({ from: "2025-06-01", to: "2025-06-30", rows: EXPECTED_COLLECTED });

    const csv = cli(["export", "collected", "--from", "2025-06-01", "--to", "2025-06-30"]);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.startsWith("\uFEFFnumero_facture;")).toBe(true);
    expect(csv.stdout.split("\r\n")).toHaveLength(EXPECTED_COLLECTED.length + 2);

    const reversed = cli(["export", "collected", "--from", "2025-07-01", "--to", "2025-06-01"]);
    expect(reversed.code).toBe(EXIT_CODES.invalid_input);
  });
});
