import { mkdirSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pdfPages, pdfText } from "../../test/support/pdf-text.js";
import { cents, formatEuros } from "../core/money.js";
import { type DuplicateInput, renderInvoiceDuplicate } from "./invoice-duplicate.js";

const fr = (n: number) => formatEuros(cents(n), "fr").replace(/[\u202F\u00A0]/g, " ");

function input(over: Partial<DuplicateInput> = {}): DuplicateInput {
  return {
    locale: "fr",
    date: "2026-11-26",
    seller: {
      name: "Atelier Martin",
      legal_form: "SARL",
      siren: "552 100 554",
      vat_number: "FR40552100554",
      address_lines: ["12 rue de la République", "69002 Lyon"],
      email: "compta@atelier-martin.fr",
      iban: "FR7630006000011234567890189",
    },
    buyer: {
      kind: "business",
      name: "Boulangerie Dupont SAS",
      siren: "732 829 320",
      address_lines: ["4 place Bellecour", "69002 Lyon"],
    },
    invoice: {
      number: "F-2026-0042",
      kind: "invoice",
      issue_date: "2026-08-14",
      delivery_date: "2026-08-10",
      due_date: "2026-09-13",
      lines: [
        {
          description: "Pose d'un chauffe-eau",
          quantity_milli: 1000,
          unit_price_cents: 85000,
          vat_rate_bp: 1000,
          total_ht_cents: 85000,
        },
        {
          description: "Déplacement",
          quantity_milli: 1500,
          unit_price_cents: 4000,
          vat_rate_bp: 2000,
          total_ht_cents: 6000,
        },
      ],
      total_ht_cents: 91000,
      total_vat_cents: 9700,
      total_ttc_cents: 100700,
      vat_breakdown: [
        { rate_bp: 2000, base_cents: 6000, vat_cents: 1200 },
        { rate_bp: 1000, base_cents: 85000, vat_cents: 8500 },
      ],
      penalty_rate_label: "taux de refinancement de la BCE majoré de 10 points",
      indemnity_applies: true,
    },
    payments: [{ date: "2026-10-02", method_label: "virement", reference: "VIR 778", amount_cents: 30000 }],
    credit_notes: [{ number: "AV-3", issue_date: "2026-10-05", total_cents: -700 }],
    balance_cents: 70000,
    ...over,
  };
}

