import { mkdirSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pdfText } from "../../test/support/pdf-text.js";
import { cents, formatEuros } from "../core/money.js";
import { type QuotePdfInput, renderQuotePdf } from "./quote.js";

const fr = (n: number) => formatEuros(cents(n), "fr").replace(/[\u202F\u00A0]/g, " ");

function input(
  over: Partial<QuotePdfInput> = {},
  quote: Partial<QuotePdfInput["quote"]> = {},
): QuotePdfInput {
  return {
    locale: "fr",
    date: "2026-03-02",
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
    ...over,
    quote: {
      number: "D-2026-007",
      issue_date: "2026-03-02",
      valid_until: "2026-04-01",
      lines: [
        {
          description: "Réparation fuite",
          quantity_milli: 3000,
          unit_price_cents: 3333,
          vat_rate_bp: 2000,
          total_ht_cents: 9999,
        },
        {
          description: "Isolation",
          quantity_milli: 1000,
          unit_price_cents: 10000,
          vat_rate_bp: 550,
          total_ht_cents: 10000,
        },
      ],
      total_ht_cents: 19999,
      total_vat_cents: 2550,
      total_ttc_cents: 22549,
      vat_breakdown: [
        { rate_bp: 2000, base_cents: 9999, vat_cents: 2000 },
        { rate_bp: 550, base_cents: 10000, vat_cents: 550 },
      ],
      deposit_percent: 30,
      deposit_cents: 6765,
      vat_franchise: false,
      payment_term: "30 jours",
      penalty_rate_label: "taux de refinancement de la BCE majoré de 10 points",
      ...quote,
    },
  };
}

describe("quote PDF (devis)", () => {
  it("prints the parties, lines, totals per rate, deposit, terms, penalties, indemnity and « Bon pour accord »", async () => {
    const pdf = await renderQuotePdf(input());
    mkdirSync("test/artifacts", { recursive: true });
    writeFileSync("test/artifacts/quote-fr.pdf", pdf);
    const text = await pdfText(pdf);
    for (const expected of [
      "Devis n° D-2026-007",
      "Atelier Martin",
      "SIREN 552 100 554",
      "FR40552100554",
      "Boulangerie Dupont SAS",
      "Valable jusqu'au 01/04/2026",
      "Réparation fuite",
      "Isolation",
      `Total HT ${fr(19999)}`,
      `TVA 20 % (${fr(9999)}) ${fr(2000)}`,
      `TVA 5,5 % (${fr(10000)}) ${fr(550)}`,
      `Total TTC ${fr(22549)}`,
      `acompte de 30 % du montant, soit ${fr(6765)} TTC`,
      `Le solde, soit ${fr(22549 - 6765)} TTC`,
      "Paiement des factures : 30 jours",
      "Pas d'escompte",
      "taux de refinancement de la BCE majoré de 10 points",
      "indemnité forfaitaire pour frais de recouvrement de 40 €",
      "Bon pour accord",
      "Devis reçu avant l'exécution des travaux, bon pour accord.",
      "lu et approuvé",
      "Date :",
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toContain("293 B");
    expect(text).not.toContain("arrhes");
  });

  it("a micro-entrepreneur's quote says « TVA non applicable, art. 293 B du CGI »; a consumer gets no indemnity", async () => {
    const text = await pdfText(
      await renderQuotePdf(
        input(
          {
            seller: { name: "Jean Martin EI", siren: "552 100 554", address_lines: ["Lyon"] },
            buyer: { kind: "consumer", name: "Mme Durand", address_lines: ["Lyon"] },
          },
          {
            vat_breakdown: [{ rate_bp: 0, base_cents: 20000, vat_cents: 0 }],
            total_ht_cents: 20000,
            total_vat_cents: 0,
            total_ttc_cents: 20000,
            deposit_cents: 6000,
            vat_franchise: true,
          },
        ),
      ),
    );
    expect(text).toContain("TVA non applicable, art. 293 B du CGI");
    expect(text).toContain("des acomptes et non des arrhes");
    expect(text).not.toContain("40 €");
    expect(text).not.toContain("pénalités");
  });

  it("in English, without deposit, and deterministic", async () => {
    const one = await renderQuotePdf(
      input({ locale: "en" }, { deposit_percent: 0, deposit_cents: 0, valid_until: null }),
    );
    const text = await pdfText(one);
    expect(text).toContain("Quote no. D-2026-007");
    expect(text).toContain("No deposit is asked.");
    expect(text).toContain("lu et approuvé");
    expect(text).toContain("fixed recovery fee");
    expect(
      Buffer.compare(
        one,
        await renderQuotePdf(
          input({ locale: "en" }, { deposit_percent: 0, deposit_cents: 0, valid_until: null }),
        ),
      ),
    ).toBe(0);
  });
});
