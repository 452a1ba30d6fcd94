import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Organization } from "../../src/db/schema.js";
import { addBillingContact, tempFilesDir } from "../dunning/support.js";
import { relance } from "../support/cli.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";
import { pdfText } from "../support/pdf-text.js";

interface PlanJson {
  id: string;
  state: string;
  total_cents: number;
  signed_on: string | null;
  installments: { due_on: string; amount_cents: number }[];
}

describe.each(testDialects())("relance plans on %s", (dialect) => {
  let t: TestDatabase;
  const files = tempFilesDir();
  const cli = (args: string[]) => relance(["--db", t.url, ...args], { RELANCE_FILES_DIR: files.dir });
  const count = async () =>
    Number(
      (
        await t.db
          .selectFrom("payment_plan")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestDatabase(dialect, { migrate: false });
    const init = cli(["init", "--name", "Plomberie Martin", "--email", "compta@martin.fr"]);
    expect(init.code, init.stderr).toBe(0);
    const org = (await t.db.selectFrom("organization").selectAll().executeTakeFirstOrThrow()) as Organization;
    const ctx = { db: t.db } as Parameters<typeof makeClient>[0];
    const dupont = await makeClient(ctx, org, { name: "Boulangerie Dupont" });
    await addBillingContact(ctx as never, org, dupont, "compta@dupont.fr");
    await makeInvoice(ctx, org, dupont, { number: "F-1", total_cents: 120_000, due_date: "2026-01-31" });
    await makeInvoice(ctx, org, dupont, { number: "F-2", total_cents: 30_001, due_date: "2026-01-31" });
  });
  afterAll(async () => {
    await t?.drop();
    files.remove();
  });

  it("refuses bad input with a non-zero exit and writes nothing", async () => {
    for (const args of [
      ["plans", "create", "Boulangerie Dupont", "--count", "40", "--first", "2099-01-15"],
      ["plans", "create", "Boulangerie Dupont", "--count", "3", "--first", "2020-01-15"],
      ["plans", "create", "Boulangerie Dupont", "--count", "trois", "--first", "2099-01-15"],
      ["plans", "create", "Boulangerie Dupont", "--dates", "2099-02-01,2099-01-01"],
      [
        "plans",
        "create",
        "Boulangerie Dupont",
        "--count",
        "3",
        "--first",
        "2099-01-15",
        "--frequency",
        "daily",
      ],
      ["plans", "create", "Boulangerie Dupont", "--count", "3", "--first", "2099-01-15", "--invoices", "F-9"],
      ["plans", "create", "Nobody", "--count", "3", "--first", "2099-01-15"],
      ["plans", "sign", "no-such-plan"],
    ]) {
      const r = cli(args);
      expect(r.code, args.join(" ")).not.toBe(0);
      expect(r.stderr.length).toBeGreaterThan(0);
    }
    expect(await count()).toBe(0);
  });

  it("creates, lists, shows, writes the PDF, signs and refuses to cancel an active plan", async () => {
    const created = cli([
      "plans",
      "create",
      "Boulangerie Dupont",
      "--count",
      "3",
      "--first",
      "2099-01-31",
      "--invoices",
      "F-1,F-2",
      "--grace",
      "5",
      "--json",
    ]);
    expect(created.code, created.stderr).toBe(0);
    const plan = created.json<PlanJson>();
    expect(plan.total_cents).toBe(150_001);
    expect(plan.installments.map((i) => [i.due_on, i.amount_cents])).toEqual([
      ["2099-01-31", 50_001],
      ["2099-02-28", 50_000],
      ["2099-03-31", 50_000],
    ]);
    const list = cli(["plans", "list", "--state", "draft"]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain(plan.id);
    expect(list.stdout).toContain("brouillon");
    const show = cli(["plans", "show", plan.id]);
    expect(show.stdout).toContain("500,01");
    const out = join(files.dir, "reconnaissance.pdf");
    const pdf = cli(["plans", "pdf", plan.id, out]);
    expect(pdf.code, pdf.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    const text = await pdfText(readFileSync(out));
    expect(text).toContain("mille cinq cents euros et un centime");
    expect(text).toContain("déchéance du terme");
    const signed = cli(["plans", "sign", plan.id, "--json"]);
    expect(signed.code, signed.stderr).toBe(0);
    expect(signed.json<PlanJson>().state).toBe("active");
    const cancel = cli(["plans", "cancel", plan.id]);
    expect(cancel.code).not.toBe(0);
    expect(cli(["plans", "show", plan.id, "--json"]).json<PlanJson>().state).toBe("active");
  });
});