describe("renderInvoiceDuplicate", () => {
  it("prints DUPLICATA, the parties, number, dates, lines, totals HT/TVA/TTC, payments, balance and the B2B mentions", async () => {
    const pdf = await renderInvoiceDuplicate(input());
    if (process.env.RELANCE_PDF_ARTIFACTS) {
      mkdirSync("test/artifacts", { recursive: true });
      writeFileSync("test/artifacts/invoice-duplicate.pdf", pdf);
    }
    const pages = await pdfPages(pdf);
    const text = pages.join(" ");
    expect(pages).toHaveLength(1);
    expect(text).toContain("DUPLICATA");
    expect(text).toContain("Facture n° F-2026-0042");
    expect(text).toContain("Duplicata établi le 26 novembre 2026");
    for (const s of ["Atelier Martin", "SIREN 552 100 554", "FR40552100554", "12 rue de la République"]) {
      expect(text).toContain(s);
    }
    for (const s of ["Boulangerie Dupont SAS", "SIREN 732 829 320", "4 place Bellecour"])
      expect(text).toContain(s);
    expect(text).toContain("Date d'émission 14/08/2026");
    expect(text).toContain("Date de livraison ou d'exécution 10/08/2026");
    expect(text).toContain("Date d'échéance 13/09/2026");
    expect(text).toContain(`Pose d'un chauffe-eau 1 ${fr(85000)} 10 % ${fr(85000)}`);
    expect(text).toContain(`Déplacement 1,5 ${fr(4000)} 20 % ${fr(6000)}`);
    expect(text).toContain(`Total HT ${fr(91000)}`);
    expect(text).toContain(`TVA 20 % (${fr(6000)}) ${fr(1200)}`);
    expect(text).toContain(`TVA 10 % (${fr(85000)}) ${fr(8500)}`);
    expect(text).toContain(`Total TTC ${fr(100700)}`);
    expect(text).toContain(`02/10/2026 virement VIR 778 ${fr(30000)}`);
    expect(text).toContain(`05/10/2026 Avoir n° AV-3 ${fr(700)}`);
    expect(text).toContain(`Total réglé et avoirs ${fr(30700)}`);
    expect(text).toContain(`Reste à payer ${fr(70000)}`);
    expect(text).toContain("pénalités de retard sont exigibles de plein droit");
    expect(text).toContain(
      "taux de refinancement de la BCE majoré de 10 points (art. L441-10 du Code de commerce)",
    );
    expect(text).toContain("indemnité forfaitaire pour frais de recouvrement de 40 €");
    expect(text).toContain("IBAN FR76 3000 6000 0112 3456 7890 189");
    expect(text).toContain("1/1");
  });

  it("an imported invoice without lines shows its totals; a consumer's gets neither penalties nor the 40 € indemnity", async () => {
    const text = await pdfText(
      await renderInvoiceDuplicate(
        input({
          buyer: {
            kind: "consumer",
            name: "Claire Petit",
            address_lines: ["8 allée des Tilleuls", "38000 Grenoble"],
          },
          invoice: {
            ...input().invoice,
            lines: [],
            vat_breakdown: [],
            total_ht_cents: null,
            total_vat_cents: null,
            delivery_date: null,
          },
          payments: [],
          credit_notes: [],
          balance_cents: 100700,
        }),
      ),
    );
    expect(text).toContain("Le détail des lignes de cette facture n'est pas enregistré (facture importée)");
    expect(text).not.toContain("Total HT");
    expect(text).toContain(`Total TTC ${fr(100700)}`);
    expect(text).toContain(`Reste à payer ${fr(100700)}`);
    expect(text).not.toContain("Règlements reçus");
    expect(text).not.toContain("pénalités");
    expect(text).not.toContain("40 €");
    expect(text).not.toContain("livraison");
  });

  it("is deterministic, WinAnsi-safe, flows over pages with its header, and says when the invoice is settled", async () => {
    const many = Array.from({ length: 70 }, (_, i) => ({
      description: `Ligne ${i + 1} – tuyauterie ✓ Łódź 😀`,
      quantity_milli: 1000,
      unit_price_cents: 1000,
      vat_rate_bp: 2000,
      total_ht_cents: 1000,
    }));
    const big = input({
      invoice: {
        ...input().invoice,
        lines: many,
        total_ht_cents: 70000,
        total_vat_cents: 14000,
        total_ttc_cents: 84000,
        vat_breakdown: [{ rate_bp: 2000, base_cents: 70000, vat_cents: 14000 }],
      },
      payments: [{ date: "2026-10-02", method_label: "virement", reference: null, amount_cents: 84000 }],
      credit_notes: [],
      balance_cents: 0,
    });
    const a = await renderInvoiceDuplicate(big);
    const b = await renderInvoiceDuplicate(big);
    expect(a.equals(b)).toBe(true);
    const pages = await pdfPages(a);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[1]).toContain("Désignation");
    expect(pages[1]).toContain("DUPLICATA – Facture n° F-2026-0042");
    const text = pages.join(" ");
    expect(text).toContain("Ligne 70 – tuyauterie ? Lódz ?");
    expect(text).toContain(`TVA 20 % ${fr(14000)}`);
    expect(text).toContain("Facture soldée.");
    expect(text).toContain(`${pages.length}/${pages.length}`);
  });

  it("speaks English for an English-speaking client, keeping the French legal terms", async () => {
    const text = await pdfText(
      await renderInvoiceDuplicate(
        input({
          locale: "en",
          invoice: { ...input().invoice, penalty_rate_label: "ECB refinancing rate plus 10 points" },
        }),
      ),
    );
    expect(text).toContain("DUPLICATA");
    expect(text).toContain("Invoice no. F-2026-0042");
    expect(text).toContain("Balance due €700.00");
    expect(text).toContain("indemnité forfaitaire pour frais de recouvrement");
  });
});
