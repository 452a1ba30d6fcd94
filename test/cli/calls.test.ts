import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, todayIn, toIso } from "../../src/core/calendar.js";
import type { Organization } from "../../src/db/schema.js";
import { addBillingContact, tempFilesDir } from "../dunning/support.js";
import { relance } from "../support/cli.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";

/** The CLI runs on the real clock: dates are taken from today in Paris. */
const today = todayIn("Europe/Paris", Date.now());
const inDays = (n: number) => toIso(addDays(today, n));

describe.each(testDialects())("relance calls and promises on %s", (dialect) => {
  let t: TestDatabase;
  const files = tempFilesDir();
  const cli = (args: string[]) => relance(["--db", t.url, ...args], { RELANCE_FILES_DIR: files.dir });

  async function counts() {
    const n = async (table: "call" | "promise" | "action") =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return [await n("call"), await n("promise"), await n("action")];
  }

  beforeAll(async () => {
    t = await createTestDatabase(dialect, { migrate: false });
    const init = cli(["init", "--name", "Plomberie Martin", "--email", "compta@martin.fr"]);
    expect(init.code, init.stderr).toBe(0);
    const org = (await t.db.selectFrom("organization").selectAll().executeTakeFirstOrThrow()) as Organization;
    const ctx = { db: t.db } as Parameters<typeof makeClient>[0];
    const dupont = await makeClient(ctx, org, { name: "Boulangerie Dupont" });
    await addBillingContact(ctx as never, org, dupont, "compta@dupont.fr");
    await makeInvoice(ctx, org, dupont, {
      number: "F-1",
      total_cents: 120_000,
      issue_date: inDays(-60),
      due_date: inDays(-30),
    });
    await makeInvoice(ctx, org, dupont, {
      number: "F-2",
      total_cents: 30_000,
      issue_date: inDays(-40),
      due_date: inDays(-10),
    });
  });
  afterAll(async () => {
    await t?.drop();
    files.remove();
  });

  it("prints the call sheet, as text, JSON and PDF", () => {
    const text = cli(["calls", "sheet", "Boulangerie Dupont"]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain("Boulangerie Dupont");
    expect(text.stdout).toContain("F-1");
    expect(text.stdout).toMatch(/Dû : 1\s500,00\s€/);
    const json = cli(["--json", "calls", "sheet", "boulangerie dupont"]);
    expect(json.code, json.stderr).toBe(0);
    const sheet = json.json<{
      invoices: { number: string; days_late: number }[];
      score: { late_invoices: number };
    }>();
    expect(sheet.invoices.map((i) => [i.number, i.days_late])).toEqual([
      ["F-1", 30],
      ["F-2", 10],
    ]);
    const file = join(files.dir, "fiche.pdf");
    const pdf = cli(["calls", "sheet", "Boulangerie Dupont", "--pdf", file]);
    expect(pdf.code, pdf.stderr).toBe(0);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("refuses bad input with a non-zero exit and writes nothing", async () => {
    const before = await counts();
    for (const args of [
      ["calls", "log", "Boulangerie Dupont", "--outcome", "busy"],
      ["calls", "log", "Boulangerie Dupont", "--outcome", "reached", "--promise-amount", "100"],
      [
        "calls",
        "log",
        "Boulangerie Dupont",
        "--outcome",
        "reached",
        "--promise-amount",
        "abc",
        "--promise-date",
        inDays(5),
      ],
      [
        "calls",
        "log",
        "Boulangerie Dupont",
        "--outcome",
        "reached",
        "--promise-amount",
        "100",
        "--promise-date",
        inDays(-1),
      ],
      ["calls", "log", "Boulangerie Dupont", "--outcome", "call_back"],
      ["calls", "log", "Inconnu SARL", "--outcome", "reached"],
      ["promises", "list", "--state", "lost"],
    ]) {
      const r = cli(args);
      expect(r.code, args.join(" ")).not.toBe(0);
      expect(r.stderr.length, args.join(" ")).toBeGreaterThan(0);
    }
    expect(await counts()).toEqual(before);
  });

  it("logs a call with a promise, lists calls and open promises", () => {
    const logged = cli([
      "calls",
      "log",
      "Boulangerie Dupont",
      "--outcome",
      "reached",
      "--notes",
      "Virement promis",
      "--promise-amount",
      "1 500,00",
      "--promise-date",
      inDays(7),
      "--call-back",
      inDays(11),
    ]);
    expect(logged.code, logged.stderr).toBe(0);
    expect(logged.stdout).toContain("Appel enregistré");
    expect(logged.stdout).toMatch(/Promesse : 1\s500,00\s€/);
    const list = cli(["--json", "calls", "list", "Boulangerie Dupont"]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.json<{ outcome: string; notes: string }[]>()).toMatchObject([
      { outcome: "reached", notes: "Virement promis" },
    ]);
    const promises = cli(["--json", "promises", "list", "--state", "open"]);
    expect(promises.code, promises.stderr).toBe(0);
    expect(promises.json<{ amount_cents: number; hold_until: string }[]>()).toMatchObject([
      { amount_cents: 150_000, hold_until: inDays(10) },
    ]);
    const text = cli(["promises", "list"]);
    expect(text.stdout).toContain("Boulangerie Dupont");
  });
});
