import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { AppError } from "../../src/app/errors.js";
import { createInvoice } from "../../src/app/invoices/create-invoice.js";
import { exportEInvoiceXml } from "../../src/app/invoices/export-einvoice.js";
import { importInvoices } from "../../src/app/invoices/import-invoices.js";
import { issueCreditNote } from "../../src/app/invoices/issue-credit-note.js";
import { makeFacturX } from "../../src/app/invoices/make-facturx.js";
import { createPayment } from "../../src/app/payments/create-payment.js";
import { acceptQuote } from "../../src/app/quotes/accept-quote.js";
import { createFinalInvoice } from "../../src/app/quotes/create-final-invoice.js";
import { createQuote } from "../../src/app/quotes/create-quote.js";
import { sendQuote } from "../../src/app/quotes/send-quote.js";
import { writeEInvoiceXmlFile, writeFacturXFile } from "../../src/cli/einvoice-file.js";
import type { Organization } from "../../src/db/schema.js";
import { readEInvoice } from "../../src/formats/einvoice/read-einvoice.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";
import { pdfText } from "../support/pdf-text.js";

const NAME = `Dupont & Fils <"Boulangerie"> l'artisan`;

describe.each(testDialects())("Factur-X and UBL written by Relance on %s", (dialect) => {
  let t: TestDatabase;
  let ctx: AppContext;
  let org: Organization;
  let client: string;
  const work = mkdtempSync(join(tmpdir(), "relance-einvoice-out-"));

  /** Imports `bytes` as a file into a fresh organization, through the full `import invoices` path. */
  async function importElsewhere(bytes: Buffer, name: string) {
    const other = await testOrganization(ctx, `Destinataire ${Math.random()}`);
    const path = join(work, name);
    writeFileSync(path, bytes);
    const report = await importInvoices({ ctx, org: other, path });
    const invoices = await t.db
      .selectFrom("invoice")
      .selectAll()
      .where("organization_id", "=", other.id)
      .orderBy("number")
      .execute();
    const clients = await t.db
      .selectFrom("client")
      .selectAll()
      .where("organization_id", "=", other.id)
      .execute();
    return { report, invoices, clients };
  }

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    ctx = testContext(t);
    org = await testOrganization(ctx);
    await ctx.db
      .updateTable("organization")
      .set({
        siren: "552100554",
        vat_number: "FR96552100554",
        address: "12 rue de la République",
        postal_code: "69002",
        city: "Lyon",
        iban: "FR7630006000011234567890189",
        bic: "AGRIFRPP",
      })
      .where("id", "=", org.id)
      .execute();
    org = await ctx.db
      .selectFrom("organization")
      .selectAll()
      .where("id", "=", org.id)
      .executeTakeFirstOrThrow();
    client = await makeClient(ctx, org, { name: NAME, siren: "732829320" });
    await ctx.db
      .updateTable("client")
      .set({ vat_number: "FR44732829320", address: "4 place Bellecour", postal_code: "69002", city: "Lyon" })
      .where("id", "=", client)
      .execute();
  });
  afterAll(async () => {
    await t?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  const issue = (
    number: string,
    lines: Parameters<typeof createInvoice>[0]["input"]["lines"],
    kind?: "deposit",
  ) =>
    createInvoice({
      ctx,
      org,
      userId: null,
      input: {
        client_id: client,
        number,
        issue_date: "2025-06-02",
        delivery_date: "2025-05-30",
        due_date: "2025-07-02",
        lines,
        ...(kind ? { kind } : {}),
      },
    });

  it("writes a Factur-X PDF/A-3b that imports back to the same invoice (the issue's round trip)", async () => {
    const invoice = await issue("F-2025-0101", [
      {
        description: 'Pose <chauffe-eau> & raccord "rapide"',
        quantity_milli: 1000,
        unit_price_cents: 85_000,
        vat_rate_bp: 1000,
      },
      {
        description: "Déplacement",
        quantity_milli: 1500,
        unit_price_cents: 3_333,
        vat_rate_bp: 2000,
        discount_cents: 100,
      },
    ]);
    await createPayment({
      ctx,
      org,
      userId: null,
      input: {
        date: "2025-06-10",
        amount_cents: 10_000,
        method: "transfer",
        allocations: [{ invoice_id: invoice.id, amount_cents: 10_000 }],
      },
    });
    const made = await makeFacturX({ ctx, org, id: invoice.id });
    expect(made.filename).toBe("factur-x-F-2025-0101.pdf");
    expect((await makeFacturX({ ctx, org, id: invoice.id })).pdf.equals(made.pdf)).toBe(true);

    // the reader finds the same invoice in it
    const read = readEInvoice(made.pdf);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.invoice).toMatchObject({
      syntax: "cii",
      profile: "urn:cen.eu:en16931:2017",
      number: "F-2025-0101",
      kind: "invoice",
      issueDate: "2025-06-02",
      dueDate: "2025-07-02",
      deliveryDate: "2025-05-30",
      totalHtCents: invoice.total_ht_cents,
      totalVatCents: invoice.total_vat_cents,
      totalTtcCents: invoice.total_cents,
      prepaidCents: 10_000,
      duePayableCents: invoice.total_cents - 10_000,
      seller: { name: "Plomberie Martin", siren: "552100554", vatNumber: "FR96552100554" },
      buyer: { name: NAME, siren: "732829320", vatNumber: "FR44732829320" },
    });

    // the full import path, into another organization
    const back = await importElsewhere(made.pdf, "facture.pdf");
    expect(back.report).toMatchObject({ imported: 1, error_count: 0, clients_created: 1 });
    expect(back.invoices[0]).toMatchObject({
      number: "F-2025-0101",
      kind: "invoice",
      issue_date: "2025-06-02",
      due_date: "2025-07-02",
      delivery_date: "2025-05-30",
      source: "e-invoice",
      paid_cents: 10_000,
    });
    expect(Number(back.invoices[0]?.total_ttc_cents)).toBe(invoice.total_cents);
    expect(Number(back.invoices[0]?.total_ht_cents)).toBe(invoice.total_ht_cents);
    expect(Number(back.invoices[0]?.total_vat_cents)).toBe(invoice.total_vat_cents);
    expect(back.clients[0]).toMatchObject({ name: NAME, siren: "732829320" });

    // the PDF: parsed by pdfjs, the attachment, the XMP (PDF/A part 3, the fx schema), the embedded fonts
    const pdf = await getDocument({ data: new Uint8Array(made.pdf), verbosity: 0 }).promise;
    const attachments = (await pdf.getAttachments()) as Record<
      string,
      { filename: string; content: Uint8Array }
    >;
    expect(Object.keys(attachments)).toEqual(["factur-x.xml"]);
    expect(Buffer.from(attachments["factur-x.xml"]?.content ?? []).equals(made.xml)).toBe(true);
    const meta = await pdf.getMetadata();
    const xmp = (meta.metadata as unknown as { getRaw(): string } | null)?.getRaw() ?? "";
    expect(xmp).toContain("<pdfaid:part>3</pdfaid:part>");
    expect(xmp).toContain("<pdfaid:conformance>B</pdfaid:conformance>");
    expect(xmp).toContain('xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#"');
    expect(xmp).toContain("<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>");
    expect(xmp).toContain("<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>");
    const raw = made.pdf.toString("latin1");
    expect(raw.startsWith("%PDF-1.7")).toBe(true);
    expect(raw).toContain("/AFRelationship /Alternative");
    expect(raw).toContain("/Subtype /text#2Fxml");
    expect(raw).toContain("/OutputIntents");
    expect(raw).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(raw).not.toContain("/BaseFont /Helvetica");
    // the same invoice as the plain PDF shows it
    const shown = (await pdfText(made.pdf)).replace(/\s+/g, " ");
    expect(shown).toContain("Facture n° F-2025-0101");
    expect(shown).toContain("indemnité forfaitaire pour frais de recouvrement de 40 €");

    // and the CLI's files
    const out = await writeFacturXFile({ ctx, org, number: "F-2025-0101", file: join(work, "fx.pdf") });
    expect(out.size_bytes).toBe(made.pdf.length);
  });

  it("writes UBL that imports back to the same invoice, and refuses an unknown syntax", async () => {
    const invoice = await issue("F-2025-0102", [
      { description: "Audit", quantity_milli: 2500, unit_price_cents: 33_333, vat_rate_bp: 2000 },
    ]);
    const { xml } = await exportEInvoiceXml({ ctx, org, id: invoice.id, syntax: "ubl" });
    expect(xml.toString("utf8")).toContain(
      '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"',
    );
    expect(xml.toString("utf8")).toContain(
      "Dupont &amp; Fils &lt;&quot;Boulangerie&quot;&gt; l&apos;artisan",
    );
    const back = await importElsewhere(xml, "facture.xml");
    expect(back.report).toMatchObject({ imported: 1, error_count: 0 });
    expect(back.invoices[0]).toMatchObject({
      number: "F-2025-0102",
      kind: "invoice",
      issue_date: "2025-06-02",
    });
    expect(Number(back.invoices[0]?.total_ttc_cents)).toBe(invoice.total_cents);
    expect(back.clients[0]).toMatchObject({ name: NAME, siren: "732829320" });
    await expect(
      writeEInvoiceXmlFile({ ctx, org, number: "F-2025-0102", file: join(work, "x.xml"), syntax: "pdf" }),
    ).rejects.toMatchObject({ code: "invalid_input", messageCode: "einvoice_out.syntax" });
  });

  it("writes a credit note (381) in both syntaxes: it imports back as a credit note on its invoice", async () => {
    const invoice = await issue("F-2025-0103", [
      { description: "Travaux", quantity_milli: 1000, unit_price_cents: 100_000, vat_rate_bp: 2000 },
      { description: "Fournitures", quantity_milli: 1000, unit_price_cents: 20_000, vat_rate_bp: 550 },
    ]);
    const credit = await issueCreditNote({
      ctx,
      org,
      userId: null,
      invoiceId: invoice.id,
      input: { issue_date: "2025-06-20", amount_cents: 30_000, reason: "Remise commerciale & geste" },
    });
    for (const syntax of ["cii", "ubl"] as const) {
      const { xml } = await exportEInvoiceXml({ ctx, org, id: credit.id, syntax });
      const read = readEInvoice(xml);
      if (!read.ok) throw new Error(JSON.stringify(read.problems));
      expect(read.invoice).toMatchObject({
        kind: "credit_note",
        typeCode: "381",
        number: credit.number,
        issueDate: "2025-06-20",
        precedingInvoice: "F-2025-0103",
        totalTtcCents: 30_000,
        totalHtCents: -(credit.total_ht_cents ?? 0),
        totalVatCents: -(credit.total_vat_cents ?? 0),
      });
    }
    const fx = await makeFacturX({ ctx, org, id: credit.id });
    const back = await importElsewhere(fx.pdf, "avoir.pdf");
    expect(back.report).toMatchObject({ imported: 1, error_count: 0 });
    expect(back.invoices[0]).toMatchObject({ number: credit.number, kind: "credit_note" });
    expect(Number(back.invoices[0]?.total_ttc_cents)).toBe(-30_000);
  });

  it("writes a deposit invoice as type 386", async () => {
    const deposit = await issue(
      "AC-2025-0001",
      [
        {
          description: "Acompte de 30 % sur le devis D-1",
          quantity_milli: 1000,
          unit_price_cents: 30_000,
          vat_rate_bp: 2000,
        },
      ],
      "deposit",
    );
    const { xml } = await exportEInvoiceXml({ ctx, org, id: deposit.id, syntax: "cii" });
    expect(xml.toString("utf8")).toContain("<ram:TypeCode>386</ram:TypeCode>");
    const back = await importElsewhere((await makeFacturX({ ctx, org, id: deposit.id })).pdf, "acompte.pdf");
    expect(back.invoices[0]).toMatchObject({ number: "AC-2025-0001", kind: "deposit" });
  });

  it("writes a quote's deposit (386) and final invoice, whose VAT by subtraction is a cent off base × rate", async () => {
    // 10.03 HT at 20 %, 30 % deposit: deposit 3.01 + 0.60; final 7.02 HT and 2.01 − 0.60 = 1.41 VAT (not 1.40)
    const quote = await createQuote({
      ctx,
      org,
      userId: null,
      input: {
        client_id: client,
        number: "D-9",
        issue_date: "2025-06-20",
        valid_until: "2025-07-20",
        deposit_percent: 30,
        lines: [{ description: "Réglage", quantity_milli: 1000, unit_price_cents: 1_003, vat_rate_bp: 2000 }],
      },
    });
    await sendQuote({ ctx, org, userId: null, id: quote.id, email: false });
    await acceptQuote({ ctx, org, userId: null, id: quote.id });
    const final = await createFinalInvoice({ ctx, org, userId: null, quoteId: quote.id });
    expect(final.total_vat_cents).toBe(141);
    const { xml } = await exportEInvoiceXml({ ctx, org, id: final.id, syntax: "cii" });
    const text = xml.toString("utf8");
    expect(text).toContain('<ram:BilledQuantity unitCode="C62">-1</ram:BilledQuantity>');
    expect(text).toContain("<ram:CalculatedAmount>1.41</ram:CalculatedAmount>");
    const read = readEInvoice(xml);
    expect(read.ok && read.invoice).toMatchObject({
      totalHtCents: 702,
      totalVatCents: 141,
      totalTtcCents: 843,
    });
    const deposits = await t.db
      .selectFrom("invoice")
      .select(["id", "kind"])
      .where("organization_id", "=", org.id)
      .where("quote_id", "=", quote.id)
      .where("kind", "=", "deposit")
      .execute();
    const deposit = await exportEInvoiceXml({ ctx, org, id: deposits[0]?.id ?? "", syntax: "ubl" });
    const readDeposit = readEInvoice(deposit.xml);
    expect(readDeposit.ok && readDeposit.invoice).toMatchObject({ kind: "deposit", totalTtcCents: 361 });
  });

  it("refuses an invoice without lines (409) and one whose totals were tampered with, writing nothing", async () => {
    const imported = await makeInvoice(ctx, org, client, { number: "IMP-1", total_cents: 12_000 });
    await expect(makeFacturX({ ctx, org, id: imported })).rejects.toMatchObject({
      code: "conflict",
      messageCode: "einvoice_out.not_issued",
    });
    const invoice = await issue("F-2025-0104", [
      { description: "Audit", quantity_milli: 1000, unit_price_cents: 50_000, vat_rate_bp: 2000 },
    ]);
    await ctx.db
      .updateTable("invoice")
      .set({
        total_ttc_cents: invoice.total_cents + 100,
        total_vat_cents: (invoice.total_vat_cents ?? 0) + 100,
      })
      .where("id", "=", invoice.id)
      .execute();
    const refused = await exportEInvoiceXml({ ctx, org, id: invoice.id, syntax: "cii" }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "conflict", messageCode: "einvoice_out.refused" });
    expect((refused as AppError).localized("fr")).toContain("BR-CO-14");
    expect((refused as AppError).localized("en")).toContain("the totals do not add up");
    await expect(makeFacturX({ ctx, org, id: invoice.id })).rejects.toMatchObject({ code: "conflict" });
  });
});
