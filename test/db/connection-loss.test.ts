import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";

/**
 * PostgreSQL: a connection the server ends while the application holds it (inside a transaction, between two
 * queries — a restart, a failover, pg_terminate_backend) fails the work that holds it, and nothing else: the
 * process does not die of an unhandled 'error' event (a `relance serve` would go down with it), and the pool opens
 * a new connection for the next query.
 */
describe.skipIf(!testDialects().includes("postgres"))("a connection lost while held (postgres)", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
  });
  afterAll(async () => t?.drop());

  it("fails the transaction that held it; the process and the pool go on", async () => {
    const work = t.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
      // another connection of the pool ends this one while the transaction waits between two queries
      await sql`select pg_terminate_backend(${rows[0]?.pid})`.execute(t.db);
      await new Promise((r) => setTimeout(r, 300));
      await sql`select 1`.execute(trx);
    });
    await expect(work).rejects.toThrow();
    const again = await sql<{ x: number }>`select 1 as x`.execute(t.db);
    expect(again.rows[0]?.x).toBe(1);
  });
});
