// `relance worker --once`: two workers started together on one database plan the organization's day once and send
// each message once (the other finds the organization locked, or its day already run); a bad interval exits
// non-zero with a message.
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayIn } from "../../src/core/calendar.js";
import type { Organization } from "../../src/db/schema.js";
import { addBillingContact, tempFilesDir } from "../dunning/support.js";
import { relance } from "../support/cli.js";
import { testContext } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";

const BIN = resolve("bin/relance.js");

function worker(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? "", TZ: "UTC", LANG: "C.UTF-8", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

describe.each(testDialects())("relance worker on %s", (dialect) => {
  let t: TestDatabase;
  const files = tempFilesDir();
  const env = { RELANCE_FILES_DIR: files.dir };

  beforeAll(async () => {
    t = await createTestDatabase(dialect, { migrate: false });
    expect(relance(["--db", t.url, "init", "--name", "Plomberie Martin"]).code).toBe(0);
    // the run hour at midnight: the day is due whatever the time the test runs
    await t.db
      .updateTable("organization")
      .set({ settings: JSON.stringify({ dunning_hour: 0 }) })
      .execute();
    const org = (await t.db.selectFrom("organization").selectAll().executeTakeFirstOrThrow()) as Organization;
    const ctx = testContext(t);
    const today = todayIn(org.time_zone, Date.now());
    const due = today.subtract({ days: 1 }).toString();
    for (const k of [1, 2, 3]) {
      const client = await makeClient(ctx, org, { name: `Client ${k}` });
      await addBillingContact(ctx, org, client, `compta${k}@example.fr`);
      await makeInvoice(ctx, org, client, {
        number: `W-${k}`,
        total_cents: 10_000 * k,
        issue_date: today.subtract({ days: 31 }).toString(),
        due_date: due,
      });
    }
  });
  afterAll(async () => {
    await t?.drop();
    files.remove();
  });

  it("two workers at once: the day planned once, each message sent once", async () => {
    const [a, b] = await Promise.all([
      worker(["--db", t.url, "--json", "worker", "--once"], env),
      worker(["--db", t.url, "--json", "worker", "--once"], env),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const reports = [JSON.parse(a.stdout), JSON.parse(b.stdout)] as { planned: string[] }[];
    expect(reports.flatMap((r) => r.planned)).toHaveLength(1);
    const rows = await t.db.selectFrom("outbox").select(["state", "idempotency_key", "attempts"]).execute();
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.state === "sent" && Number(r.attempts) === 1)).toBe(true);
    // a third tick the same day: nothing planned, nothing sent again
    const again = await worker(["--db", t.url, "--json", "worker", "--once"], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ planned: [], locked: [] });
    expect(await t.db.selectFrom("outbox").select("id").execute()).toHaveLength(3);
  });

  it("refuses an interval that is not a number of seconds", () => {
    const out = relance(["--db", t.url, "--lang", "en", "worker", "--interval", "soon"], env);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain("Invalid interval");
  });
});
