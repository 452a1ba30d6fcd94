import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { importInvoices } from "../../src/app/invoices/import-invoices.js";
import { listInvoices } from "../../src/app/invoices/list-invoices.js";
import type { Organization } from "../../src/db/schema.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { FRENCH_SHEET, tempDir, writeUtf8, writeWindows1252 } from "../support/files.js";

describe.each(testDialects())("importing the tracking sheet on %s", (dialect) => {
  let t: TestDatabase;
  let ctx: AppContext;
  let org: Organization;
  const dir = tempDir();

  const counts = async () => ({
    clients: (await t.db.selectFrom("client").select("id").where("organization_id", "=", org.id).execute())
      .length,
    invoices: (await t.db.selectFrom("invoice").select("id").where("organization_id", "=", org.id).execute())
      .length,
    payments: (await t.db.selectFrom("payment").select("id").where("organization_id", "=", org.id).execute())
      .length,
    contacts: (await t.db.selectFrom("contact").select("id").where("organization_id", "=", org.id).execute())
      .length,
  });

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  beforeEach(async () => {
    ctx = testContext(t);
    org = await testOrganization(ctx, `Org ${Math.random()}`);
  });
  afterAll(async () => t?.drop());

  it("imports a realistic French export (Windows-1252, semicolons, 1 234,56, 31/01/2025)", async () => {
    const file = writeWindows1252(join(dir, "suivi.csv"), FRENCH_SHEET);
    const report = await importInvoices({ ctx, org, path: file });
    expect(report).toMatchObject({
      imported: 5,
      skipped: 0,
      error_count: 0,
      clients_created: 4,
      payments_created: 3,
    });
    const invoices = await listInvoices({ ctx, org });
    const byNumber = new Map(invoices.map((i) => [i.number, i]));
    expect(byNumber.get("F-2025-001")).toMatchObject({
      client: "Boulangerie Dupont",
      issue_date: "2025-01-02",
      due_date: "2025-01-31",
      total_cents: 123456,
      paid_cents: 0,
      balance_cents: 123456,
      status: "open",
      days_late: 150,
    });
    // Same SIREN, different spelling: the same client.
    expect(byNumber.get("F-2025-002")?.client_id).toBe(byNumber.get("F-2025-001")?.client_id);
    expect(byNumber.get("F-2025-002")).toMatchObject({
      paid_cents: 20000,
      balance_cents: 28000,
      status: "partially_paid",
    });
    // No due date: the organization's default terms (30 days) from the issue date.
    expect(byNumber.get("F-2025-003")).toMatchObject({
      due_date: "2025-02-19",
      status: "paid",
      total_cents: 240000,
    });
    expect(byNumber.get("F-2025-005")).toMatchObject({ total_cents: 1250000, paid_cents: 500000 });
    const consumer = await t.db
      .selectFrom("client")
      .select(["kind", "name"])
      .where("organization_id", "=", org.id)
      .where("name", "=", "Mme Hélène Bérard")
      .executeTakeFirstOrThrow();
    expect(consumer.kind).toBe("consumer");
    const consumerInvoice = await t.db
      .selectFrom("invoice")
      .select("indemnity_applies")
      .where("number", "=", "F-2025-004")
      .where("organization_id", "=", org.id)
      .executeTakeFirstOrThrow();
    expect(consumerInvoice.indemnity_applies).toBe(0);
    // The e-mail becomes the billing contact, once per client.
    const contacts = await t.db
      .selectFrom("contact")
      .select(["email", "is_billing"])
      .where("organization_id", "=", org.id)
      .orderBy("email")
      .execute();
    expect(contacts).toEqual([
      { email: "compta@dupont.fr", is_billing: 1 },
      { email: "gerant@cafe-gare.fr", is_billing: 1 },
      { email: "helene.berard@orange.fr", is_billing: 1 },
    ]);
    // The amount already paid is a payment allocated to its invoice, dated no later than the due date.
    const payment = await t.db
      .selectFrom("payment as p")
      .innerJoin("allocation as a", "a.payment_id", "p.id")
      .innerJoin("invoice as i", "i.id", "a.invoice_id")
      .select(["p.date", "p.amount_cents", "a.amount_cents as allocated"])
      .where("i.number", "=", "F-2025-002")
      .where("p.organization_id", "=", org.id)
      .executeTakeFirstOrThrow();
    expect(payment).toEqual({ date: "2025-02-14", amount_cents: 20000, allocated: 20000 });
  });

  it("re-importing the same file creates no duplicate and counts every row as skipped", async () => {
    const file = writeWindows1252(join(dir, "suivi-twice.csv"), FRENCH_SHEET);
    await importInvoices({ ctx, org, path: file });
    const before = await counts();
    const again = await importInvoices({ ctx, org, path: file });
    expect(again).toMatchObject({
      imported: 0,
      skipped: 5,
      clients_created: 0,
      payments_created: 0,
      error_count: 0,
    });
    expect(await counts()).toEqual(before);
  });

  it("refuses a broken file whole, naming every bad line and column, and changes nothing", async () => {
    const file = writeUtf8(
      join(dir, "casse.csv"),
      [
        "Numéro;Client;SIREN;Date d'émission;Échéance;Montant TTC",
        "F-1;Boulangerie Dupont;732829320;02/01/2025;31/01/2025;100,00",
        "F-2;Garage Martin;;02/01/2025;31/02/2025;100,00",
        "F-3;Garage Martin;;02/01/2025;15/02/2025;abc",
        "F-4;Garage Martin;123456789;02/01/2025;15/02/2025;10,00",
        "F-5;;;02/01/2025;15/02/2025;10,00",
        ...Array.from({ length: 3000 }, (_, i) => `G-${i};Client ${i};;02/01/2025;15/02/2025;10,00`),
      ].join("\n"),
    );
    const report = await importInvoices({ ctx, org, path: file });
    expect(report.imported).toBe(0);
    expect(report.error_count).toBe(4);
    expect(report.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "Échéance"],
      [4, "Montant TTC"],
      [5, "SIREN"],
      [6, "Client"],
    ]);
    expect(report.errors[0]?.message).toContain("31/02/2025");
    expect(await counts()).toEqual({ clients: 0, invoices: 0, payments: 0, contacts: 0 });
  });

  it("a dry run reports what it would do and writes nothing", async () => {
    const file = writeWindows1252(join(dir, "suivi-dry.csv"), FRENCH_SHEET);
    const report = await importInvoices({ ctx, org, path: file, dryRun: true });
    expect(report).toMatchObject({ imported: 5, skipped: 0, dry_run: true, clients_created: 4 });
    expect(await counts()).toEqual({ clients: 0, invoices: 0, payments: 0, contacts: 0 });
  });

  it("matches existing clients by SIREN, then by name, else creates them", async () => {
    const first = writeUtf8(
      join(dir, "a.csv"),
      "Numéro;Client;SIREN;Échéance;Montant TTC\nA-1;Menuiserie Roux;;31/01/2025;10,00\nA-2;Atelier Bleu;732829320;31/01/2025;10,00\n",
    );
    await importInvoices({ ctx, org, path: first });
    const second = writeUtf8(
      join(dir, "b.csv"),
      [
        "Numéro;Client;SIREN;Échéance;Montant TTC",
        "B-1;MENUISERIE ROUX SARL;;31/01/2025;10,00", // by name
        "B-2;Atelier Bleu (nouveau nom);732829320;31/01/2025;10,00", // by SIREN
        "B-3;Menuiserie Roux;552081317;31/01/2025;10,00", // the name matches a client without SIREN
        "B-4;Atelier Bleu;552100554;31/01/2025;10,00", // same name, another SIREN: another company
      ].join("\n"),
    );
    const report = await importInvoices({ ctx, org, path: second });
    expect(report).toMatchObject({ imported: 4, clients_created: 1 });
    const rows = await t.db
      .selectFrom("invoice as i")
      .innerJoin("client as c", "c.id", "i.client_id")
      .select(["i.number", "c.name", "c.siren"])
      .where("i.organization_id", "=", org.id)
      .orderBy("i.number")
      .execute();
    const clientOf = Object.fromEntries(rows.map((r) => [r.number, `${r.name}|${r.siren ?? ""}`]));
    expect(clientOf["B-1"]).toBe(clientOf["A-1"]);
    expect(clientOf["B-2"]).toBe(clientOf["A-2"]);
    expect(clientOf["B-3"]).toBe(clientOf["A-1"]);
    expect(clientOf["B-4"]).toBe("Atelier Bleu|552100554");
  });

  it("refuses a missing file with a clear error", async () => {
    const report = await importInvoices({ ctx, org, path: join(dir, "absent.csv") });
    expect(report).toMatchObject({ imported: 0, error_count: 1 });
    expect(report.errors[0]).toMatchObject({ line: 0, code: "file.not_found" });
  });

  it("refuses a row repeated in the file, even past the first batch, and rolls back every batch", async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => `R-${i};Client ${i % 7};31/01/2025;10,00`);
    rows.push("R-3;Client 3;31/01/2025;10,00");
    const file = writeUtf8(
      join(dir, "repeated.csv"),
      ["Numéro;Client;Échéance;Montant TTC", ...rows].join("\n"),
    );
    const report = await importInvoices({ ctx, org, path: file });
    expect(report.error_count).toBe(1);
    expect(report.errors[0]).toMatchObject({
      line: 2502,
      column: "Numéro",
      code: "import.duplicate_in_file",
    });
    expect(await counts()).toEqual({ clients: 0, invoices: 0, payments: 0, contacts: 0 });
  });

  it("refuses a payment date in the future or before the issue date", async () => {
    const file = writeUtf8(
      join(dir, "paid-dates.csv"),
      [
        "Numéro;Client;Date d'émission;Échéance;Montant TTC;Payé;Date de paiement",
        "P-1;Client;02/01/2025;31/01/2025;10,00;10,00;15/07/2025",
        "P-2;Client;02/01/2025;31/01/2025;10,00;10,00;01/01/2025",
      ].join("\n"),
    );
    const report = await importInvoices({ ctx, org, path: file });
    expect(report.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [2, "Date de paiement", "payment.date_in_future"],
      [3, "Date de paiement", "payment.date_before_issue"],
    ]);
    expect(await counts()).toEqual({ clients: 0, invoices: 0, payments: 0, contacts: 0 });
  });

  it("keeps each organization's import to itself", async () => {
    const file = writeWindows1252(join(dir, "suivi-orgs.csv"), FRENCH_SHEET);
    const other = await testOrganization(ctx, `Other ${Math.random()}`);
    await importInvoices({ ctx, org: other, path: file });
    const report = await importInvoices({ ctx, org, path: file });
    expect(report).toMatchObject({ imported: 5, skipped: 0, clients_created: 4 });
    expect((await listInvoices({ ctx, org })).length).toBe(5);
  });
});
