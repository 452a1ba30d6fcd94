import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { createInvoice } from "../../src/app/invoices/create-invoice.js";
import { invoiceEpcPayload, makeInvoicePdf } from "../../src/app/invoices/invoice-pdf.js";
import { writeInvoicePdf } from "../../src/cli/invoice-pdf-file.js";
import type { Organization } from "../../src/db/schema.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient } from "../support/factories.js";
import { pdfText } from "../support/pdf-text.js";

const IBAN = "FR7630006000011234567890189";

describe("the EPC QR code of an invoice (EPC069-12)", () => {
  it("carries, one field a line: BCD, 002, 1, SCT, BIC, name, IBAN, EUR amount, purpose, reference, text", () => {
    const payload = invoiceEpcPayload(
      { name: "Atelier Martin", iban: IBAN, bic: "AGRIFRPP" },
      "F-2026-0042",
      80_700,
    );
    expect(payload?.split("\n")).toEqual([
      "BCD",
      "002",
      "1",
      "SCT",
      "AGRIFRPP",
      "Atelier Martin",
      IBAN,
      "EUR807.00",
      "", // purpose: none
      "", // structured reference: only ISO 11649 « RF », so the number goes in the text
      "F-2026-0042",
    ]);
  });

  it("leaves the BIC out when there is none, cuts the name to 70 characters", () => {
    const long = "A".repeat(80);
    const fields = invoiceEpcPayload({ name: long, iban: IBAN, bic: null }, "F-1", 1)?.split("\n");
    expect(fields?.[4]).toBe("");
    expect(fields?.[5]).toBe("A".repeat(70));
    expect(fields?.[7]).toBe("EUR0.01");
  });

  it("makes no code without an IBAN, with nothing to pay, or with a bad IBAN", () => {
    expect(invoiceEpcPayload({ name: "X", iban: null, bic: null }, "F-1", 100)).toBeNull();
    expect(invoiceEpcPayload({ name: "X", iban: IBAN, bic: null }, "F-1", 0)).toBeNull();
    expect(
      invoiceEpcPayload({ name: "X", iban: "FR7630006000011234567890180", bic: null }, "F-1", 100),
    ).toBeNull();
  });
});

describe.each(testDialects())("the issued invoice PDF on %s", (dialect) => {
  let t: TestDatabase;
  let ctx: AppContext;
  let org: Organization;
  const work = mkdtempSync(join(tmpdir(), "relance-invoice-pdf-"));

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    ctx = testContext(t);
    org = await testOrganization(ctx);
    await ctx.db
      .updateTable("organization")
      .set({
        iban: IBAN,
        bic: "AGRIFRPP",
        settings: JSON.stringify({ operation_category: "services", vat_on_debits: true }),
      })
      .where("id", "=", org.id)
      .execute();
    org = await ctx.db
      .selectFrom("organization")
      .selectAll()
      .where("id", "=", org.id)
      .executeTakeFirstOrThrow();
  });
  afterAll(async () => {
    await t?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it("prints the nature of the operation and the VAT-on-debits option, and codes the exact balance", async () => {
    const client = await makeClient(ctx, org, { name: "Boulangerie Dupont", siren: "732829320" });
    const invoice = await createInvoice({
      ctx,
      org,
      userId: null,
      input: {
        client_id: client,
        issue_date: "2025-06-02",
        lines: [{ description: "Audit", quantity_milli: 2500, unit_price_cents: 33_333, vat_rate_bp: 2000 }],
      },
    });
    const made = await makeInvoicePdf({ ctx, org, id: invoice.id });
    expect(made.filename).toBe(`facture-${invoice.number}.pdf`);
    expect(made.qr_payload?.split("\n")[7]).toBe(`EUR${(invoice.balance_cents / 100).toFixed(2)}`);
    expect(made.qr_payload?.split("\n")[10]).toBe(invoice.number);
    const text = (await pdfText(made.pdf)).replace(/\s+/g, " ");
    expect(text).toContain("Nature de l'opération : Prestation de services");
    expect(text).toContain("Option pour le paiement de la taxe d'après les débits");
    expect(text).toContain("SIREN 732829320");

    // the command's file, by number; an unknown number is not found
    const out = join(work, "facture.pdf");
    const written = await writeInvoicePdf({ ctx, org, number: invoice.number, file: out });
    expect(written.number).toBe(invoice.number);
    expect(await pdfText(readFileSync(out))).toContain(`Facture n° ${invoice.number}`);
    await expect(
      writeInvoicePdf({ ctx, org, number: "F-404", file: join(work, "x.pdf") }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
