import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { cents, formatEuros } from "../core/money.js";
import { amountInFrenchWords } from "../core/money-words.js";
import { type AcknowledgementInput, renderAcknowledgement } from "./acknowledgement.js";

const FONTS = `${join(dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;

async function pdfText(pdf: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(pdf), standardFontDataUrl: FONTS, verbosity: 0 })
    .promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  return pages.join(" ").replace(/[\s\u00A0\u202F]+/g, " ");
}

const eur = (n: number, locale: "fr" | "en" = "fr") =>
  formatEuros(cents(n), locale).replace(/[\u202F\u00A0]/g, " ");

function input(over: Partial<AcknowledgementInput> = {}): AcknowledgementInput {
  return {
    locale: "fr",
    date: "2026-11-26",
    place: "Lyon",
    creditor: {
      name: "Atelier Martin",
      legal_form: "SARL",
      siren: "552 100 554",
      address_lines: ["12 rue des Tanneurs", "69001 Lyon"],
      iban: "FR7630006000011234567890189",
    },
    debtor: {
      name: "Boulangerie Dupont",
      kind: "business",
      address_lines: ["3 place du Marché", "69002 Lyon"],
    },
    invoices: [
      {
        number: "F-2026-0012",
        issue_date: "2026-08-01",
        due_date: "2026-08-31",
        total_cents: 150_000,
        balance_cents: 150_000,
      },
      {
        number: "F-2026-0031",
        issue_date: "2026-09-01",
        due_date: "2026-10-01",
        total_cents: 100_000,
        balance_cents: 100_001 - 1,
      },
    ],
    installments: [
      { position: 1, due_on: "2026-12-15", amount_cents: 83_334 },
      { position: 2, due_on: "2027-01-15", amount_cents: 83_333 },
      { position: 3, due_on: "2027-02-15", amount_cents: 83_333 },
    ],
    total_cents: 250_000,
    grace_days: 5,
    ...over,
  };
}

describe("the acknowledgement of debt (reconnaissance de dette)", () => {
  it("names the parties, the debt per invoice, the total in words and figures, each installment and the déchéance du terme", async () => {
    const text = await pdfText(await renderAcknowledgement(input()));
    expect(text).toContain("RECONNAISSANCE DE DETTE");
    for (const s of ["Atelier Martin", "552 100 554", "Boulangerie Dupont", "F-2026-0012", "F-2026-0031"])
      expect(text).toContain(s);
    expect(amountInFrenchWords(cents(250_000))).toBe("deux mille cinq cents euros");
    expect(text).toContain(
      `Bon pour reconnaissance de dette de deux mille cinq cents euros (${eur(250_000)})`,
    );
    for (const [date, amount] of [
      ["15 décembre 2026", 83_334],
      ["15 janvier 2027", 83_333],
      ["15 février 2027", 83_333],
    ] as const) {
      expect(text).toContain(date);
      expect(text).toContain(eur(amount));
    }
    expect(text).toContain("déchéance du terme");
    expect(text).toContain("2240");
    expect(text).toContain("Lyon, le 26 novembre 2026");
    expect(text).toContain("Le débiteur");
    expect(text).toContain("FR76 3000 6000 0112 3456 7890 189");
  });

  it("is deterministic and refuses sums that do not add up", async () => {
    const a = await renderAcknowledgement(input());
    const b = await renderAcknowledgement(input());
    expect(a.equals(b)).toBe(true);
    await expect(renderAcknowledgement(input({ total_cents: 250_001 }))).rejects.toThrow(RangeError);
    await expect(
      renderAcknowledgement(
        input({ installments: [{ position: 1, due_on: "2026-12-15", amount_cents: 249_999 }] }),
      ),
    ).rejects.toThrow(RangeError);
  });

  it("in English keeps the French legal terms and the handwritten mention in French", async () => {
    const text = await pdfText(await renderAcknowledgement(input({ locale: "en" })));
    expect(text).toContain("ACKNOWLEDGEMENT OF DEBT");
    expect(text).toContain("déchéance du terme");
    expect(text).toContain("Bon pour reconnaissance de dette de deux mille cinq cents euros");
    expect(text).toContain("15 December 2026");
  });

  it("flows a long schedule over pages", async () => {
    const installments = Array.from({ length: 36 }, (_, i) => ({
      position: i + 1,
      due_on: `20${27 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}-10`,
      amount_cents: i < 16 ? 6_945 : 6_944,
    }));
    const total = installments.reduce((s, i) => s + i.amount_cents, 0);
    const text = await pdfText(
      await renderAcknowledgement(
        input({
          installments,
          total_cents: total,
          invoices: [
            {
              number: "F-1",
              issue_date: null,
              due_date: "2026-10-01",
              total_cents: total,
              balance_cents: total,
            },
          ],
        }),
      ),
    );
    expect(text).toContain("36/36");
    expect(text).toContain("Bon pour reconnaissance de dette");
  });
});
