import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../../src/db/migrate.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";

describe.each(testDialects())("migrations on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect, { migrate: false });
  });
  afterAll(async () => t?.drop());

  it("creates every table of the ledger, then does nothing the second time", async () => {
    const first = await migrateToLatest(t.db);
    expect(first).toContain("0001-ledger");
    const tables = await t.db.introspection.getTables();
    const names = tables.map((x) => x.name);
    for (const table of [
      "organization",
      "user",
      "membership",
      "client",
      "contact",
      "quote",
      "quote_line",
      "invoice",
      "invoice_line",
      "payment",
      "allocation",
      "document",
      "action",
      "task",
      "rate",
      "audit_log",
    ]) {
      expect(names).toContain(table);
    }
    expect(await migrateToLatest(t.db)).toEqual([]);
  });

  it("gives every tenant table an organization_id", async () => {
    const tables = await t.db.introspection.getTables();
    // not tenant tables: the organizations, the users, and the rate limits' counters (per address or e-mail,
    // before any organization is known: src/http/rate-limit.ts)
    const global = new Set(["organization", "user", "rate_limit"]);
    for (const table of tables.filter((x) => !x.name.startsWith("kysely_") && !global.has(x.name))) {
      expect(
        table.columns.map((c) => c.name),
        table.name,
      ).toContain("organization_id");
    }
  });

  it("returns money columns as JS numbers", async () => {
    const row = await sql<{ n: number }>`select cast(123456789012 as bigint) as n`.execute(t.db);
    expect(row.rows[0]?.n).toBe(123456789012);
  });
});
