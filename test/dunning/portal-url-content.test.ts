import { describe, expect, it } from "vitest";
import { type LetterInput, renderLetter } from "../../src/pdf/letters.js";
import { DEFAULT_TEMPLATES, PLAN_TEMPLATE_KEYS, TEMPLATE_KEYS } from "../../src/templates/defaults.js";
import { renderMessage } from "../../src/templates/engine.js";
import { sampleContext } from "../../src/templates/sample-context.js";
import { pdfText } from "../support/pdf-text.js";

/**
 * The client portal's URL in the default messages (every reminder step and the installment reminders, fr and en)
 * and in the letters (reminder letter, mise en demeure) when the message has one; nothing of it without one.
 */
const URL =
  "https://relance.example.fr/p/0193a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b.gvc8iLISofNj2xDTh_bt-1uCPG-DwyPvJbzltzNrKDk";

function letter(kind: LetterInput["kind"], locale: "fr" | "en", portal_url: string | null): LetterInput {
  return {
    kind,
    locale,
    date: "2026-11-26",
    place: "Lyon",
    creditor: {
      name: "Atelier Martin",
      address_lines: ["12 rue de la République", "69002 Lyon"],
      iban: null,
    },
    debtor: {
      kind: "business",
      name: "Boulangerie Dupont SAS",
      address_lines: ["4 place Bellecour", "69002 Lyon"],
    },
    invoices: [
      {
        number: "F-1",
        issue_date: "2026-09-01",
        due_date: "2026-10-01",
        total_cents: 60_000,
        balance_cents: 60_000,
        days_late: 56,
        penalty_cents: 0,
        indemnity_cents: 0,
        interest_cents: 0,
      },
    ],
    totals: {
      balance_cents: 60_000,
      penalty_cents: 0,
      indemnity_cents: 0,
      interest_cents: 0,
      total_cents: 60_000,
    },
    deadline_date: "2026-12-04",
    portal_url,
  };
}

describe("default templates: the portal's URL", () => {
  const WORDS = {
    fr: "Consultez vos factures, payez ou signalez un paiement en ligne\u00a0: ",
    en: "See your invoices, pay or report a payment online: ",
  };
  it.each([...TEMPLATE_KEYS, ...PLAN_TEMPLATE_KEYS])("%s says it in both languages", async (key) => {
    for (const locale of ["fr", "en"] as const) {
      const template = DEFAULT_TEMPLATES[key][locale];
      const context = { ...sampleContext(locale), portal_url: URL };
      const rendered = await renderMessage(template, context, locale);
      expect(rendered.text).toContain(`${WORDS[locale]}${URL}`);
      expect(rendered.html).toContain(`<a href="${URL}">${URL}</a>`);
      const without = await renderMessage(template, { ...context, portal_url: null }, locale);
      expect(without.text).not.toContain(WORDS[locale].slice(0, 20));
      expect(without.text).not.toMatch(/\n\n\n/);
    }
  });

  it("the J−5 message names the invoice, its due date and amount, then the portal", async () => {
    const context = { ...sampleContext("en"), portal_url: URL };
    const { text } = await renderMessage(DEFAULT_TEMPLATES["b2b.pre_due"].en, context, "en");
    const line = "Invoice F-2026-0112 dated 2026-09-15, due on 2026-10-15: €1,800.00";
    expect(text).toContain(line);
    expect(text.indexOf(`See your invoices, pay or report a payment online: ${URL}`)).toBeGreaterThan(
      text.indexOf(line),
    );
  });
});

describe("letters: the portal's URL", () => {
  it.each([
    ["mise_en_demeure", "fr", "Consultez vos factures, payez ou signalez un paiement en ligne"],
    ["reminder", "fr", "Consultez vos factures, payez ou signalez un paiement en ligne"],
    ["reminder", "en", "See your invoices, pay or report a payment online"],
  ] as const)("%s (%s) prints it", async (kind, locale, words) => {
    const text = (await pdfText(await renderLetter(letter(kind, locale, URL)))).replace(/\s+/g, " ");
    expect(text).toContain(words);
    expect(text.replace(/ /g, "")).toContain(URL);
  });

  it("prints nothing of it without one", async () => {
    const text = await pdfText(await renderLetter(letter("reminder", "fr", null)));
    expect(text).not.toContain("Consultez vos factures");
  });
});
