import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { AppError } from "../../src/app/errors.js";
import { importInvoices } from "../../src/app/invoices/import-invoices.js";
import { importUpload } from "../../src/app/invoices/import-upload.js";
import { previewImport } from "../../src/app/invoices/preview-import.js";
import type { Organization } from "../../src/db/schema.js";
import { EINVOICE_SAMPLES } from "../../src/formats/einvoice/test-samples.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { tempDir } from "../support/files.js";

const SAMPLES = EINVOICE_SAMPLES ?? "";

describe.skipIf(!EINVOICE_SAMPLES).each(testDialects())("importing e-invoices on %s", (dialect) => {
  let t: TestDatabase;
  let ctx: AppContext;
  let org: Organization;
  const dir = tempDir();

  /** A sample under a name that says nothing of its format: detection is by content. */
  const copy = (name: string, as = `${name}.bin`) => {
    const path = join(dir, as);
    copyFileSync(join(SAMPLES, name), path);
    return path;
  };
  const rows = async () => ({
    invoices: await t.db
      .selectFrom("invoice")
      .selectAll()
      .where("organization_id", "=", org.id)
      .orderBy("number")
      .execute(),
    clients: await t.db.selectFrom("client").selectAll().where("organization_id", "=", org.id).execute(),
    payments: await t.db.selectFrom("payment").selectAll().where("organization_id", "=", org.id).execute(),
    actions: await t.db.selectFrom("action").select("id").where("organization_id", "=", org.id).execute(),
  });

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  beforeEach(async () => {
    ctx = testContext(t);
    org = await testOrganization(ctx, `Org ${Math.random()}`);
  });
  afterAll(async () => t?.drop());

  it("imports a Factur-X BASIC WL PDF: client by SIREN with VAT and address, totals, the prepaid amount", async () => {
    const report = await importInvoices({ ctx, org, path: copy("Facture_FR_BASICWL.pdf") });
    expect(report).toMatchObject({
      imported: 1,
      skipped: 0,
      error_count: 0,
      clients_created: 1,
      payments_created: 1,
    });
    expect(report.warnings.map((w) => w.code)).toEqual(["import.warning.prepaid"]);
    const { invoices, clients, payments } = await rows();
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({
      number: "FA-2017-0010",
      kind: "invoice",
      issue_date: "2017-11-13",
      due_date: "2017-12-13",
      currency: "EUR",
      total_ht_cents: 62490,
      total_vat_cents: 4625,
      total_ttc_cents: 67115,
      paid_cents: 20100,
      status: "partially_paid",
      source: "e-invoice",
    });
    expect(Number(invoices[0]?.total_ttc_cents)).toBe(67115);
    expect(clients[0]).toMatchObject({
      name: "Ma jolie boutique",
      kind: "business",
      siren: "787878784",
      vat_number: "FR19787878784",
      address: "35 rue de la République",
      postal_code: "69001",
      city: "Lyon",
      country: "FR",
    });
    expect(payments[0]).toMatchObject({ date: "2017-11-13", source: "import" });
    expect(Number(payments[0]?.amount_cents)).toBe(20100);

    // Imported again: skipped, nothing new, no warning repeated.
    const again = await importInvoices({ ctx, org, path: copy("Facture_FR_BASICWL.pdf", "again.pdf") });
    expect(again).toMatchObject({
      imported: 0,
      skipped: 1,
      error_count: 0,
      clients_created: 0,
      payments_created: 0,
    });
    expect(again.warnings).toEqual([]);
    expect((await rows()).invoices).toHaveLength(1);
  });

  it("imports a MINIMUM PDF without due date: the default terms fill it, and the report says so", async () => {
    const report = await importInvoices({ ctx, org, path: copy("Facture_UE_MINIMUM.pdf") });
    expect(report).toMatchObject({ imported: 1, error_count: 0, clients_created: 1 });
    expect(report.warnings.map((w) => w.code)).toEqual([
      "import.warning.default_due_date",
      "import.warning.prepaid",
    ]);
    expect(report.warnings[0]?.message).toBe(
      "Facture FA-2017-0008 sans date d'échéance : échéance fixée au 03/12/2017 selon vos conditions de paiement par défaut",
    );
    const { invoices, clients } = await rows();
    expect(invoices[0]).toMatchObject({ due_date: "2017-12-03", status: "partially_paid" });
    expect(Number(invoices[0]?.total_ttc_cents)).toBe(207676);
    expect(Number(invoices[0]?.paid_cents)).toBe(207676 - 145376);
    expect(clients[0]).toMatchObject({
      name: "Me gusta olive",
      siren: null,
      vat_number: "ESA12345674",
      country: "ES",
    });
  });

  it("imports the XRechnung CII and UBL samples as one invoice of one client", async () => {
    const cii = await importInvoices({ ctx, org, path: copy("XRECHNUNG_Einfach.cii.xml", "rechnung") });
    expect(cii).toMatchObject({ imported: 1, clients_created: 1, payments_created: 0 });
    expect(cii.warnings.map((w) => w.code)).toEqual(["import.warning.default_due_date"]);
    const ubl = await importInvoices({ ctx, org, path: copy("XRECHNUNG_Einfach.ubl.xml", "rechnung.csv") });
    expect(ubl).toMatchObject({ imported: 0, skipped: 1, clients_created: 0, error_count: 0 });
    const { invoices, clients } = await rows();
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({
      number: "471102",
      issue_date: "2024-11-15",
      delivery_date: "2024-11-14",
      due_date: "2024-12-15",
      status: "open",
    });
    expect(
      [invoices[0]?.total_ht_cents, invoices[0]?.total_vat_cents, invoices[0]?.total_ttc_cents].map(Number),
    ).toEqual([47300, 5687, 52987]);
    expect(clients).toHaveLength(1);
    expect(clients[0]).toMatchObject({ name: "Kunden AG Mitte", city: "Frankfurt", country: "DE" });
    const contacts = await t.db
      .selectFrom("contact")
      .select("email")
      .where("organization_id", "=", org.id)
      .execute();
    expect(contacts.map((c) => c.email)).toEqual(["info@kunde.de"]);
  });

  it("imports a credit note (381) as a negative credit_note applied to the invoice it corrects", async () => {
    await importInvoices({ ctx, org, path: copy("XRECHNUNG_Einfach.cii.xml") });
    const credit = readFileSync(join(SAMPLES, "XRECHNUNG_Einfach.cii.xml"), "utf8")
      .replace("<ram:ID>471102</ram:ID>", "<ram:ID>AV-471102</ram:ID>")
      .replace("<ram:TypeCode>380</ram:TypeCode>", "<ram:TypeCode>381</ram:TypeCode>")
      .replace(
        "<ram:InvoiceCurrencyCode>",
        "<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>471102</ram:IssuerAssignedID></ram:InvoiceReferencedDocument><ram:InvoiceCurrencyCode>",
      );
    const path = join(dir, `avoir-${dialect}.xml`);
    writeFileSync(path, credit);
    const report = await importInvoices({ ctx, org, path });
    expect(report).toMatchObject({ imported: 1, error_count: 0, clients_created: 0 });
    const { invoices } = await rows();
    const [note, invoice] = [
      invoices.find((i) => i.number === "AV-471102"),
      invoices.find((i) => i.number === "471102"),
    ];
    expect(note).toMatchObject({
      kind: "credit_note",
      status: "paid",
      credited_invoice_id: invoice?.id,
      next_action_on: null,
    });
    expect([note?.total_ttc_cents, note?.total_ht_cents, note?.credited_cents].map(Number)).toEqual([
      -52987, -47300, -52987,
    ]);
    expect(invoice).toMatchObject({ status: "paid", next_action_on: null });
    expect(Number(invoice?.credited_cents)).toBe(52987);
  });

  it("refuses malformed XML and a PDF without an embedded invoice, writing nothing", async () => {
    const before = await rows();
    const broken = join(dir, "broken.xml");
    writeFileSync(
      broken,
      readFileSync(join(SAMPLES, "XRECHNUNG_Einfach.ubl.xml"), "utf8").replace(
        "</cbc:IssueDate>",
        "</cbc:IssueDat>",
      ),
    );
    const r1 = await importInvoices({ ctx, org, path: broken });
    expect(r1).toMatchObject({ imported: 0, error_count: 1, warnings: [] });
    expect(r1.errors[0]).toMatchObject({ code: "einvoice.malformed_xml", line: 6 });
    expect(r1.errors[0]?.message).toContain("XML mal formé");

    const pdf = join(dir, "plain.pdf");
    writeFileSync(
      pdf,
      "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
    );
    const r2 = await importInvoices({ ctx, org, path: pdf, locale: "en" });
    expect(r2.errors).toEqual([
      expect.objectContaining({
        code: "einvoice.pdf_no_invoice",
        column: "PDF",
        message: expect.stringContaining("factur-x.xml"),
      }),
    ]);
    expect(await rows()).toEqual(before);
  });

  it("a dry run reads the e-invoice and writes nothing", async () => {
    const report = await importInvoices({ ctx, org, path: copy("Facture_FR_BASICWL.pdf"), dryRun: true });
    expect(report).toMatchObject({ imported: 1, dry_run: true, error_count: 0 });
    expect((await rows()).invoices).toHaveLength(0);
  });

  it("the upload import and preview take e-invoices by content, whatever their name", async () => {
    const content = readFileSync(join(SAMPLES, "Facture_UE_MINIMUM.pdf"));
    const preview = await previewImport({ ctx, file: { filename: "scan.txt", content } });
    expect(preview.rows[0]?.slice(0, 2)).toEqual(["FA-2017-0008", "Me gusta olive"]);
    expect(preview.headers).toEqual([
      "Numéro",
      "Client",
      "Date d'émission",
      "Échéance",
      "Montant TTC",
      "Montant HT",
      "TVA",
      "Déjà payé",
    ]);
    expect(preview.rows[0]?.slice(3)).toEqual(["", "2076.76", "2076.76", "0.00", "623.00"]);
    expect(preview.mapping["Montant TTC"]).toBe("total");
    const report = await importUpload({
      ctx,
      org,
      userId: (await ownerId()) as string,
      file: { filename: "facture.pdf", content },
    });
    expect(report).toMatchObject({ imported: 1, error_count: 0 });
    expect(report.warnings.map((w) => w.code)).toContain("import.warning.default_due_date");
    const bad = importUpload({
      ctx,
      org,
      userId: (await ownerId()) as string,
      file: { filename: "facture.xml", content: Buffer.from("<Invoice><cbc:ID>1</Invoice>") },
    });
    await expect(bad).rejects.toBeInstanceOf(AppError);
    await expect(bad).rejects.toMatchObject({ code: "invalid_input" });
    expect((await rows()).invoices).toHaveLength(1);
  });

  const ownerId = async () =>
    (
      await t.db
        .selectFrom("membership")
        .select("user_id")
        .where("organization_id", "=", org.id)
        .executeTakeFirst()
    )?.user_id ?? null;
});
