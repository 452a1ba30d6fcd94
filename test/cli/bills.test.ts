import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayIn } from "../../src/core/calendar.js";
import type { Organization } from "../../src/db/schema.js";
import { relance } from "../support/cli.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";
import { pdfText } from "../support/pdf-text.js";

interface Bill {
  id: string;
  state: string;
  amount_cents: number;
  due_on: string;
  issue_place: string;
  invoices: { number: string; amount_cents: number }[];
}

describe.each(testDialects())("relance bills on %s", (dialect) => {
  let t: TestDatabase;
  const work = mkdtempSync(join(tmpdir(), "relance-bills-cli-"));
  const cli = (args: string[]) =>
    relance(["--db", t.url, ...args], { RELANCE_FILES_DIR: join(work, "files") });
  // the CLI runs on the real clock: dates are relative to the organization's today
  const today = todayIn("Europe/Paris", Date.now());
  const iso = (days: number) => today.add({ days }).toString();

  beforeAll(async () => {
    t = await createTestDatabase(dialect, { migrate: false });
    expect(cli(["init", "--name", "Atelier Martin"]).code).toBe(0);
    const org = (await t.db.selectFrom("organization").selectAll().executeTakeFirstOrThrow()) as Organization;
    const ctx = { db: t.db } as Parameters<typeof makeClient>[0];
    const pro = await makeClient(ctx, org, { name: "Boulangerie Dupont" });
    await t.db
      .updateTable("client")
      .set({ address: "4 place Bellecour", postal_code: "69002", city: "Lyon" })
      .where("id", "=", pro)
      .execute();
    await makeInvoice(ctx, org, pro, {
      number: "F-1",
      total_cents: 120_000,
      issue_date: iso(-60),
      due_date: iso(-30),
    });
    await makeInvoice(ctx, org, pro, {
      number: "F-2",
      total_cents: 30_000,
      issue_date: iso(-50),
      due_date: iso(-20),
    });
    const consumer = await makeClient(ctx, org, { name: "Claire Petit", kind: "consumer" });
    await makeInvoice(ctx, org, consumer, {
      number: "P-1",
      total_cents: 5_000,
      issue_date: iso(-60),
      due_date: iso(-30),
    });
  });
  afterAll(async () => {
    await t?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it("issues a bill for some invoices, lists it, writes its PDF, and walks it through its states", async () => {
    const issued = cli([
      "bills",
      "issue",
      "Boulangerie Dupont",
      "--due",
      iso(30),
      "--invoices",
      "F-1",
      "--place",
      "Lyon",
      "--json",
    ]);
    expect(issued.code, issued.stderr).toBe(0);
    const bill = issued.json<Bill>();
    expect(bill).toMatchObject({
      state: "issued",
      amount_cents: 120_000,
      due_on: iso(30),
      issue_place: "Lyon",
      invoices: [{ number: "F-1", amount_cents: 120_000 }],
    });

    const list = cli(["bills", "list"]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(
      new RegExp(`${bill.id}\\s+Boulangerie Dupont\\s+1\\s200,00\\s€\\s+\\S+\\s+émise\\s+F-1`),
    );
    expect(cli(["bills", "list", "--state", "paid", "--json"]).json<Bill[]>()).toEqual([]);

    const file = join(work, "lettre.pdf");
    const pdf = cli(["bills", "pdf", bill.id, file]);
    expect(pdf.code, pdf.stderr).toBe(0);
    const text = await pdfText(readFileSync(file));
    expect(text).toContain("LETTRE DE CHANGE");
    expect(text).toContain(
      "veuillez payer la somme de 1 200,00 € (mille deux cents euros) à l'ordre de Atelier Martin",
    );
    expect(text).toContain("Nom et adresse du tiré Boulangerie Dupont");

    const accepted = cli(["bills", "accept", bill.id]);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toContain("acceptée");
    const early = cli(["bills", "unpaid", bill.id]);
    expect(early.code).toBe(2);
    expect(early.stderr).toContain("ne peut être impayée avant son échéance");
    const paid = cli(["bills", "paid", bill.id, "--json"]);
    expect(paid.code, paid.stderr).toBe(0);
    expect(paid.json<Bill>().state).toBe("paid");
    const invoice = await t.db
      .selectFrom("invoice")
      .selectAll()
      .where("number", "=", "F-1")
      .executeTakeFirstOrThrow();
    expect(invoice.status).toBe("paid");
    const again = cli(["bills", "cancel", bill.id]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("payée");
  });

  it("an unpaid bill releases its invoice to the reminders", async () => {
    const issued = cli([
      "bills",
      "issue",
      "Boulangerie Dupont",
      "--due",
      iso(0),
      "--place",
      "Lyon",
      "--json",
    ]);
    expect(issued.code, issued.stderr).toBe(0);
    const bill = issued.json<Bill>();
    expect(bill.invoices.map((i) => i.number)).toEqual(["F-2"]);
    const held = await t.db
      .selectFrom("invoice")
      .selectAll()
      .where("number", "=", "F-2")
      .executeTakeFirstOrThrow();
    expect(held.hold_kind).toBe("bill");
    const unpaid = cli(["bills", "unpaid", bill.id, "--date", iso(0)]);
    expect(unpaid.code, unpaid.stderr).toBe(0);
    expect(unpaid.stdout).toContain("impayée");
    const released = await t.db
      .selectFrom("invoice")
      .selectAll()
      .where("number", "=", "F-2")
      .executeTakeFirstOrThrow();
    expect(released.hold_kind).toBeNull();
    expect(released.next_action_on && released.next_action_on <= iso(0)).toBe(true);
  });

  it("refuses a consumer, a bad date, an unknown bill or state, with a message and a non-zero exit code", async () => {
    const before = await t.db.selectFrom("bill_of_exchange").select("id").execute();
    const consumer = cli(["bills", "issue", "Claire Petit", "--due", iso(30), "--place", "Lyon"]);
    expect(consumer.code).toBe(2);
    expect(consumer.stderr).toContain("ne peut être tirée que sur un professionnel");
    const date = cli(["bills", "issue", "Boulangerie Dupont", "--due", "31/02/2027", "--place", "Lyon"]);
    expect(date.code).toBe(2);
    const place = cli(["bills", "issue", "Boulangerie Dupont", "--due", iso(30)]);
    expect(place.code).toBe(2);
    expect(place.stderr).toContain("la date et le lieu de création");
    expect(cli(["bills", "accept", "0190a0a0-0000-7000-8000-000000000000"]).code).toBe(3);
    expect(cli(["bills", "list", "--state", "lost"]).code).toBe(2);
    expect(await t.db.selectFrom("bill_of_exchange").select("id").execute()).toEqual(before);
  });
});
