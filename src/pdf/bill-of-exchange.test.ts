import { mkdirSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pdfPages, pdfText } from "../../test/support/pdf-text.js";
import { type BillInput, renderBillOfExchange } from "./bill-of-exchange.js";

function bill(over: Partial<BillInput> = {}): BillInput {
  return {
    reference: "LC-0190A0A0",
    amount_cents: 123456,
    issue_on: "2026-11-26",
    issue_place: "Lyon",
    due_on: "2026-12-31",
    drawer: {
      name: "Atelier Martin",
      siren: "552 100 554",
      address_lines: ["12 rue de la République", "69002 Lyon"],
      signatory: "Camille Martin",
    },
    payee_name: "Atelier Martin",
    drawee: {
      name: "Boulangerie Dupont SAS",
      address_lines: ["4 place Bellecour", "69002 Lyon"],
      siren: "732 829 320",
    },
    domiciliation: { bank: "Crédit Lyonnais Lyon Bellecour", iban: "FR7630002005500000157845Z02" },
    lcr: false,
    invoices: [
      { number: "F-2026-0042", due_date: "2026-09-13", amount_cents: 100000 },
      { number: "F-2026-0051", due_date: "2026-10-02", amount_cents: 23456 },
    ],
    ...over,
  };
}

describe("renderBillOfExchange", () => {
  it("prints the eight mandatory mentions of L511-1, the amount in figures and in words", async () => {
    const pdf = await renderBillOfExchange(bill());
    if (process.env.RELANCE_PDF_ARTIFACTS) {
      mkdirSync("test/artifacts", { recursive: true });
      writeFileSync("test/artifacts/bill-of-exchange.pdf", pdf);
    }
    const pages = await pdfPages(pdf);
    expect(pages).toHaveLength(1);
    const text = pages.join(" ");
    // 1. the words « lettre de change » — 2. the unconditional order to pay a sum
    expect(text).toContain("LETTRE DE CHANGE");
    expect(text).toContain(
      "Contre cette LETTRE DE CHANGE stipulée sans frais, veuillez payer la somme de 1 234,56 € (mille deux cent trente-quatre euros et cinquante-six centimes) à l'ordre de Atelier Martin.",
    );
    // 3. the drawee — 4. the due date — 5. the place of payment
    expect(text).toContain(
      "Nom et adresse du tiré Boulangerie Dupont SAS 4 place Bellecour 69002 Lyon SIREN 732 829 320",
    );
    expect(text).toContain("Échéance 31/12/2026");
    expect(text).toContain(
      "Domiciliation – lieu de paiement Crédit Lyonnais Lyon Bellecour IBAN FR76 3000 2005 5000 0015 7845 Z02",
    );
    // 6. the payee (« à l'ordre de », above) — 7. date and place of issue — 8. the drawer's signature
    expect(text).toContain("Date de création 26/11/2026");
    expect(text).toContain("Lieu de création Lyon");
    expect(text).toContain("Signature du tireur Lyon, le 26 novembre 2026");
    expect(text).toContain("Camille Martin – Atelier Martin");
    expect(text).toContain("Montant pour contrôle 1 234,56 €");
    expect(text).toContain("Acceptation ou aval du tiré");
    expect(text).toContain("F-2026-0042 13/09/2026 1 000,00 €");
    expect(text).toContain("Total 1 234,56 €");
    expect(text).toContain("revêtue de votre acceptation");
  });

  it("without a bank, the drawee's address is the place of payment; an LCR says so; output is deterministic", async () => {
    const input = bill({ domiciliation: { bank: null, iban: null } });
    const a = await renderBillOfExchange(input);
    expect(a.equals(await renderBillOfExchange(input))).toBe(true);
    expect(await pdfText(a)).toContain("Au domicile du tiré : 4 place Bellecour, 69002 Lyon");
    const lcr = await pdfText(await renderBillOfExchange(bill({ lcr: true })));
    expect(lcr).toContain("Lettre de change relevé (LCR)");
    expect(lcr).toContain("présentée au paiement par notre banque");
  });

  it("refuses what is not a bill", async () => {
    await expect(renderBillOfExchange(bill({ amount_cents: 0 }))).rejects.toThrow(RangeError);
    await expect(renderBillOfExchange(bill({ due_on: "31/12/2026" }))).rejects.toThrow(RangeError);
  });
});
