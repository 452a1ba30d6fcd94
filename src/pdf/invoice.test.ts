import { describe, expect, it } from "vitest";
import { pdfText } from "../../test/support/pdf-text.js";
import { type InvoicePdfInput, renderInvoice } from "./invoice.js";

function input(over: Partial<InvoicePdfInput["invoice"]> = {}, locale: "fr" | "en" = "fr"): InvoicePdfInput {
  return {
    locale,
    date: "2026-11-26",
    seller: {
      name: "Atelier Martin",
      siren: "552100554",
      siret: "55210055400013",
      vat_number: "FR96552100554",
      address_lines: ["12 rue de la République", "69002 Lyon"],
      iban: "FR7630006000011234567890189",
      bic: "AGRIFRPP",
    },
    buyer: {
      kind: "business",
      name: "Boulangerie Dupont SAS",
      siren: "732829320",
      address_lines: ["4 place Bellecour", "69002 Lyon"],
      delivery_address_lines: ["Entrepôt", "8 rue Garibaldi", "69006 Lyon"],
    },
    invoice: {
      number: "F-2026-0042",
      kind: "invoice",
      issue_date: "2026-08-14",
      delivery_date: "2026-08-10",
      due_date: "2026-09-13",
      operation_category: "goods",
      vat_on_debits: false,
      lines: [
        {
          description: "Chauffe-eau",
          quantity_milli: 1000,
          unit_price_cents: 85000,
          vat_rate_bp: 550,
          total_ht_cents: 85000,
        },
      ],
      total_ht_cents: 85000,
      total_vat_cents: 4675,
      total_ttc_cents: 89675,
      vat_breakdown: [{ rate_bp: 550, base_cents: 85000, vat_cents: 4675 }],
      vat_franchise: false,
      penalty_rate_label: "taux de refinancement de la BCE majoré de 10 points",
      indemnity_applies: true,
      ...over,
    },
    balance_cents: 89675,
    payment_reference: "F-2026-0042",
    qr_png: null,
  };
}
const text = async (i: InvoicePdfInput) => (await pdfText(await renderInvoice(i))).replace(/\s+/g, " ");

describe("the issued invoice PDF", () => {
  it("prints the delivery address, the nature of the operation and the VAT per rate", async () => {
    const t = await text(input());
    expect(t).toContain("Adresse de livraison : Entrepôt 8 rue Garibaldi 69006 Lyon");
    expect(t).toContain("Nature de l'opération : Livraison de biens.");
    expect(t).toContain("TVA 5,5 % sur 850,00 € 46,75 €");
    expect(t).toContain("Net à payer 896,75 €");
    expect(t).not.toContain("débits");
    expect(t).not.toContain("DUPLICATA");
  });

  it("under the franchise: the 293 B mention, no VAT line nor VAT-on-debits option", async () => {
    const t = await text(
      input({
        vat_franchise: true,
        vat_on_debits: true,
        lines: [
          {
            description: "Site",
            quantity_milli: 1000,
            unit_price_cents: 85000,
            vat_rate_bp: 0,
            total_ht_cents: 85000,
          },
        ],
        total_vat_cents: 0,
        total_ttc_cents: 85000,
        vat_breakdown: [{ rate_bp: 0, base_cents: 85000, vat_cents: 0 }],
      }),
    );
    expect(t).toContain("TVA non applicable, art. 293 B du CGI.");
    expect(t).not.toContain("TVA 0 %");
    expect(t).not.toContain("débits");
  });

  it("reads in English with the French legal names", async () => {
    const t = await text(input({ vat_on_debits: true, operation_category: "services" }, "en"));
    expect(t).toContain("Invoice no. F-2026-0042");
    expect(t).toContain("Nature of the operation: Supply of services.");
    expect(t).toContain("option pour le paiement de la taxe d'après les débits");
    expect(t).toContain("indemnité forfaitaire pour frais de recouvrement");
    expect(t).toContain("No discount for early payment");
  });

  it("is deterministic", async () => {
    expect((await renderInvoice(input())).equals(await renderInvoice(input()))).toBe(true);
  });
});
