import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Organization } from "../../src/db/schema.js";
import { addBillingContact, tempFilesDir } from "../dunning/support.js";
import { relance } from "../support/cli.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";

interface RunJson {
  date: string;
  planned: {
    client: string;
    invoices: string[];
    step: string;
    channel: string;
    action_id: string;
    awaiting_approval: boolean;
  }[];
  skipped: { client: string; invoice: string; step: string; offset_days: number }[];
  awaiting_approval: number;
  sent: number;
}

describe.each(testDialects())("relance run and relance settings smtp on %s", (dialect) => {
  let t: TestDatabase;
  const files = tempFilesDir();
  const cli = (args: string[], env: Record<string, string> = {}) =>
    relance(["--db", t.url, ...args], { RELANCE_FILES_DIR: files.dir, ...env });

  beforeAll(async () => {
    t = await createTestDatabase(dialect, { migrate: false });
    const init = cli(["init", "--name", "Plomberie Martin", "--email", "compta@martin.fr"]);
    expect(init.code, init.stderr).toBe(0);
    const org = (await t.db.selectFrom("organization").selectAll().executeTakeFirstOrThrow()) as Organization;
    const ctx = { db: t.db } as Parameters<typeof makeClient>[0];
    const dupont = await makeClient(ctx, org, { name: "Boulangerie Dupont" });
    await addBillingContact(ctx as never, org, dupont, "compta@dupont.fr");
    await makeInvoice(ctx, org, dupont, { number: "F-1", total_cents: 120_000, due_date: "2026-01-31" });
    await makeInvoice(ctx, org, dupont, { number: "F-2", total_cents: 30_000, due_date: "2026-01-31" });
    const old = await makeClient(ctx, org, { name: "Garage Ancien" });
    await makeInvoice(ctx, org, old, { number: "G-1", total_cents: 80_000, due_date: "2025-10-31" });
  });
  afterAll(async () => {
    await t?.drop();
    files.remove();
  });

  it("--dry-run shows the day and writes nothing; the run plans one message per client and step; a second run nothing", () => {
    const dry = cli(["run", "--date", "2026-02-01", "--dry-run", "--json"]);
    expect(dry.code, dry.stderr).toBe(0);
    const plan = dry.json<RunJson>();
    expect(plan.date).toBe("2026-02-01");
    expect(plan.planned.map((p) => [p.client, p.invoices, p.channel, p.awaiting_approval])).toEqual(
      expect.arrayContaining([
        ["Boulangerie Dupont", ["F-1", "F-2"], "email", false],
        // an invoice three months late: the mise en demeure first (never skipped), awaiting approval
        ["Garage Ancien", ["G-1"], "registered_letter", true],
      ]),
    );
    expect(plan.skipped.filter((s) => s.invoice === "G-1").map((s) => s.offset_days)).toEqual([
      -5, 1, 8, 15, 22,
    ]);
    const again = cli(["run", "--date", "2026-02-01", "--dry-run", "--json"]).json<RunJson>();
    expect(again.planned).toHaveLength(plan.planned.length);

    const real = cli(["run", "--date", "2026-02-01", "--json"]);
    expect(real.code, real.stderr).toBe(0);
    const done = real.json<RunJson>();
    expect(done.planned).toHaveLength(2);
    expect(done.awaiting_approval).toBe(1);
    // no SMTP configured: the e-mail stays in Relance's outbox, counted as sent
    expect(done.sent).toBe(1);
    const second = cli(["run", "--date", "2026-02-01", "--json"]).json<RunJson>();
    expect(second).toMatchObject({ planned: [], skipped: [], sent: 0 });

    const text = cli(["run", "--date", "2026-02-02"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("Rien à faire le 2026-02-02");
  });

  it("refuses a bad date with exit code 2 and a message", () => {
    const bad = cli(["run", "--date", "2026-02-30"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/date/i);
  });

  it("settings smtp: refused without a secret key, saved masked with one, cleared", () => {
    const none = cli(["settings", "smtp", "--json"]);
    expect(none.json()).toEqual({ source: "none", url: null });
    const refused = cli(["settings", "smtp", "smtp://relance:s3cret@mail.example.fr:587"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("RELANCE_SECRET_KEY");
    const key = { RELANCE_SECRET_KEY: "a".repeat(64) };
    const saved = cli(["settings", "smtp", "smtp://relance:s3cret@mail.example.fr:587", "--json"], key);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.json()).toEqual({ source: "organization", url: "smtp://relance:***@mail.example.fr:587" });
    expect(saved.stdout).not.toContain("s3cret");
    const shown = cli(["settings", "smtp"], key);
    expect(shown.stdout).toContain("organization: smtp://relance:***@mail.example.fr:587");
    const env = cli(["settings", "smtp", "--json"], { RELANCE_SMTP_URL: "smtp://x:pw@localhost:2525" });
    expect(env.json()).toEqual({ source: "environment", url: "smtp://x:***@localhost:2525" });
    const bad = cli(["settings", "smtp", "http://nope"], key);
    expect(bad.code).toBe(2);
    expect(cli(["settings", "smtp", "--clear"]).code).toBe(0);
    expect(cli(["settings", "smtp", "--json"]).json()).toEqual({ source: "none", url: null });
  });
});
