import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { getDocument, OPS } from "pdfjs-dist/legacy/build/pdf.mjs";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { cents, formatEuros } from "../core/money.js";
import { type LetterInput, type LetterInvoice, renderLetter } from "./letters.js";
import { isWinAnsi } from "./text.js";

const FONTS = `${join(dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;

async function open(pdf: Buffer) {
  return getDocument({ data: new Uint8Array(pdf), standardFontDataUrl: FONTS, verbosity: 0 }).promise;
}

/** The text of every page, whitespace collapsed (a no-break space reads back as a space). */
async function pagesOf(pdf: Buffer): Promise<string[]> {
  const doc = await open(pdf);
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    const text = content.items.map((item) => ("str" in item ? item.str : "")).join(" ");
    pages.push(text.replace(/\s+/g, " ").trim());
  }
  return pages;
}

const fr = (n: number) => formatEuros(cents(n), "fr").replace(/[\u202F\u00A0]/g, " ");

function invoice(n: number): LetterInvoice {
  const total = 120000 + n * 3517;
  return {
    number: `F-2026-${String(n).padStart(4, "0")}`,
    issue_date: "2026-08-14",
    due_date: "2026-09-13",
    total_cents: total,
    balance_cents: total - (n % 3 === 0 ? 20000 : 0),
    days_late: 74 + n,
    penalty_cents: 3000 + n * 11,
    indemnity_cents: 4000,
    interest_cents: 0,
  };
}

function letter(over: Partial<LetterInput> & { count?: number; consumer?: boolean } = {}): LetterInput {
  const { count = 3, consumer = false, ...rest } = over;
  const invoices = Array.from({ length: count }, (_, i) => invoice(i + 1));
  const balance = invoices.reduce((s, i) => s + i.balance_cents, 0);
  const penalty = consumer ? 0 : invoices.reduce((s, i) => s + i.penalty_cents, 0);
  const indemnity = consumer ? 0 : 4000 * count;
  const interest = consumer ? 1234 : 0;
  return {
    kind: "mise_en_demeure",
    locale: "fr",
    date: "2026-11-26",
    place: "Lyon",
    creditor: {
      name: "Atelier Martin",
      legal_form: "SARL",
      siren: "552 100 554",
      vat_number: "FR40552100554",
      address_lines: ["12 rue de la République", "69002 Lyon"],
      email: "compta@atelier-martin.fr",
      phone: "04 78 00 00 00",
      iban: "FR7630006000011234567890189",
      bic: "AGRIFRPP",
      signatory: "Camille Martin",
    },
    debtor: consumer
      ? { kind: "consumer", name: "Claire Petit", address_lines: ["8 allée des Tilleuls", "38000 Grenoble"] }
      : {
          kind: "business",
          name: "Boulangerie Dupont SAS",
          contact_name: "Jean Dupont",
          siren: "732 829 320",
          address_lines: ["4 place Bellecour", "69002 Lyon"],
        },
    invoices,
    totals: {
      balance_cents: balance,
      penalty_cents: penalty,
      indemnity_cents: indemnity,
      interest_cents: interest,
      total_cents: balance + penalty + indemnity + interest,
    },
    deadline_date: "2026-12-11",
    registered_number: "1A 234 567 8901 2",
    payment_reference: "RELANCE-F-2026-0001",
    ...rest,
  };
}

describe("renderLetter: mise en demeure", () => {
  it("says what LAW.md §5 asks for: the words, both parties, the invoices, the amounts, the deadline, the next step", async () => {
    const input = letter();
    const pages = await pagesOf(await renderLetter(input));
    const text = pages.join(" ");
    expect(text).toContain("Objet : Mise en demeure de payer – 3 factures impayées");
    expect(text).toContain("valant mise en demeure");
    expect(text).toContain("Lettre recommandée avec accusé de réception n° 1A 234 567 8901 2");
    expect(text).toContain("Lyon, le 26 novembre 2026");
    for (const s of ["Atelier Martin", "SIREN 552 100 554", "FR40552100554", "12 rue de la République"]) {
      expect(text).toContain(s);
    }
    for (const s of ["Boulangerie Dupont SAS", "À l'attention de Jean Dupont", "4 place Bellecour"]) {
      expect(text).toContain(s);
    }
    for (const i of input.invoices) {
      expect(text).toContain(`${i.number} 14/08/2026 13/09/2026 ${fr(i.total_cents)} ${fr(i.balance_cents)}`);
    }
    const t = input.totals;
    expect(text).toContain(`Principal restant dû ${fr(t.balance_cents)}`);
    expect(text).toMatch(new RegExp(`L441-10 C\\. com\\., taux BCE \\+ 10 points.*${fr(t.penalty_cents)}`));
    expect(text).toContain(`40 € par facture) ${fr(12000)}`);
    expect(text).toContain(`Total dû ${fr(t.total_cents)}`);
    expect(text).toContain(`la somme totale de ${fr(t.total_cents)} au plus tard le 11 décembre 2026`);
    expect(text).toContain("IBAN : FR76 3000 6000 0112 3456 7890 189");
    expect(text).toContain("BIC : AGRIFRPP");
    expect(text).toContain("RELANCE-F-2026-0001");
    expect(text).toContain("procédure de recouvrement judiciaire");
    expect(text).toContain("injonction de payer");
    expect(text).toContain("commissaire de justice");
    expect(text).toContain("salutations distinguées");
    expect(text).toContain("Camille Martin");
    for (const [i, p] of pages.entries()) expect(p).toContain(`${i + 1}/${pages.length}`);
  });

  it("never mentions penalties nor the 40 € indemnity to a consumer, even when given them", async () => {
    const base = letter({ consumer: true });
    const input = {
      ...base,
      invoices: base.invoices.map((i) => ({ ...i, penalty_cents: 999, indemnity_cents: 4000 })),
      totals: { ...base.totals, penalty_cents: 5000, indemnity_cents: 8000, total_cents: 1 },
    };
    const text = (await pagesOf(await renderLetter(input))).join(" ");
    expect(text).toContain("mise en demeure");
    expect(text).toContain("Claire Petit");
    expect(text).not.toMatch(/pénalit|indemnit|L441-10|D441-5|40,00 €|40 €/i);
    expect(text).toContain(`Intérêts au taux légal (art. 1231-6 et 1344-1 C. civ.) ${fr(1234)}`);
    expect(text).toContain("la présente mise en demeure fait courir les intérêts au taux légal");
    expect(text).toContain(`Total dû ${fr(base.totals.balance_cents + 1234)}`);
    expect(text).not.toContain("À l'attention de");
  });

  it("replaces only the opening with the template's paragraphs", async () => {
    const paragraphs = ["Premier paragraphe du modèle.", "Second paragraphe du modèle."];
    const text = (await pagesOf(await renderLetter(letter({ paragraphs })))).join(" ");
    expect(text).toContain("Premier paragraphe du modèle. Second paragraphe du modèle.");
    expect(text).not.toContain("Sauf erreur de notre part");
    expect(text).toContain("valant mise en demeure");
    expect(text).toContain("F-2026-0003");
  });

  it("prints the QR code image when given one, and no image otherwise", async () => {
    const qr = await QRCode.toBuffer(
      "BCD\n002\n1\nSCT\nAGRIFRPP\nAtelier Martin\nFR7630006000011234567890189",
      {
        type: "png",
      },
    );
    const images = async (input: LetterInput) => {
      const doc = await open(await renderLetter(input));
      let n = 0;
      for (let i = 1; i <= doc.numPages; i++) {
        const ops = await (await doc.getPage(i)).getOperatorList();
        n += ops.fnArray.filter((f) => f === OPS.paintImageXObject).length;
      }
      return n;
    };
    expect(await images(letter({ qr_png: qr }))).toBe(1);
    expect(await images(letter())).toBe(0);
  });

  it("refuses amounts that do not add up, and a letter without invoices", async () => {
    const input = letter();
    await expect(renderLetter({ ...input, totals: { ...input.totals, total_cents: 1 } })).rejects.toThrow(
      RangeError,
    );
    await expect(renderLetter({ ...input, totals: { ...input.totals, balance_cents: 1 } })).rejects.toThrow(
      RangeError,
    );
    await expect(renderLetter({ ...input, invoices: [] })).rejects.toThrow(RangeError);
    await expect(renderLetter({ ...input, date: "26/11/2026" })).rejects.toThrow(RangeError);
  });
});

describe("renderLetter: reminder", () => {
  it("is softer: no mise en demeure, no registered letter, penalties recalled to a professional", async () => {
    const text = (await pagesOf(await renderLetter(letter({ kind: "reminder", count: 1 })))).join(" ");
    expect(text).toContain("Objet : Relance pour facture impayée – facture n° F-2026-0001");
    expect(text).not.toMatch(/mise en demeure|recommandée|recouvrement judiciaire/i);
    expect(text).toContain("pénalités de retard");
    expect(text).toContain("indemnité forfaitaire de 40 € pour frais de recouvrement");
    expect(text).toContain("ne pas tenir compte de ce courrier");
    expect(text).toContain("compta@atelier-martin.fr");
  });

  it("says nothing of penalties nor indemnity to a consumer", async () => {
    const text = (await pagesOf(await renderLetter(letter({ kind: "reminder", consumer: true })))).join(" ");
    expect(text).toContain("Relance pour facture impayée");
    expect(text).not.toMatch(/pénalit|indemnit|40,00 €|40 €/i);
  });
});

describe("renderLetter: layout", () => {
  it("flows 60 invoices over several pages with the table header on each, numbered 1/n", async () => {
    const input = letter({ count: 60 });
    const pages = await pagesOf(await renderLetter(input));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const withRows = pages.filter((p) => /F-2026-\d{4} 14\/08\/2026/.test(p));
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    for (const p of withRows)
      expect(p).toContain("Facture n° Date Échéance Montant TTC Reste dû Jours de retard");
    const all = pages.join(" ");
    for (const i of input.invoices) expect(all.split(`${i.number} 14/08/2026`).length - 1).toBe(1);
    for (const [i, p] of pages.entries()) expect(p).toMatch(new RegExp(`(^| )${i + 1}/${pages.length}$`));
    expect(pages[1]).toContain("Atelier Martin – Mise en demeure du 26/11/2026");
  });

  it("never leaves the signature alone on a page, whatever the number of invoices", async () => {
    for (let count = 1; count <= 40; count++) {
      const pages = await pagesOf(await renderLetter(letter({ count, qr_png: null })));
      const signed = pages.filter((p) => p.includes("Camille Martin"));
      expect(signed, `${count} invoices`).toHaveLength(1);
      expect(signed[0], `${count} invoices`).toContain("salutations distinguées");
      expect(signed[0], `${count} invoices`).toContain("recouvrement judiciaire");
    }
  });

  it("is byte-for-byte the same when rendered twice, dated from the letter's date", async () => {
    const input = letter({ count: 12 });
    const a = await renderLetter(input);
    const b = await renderLetter(input);
    expect(a.equals(b)).toBe(true);
    const { info } = (await (await open(a)).getMetadata()) as unknown as { info: Record<string, unknown> };
    expect(info.CreationDate).toBe("D:20261126000000Z");
    expect(info.Author).toBe("Atelier Martin");
    expect((await renderLetter({ ...input, date: "2026-11-27" })).equals(a)).toBe(false);
  });
});

describe("renderLetter: English", () => {
  it("writes in English and keeps the French legal terms with a gloss", async () => {
    const input = letter({ locale: "en", count: 2 });
    const text = (await pagesOf(await renderLetter(input))).join(" ");
    expect(text).toContain("Subject: Formal notice to pay (mise en demeure de payer) – 2 unpaid invoices");
    expect(text).toContain("Registered letter with acknowledgement of receipt");
    expect(text).toContain("Lyon, 26 November 2026");
    expect(text).toContain("Dear Jean Dupont,");
    expect(text).toContain(
      `${formatEuros(cents(input.totals.total_cents), "en")} no later than 11 December 2026`,
    );
    expect(text).toContain("Late-payment penalties (pénalités de retard, art. L441-10 C. com.");
    expect(text).toContain("injonction de payer");
    expect(text).toContain("commissaire de justice");
    expect(text).toContain("Yours sincerely,");
    expect(text).not.toMatch(/Madame|Objet|Total dû/);
  });
});

describe("renderLetter: hostile text", () => {
  it("renders very long names, markup, emoji and right-to-left text, sanitised", async () => {
    const evil = "<script>alert(1)</script> 😀👍🏽 مرحبا שלום \u202Egnp.exe\u202C zero\u200Bwidth";
    const base = letter({ count: 2 });
    const input: LetterInput = {
      ...base,
      place: `Lyon ${evil}`,
      creditor: { ...base.creditor, name: `${"Créancier".repeat(300)} ${evil}`, signatory: evil },
      debtor: {
        ...base.debtor,
        name: `${evil} ${"x".repeat(5000)}`,
        contact_name: evil,
        address_lines: Array.from({ length: 30 }, (_, i) => `${i} ${evil} ${"rue ".repeat(80)}`),
      },
      invoices: base.invoices.map((i, k) => ({ ...i, number: `${evil}-${k}-${"N".repeat(400)}` })),
      payment_reference: evil,
      paragraphs: [evil, `${"Très long paragraphe. ".repeat(1500)}`, "x".repeat(20000)],
    };
    const pages = await pagesOf(await renderLetter(input));
    const text = pages.join(" ");
    expect(pages.length).toBeGreaterThan(2);
    expect(text).toContain("<script>alert(1)</script> ??? ????? ???? gnp.exe zerowidth");
    expect(isWinAnsi(text)).toBe(true);
    expect(text).not.toMatch(/[\u0590-\u06FF\u200B\u202E]|\p{Extended_Pictographic}/u);
    expect(text).toContain("Objet : Mise en demeure de payer – 2 factures impayées");
    expect(text).toContain("valant mise en demeure");
    for (const [i, p] of pages.entries()) expect(p).toContain(`${i + 1}/${pages.length}`);
  });
});
