import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_CODES } from "../../src/cli/output.js";
import {
  EXPECTED_MONTHS,
  EXPECTED_SLOWEST,
  INDICATORS_AS_OF,
  indicatorsFixture,
} from "../cash/indicators-fixture.js";
import { relance } from "../support/cli.js";
import { testContext } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";

describe.each(testDialects())("relance indicators on %s", (dialect) => {
  let t: TestDatabase;
  const cli = (args: string[]) => relance(["--db", t.url, ...args]);

  beforeAll(async () => {
    t = await createTestDatabase(dialect, { migrate: false });
    const init = cli(["init", "--name", "Plomberie Martin", "--email", "compta@martin.fr"]);
    expect(init.code, init.stderr).toBe(0);
    const org = await t.db.selectFrom("organization").select("id").executeTakeFirstOrThrow();
    await indicatorsFixture(testContext(t, { now: "2025-03-20T08:00:00Z" }), org.id);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("prints the indicators as JSON and as a table", () => {
    const r = cli(["indicators", "--as-of", INDICATORS_AS_OF, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const body = r.json<{ as_of: string; months: unknown[]; slowest_clients: { client_id: string }[] }>();
    expect(body.as_of).toBe(INDICATORS_AS_OF);
    expect(body.months.slice(9)).toEqual(EXPECTED_MONTHS);
    expect(body.slowest_clients.map(({ client_id, ...c }) => c)).toEqual(EXPECTED_SLOWEST);

    const table = cli(["indicators", "--as-of", "15/03/2025"]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain("Indicateurs de trésorerie sur 12 mois au 15/03/2025");
    expect(table.stdout).toMatch(/2025-02\s.*400,00\u00A0€\s+26\s+71,4 %/);
    expect(table.stdout).toMatch(/Alpha SARL\s+16,8/);

    const bad = cli(["indicators", "--as-of", "2025-13-01"]);
    expect(bad.code).toBe(EXIT_CODES.invalid_input);
  });
});
