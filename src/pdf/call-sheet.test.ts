import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { type CallSheetPdfInput, renderCallSheet } from "./call-sheet.js";

const FONTS = `${join(dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;

async function textOf(pdf: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(pdf), standardFontDataUrl: FONTS, verbosity: 0 })
    .promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  return pages.join("\n").replace(/\s+/g, " ");
}

function sheet(over: Partial<CallSheetPdfInput> = {}): CallSheetPdfInput {
  return {
    as_of: "2026-03-16",
    locale: "fr",
    organization: { name: "Atelier Martin" },
    client: {
      name: "Boulangerie « Durand » & Fils",
      kind: "business",
      siren: "552100554",
      hold_kind: null,
      hold_until: null,
    },
    contacts: [
      {
        name: "Marc Durand",
        role: "gérant",
        phone: "06 12 34 56 78",
        email: "marc@durand.fr",
        is_billing: true,
      },
      { name: "Zoë Ĳssel", role: null, phone: null, email: "zoe@durand.fr", is_billing: false },
    ],
    best_phone: { name: "Marc Durand", phone: "06 12 34 56 78" },
    invoices: [
      {
        number: "F-2026-0042",
        due_date: "2026-02-14",
        balance_cents: 150_000,
        days_late: 30,
        disputed: false,
        penalty_cents: 1_529,
        indemnity_cents: 4_000,
        interest_cents: 0,
        total_claim_cents: 155_529,
      },
      {
        number: "F-2026-0051",
        due_date: "2026-03-01",
        balance_cents: 20_000,
        days_late: 15,
        disputed: true,
        penalty_cents: null,
        indemnity_cents: null,
        interest_cents: null,
        total_claim_cents: null,
      },
    ],
    totals: { balance_cents: 170_000, overdue_cents: 170_000, claim_cents: 175_529, extras_cents: 5_529 },
    score: {
      value: 42,
      grade: "C",
      tone: "firm",
      average_days_late: 21.5,
      invoices: 8,
      late_invoices: 5,
      longest_delay_days: 44,
      trend: "worsening",
      broken_promises: 1,
    },
    script: {
      opening: "Ton ferme et compréhensif : rappelez les faits.",
      points: ["Dû aujourd'hui : 1 700,00 € sur 2 facture(s) échue(s)."],
      proposals: [{ text: "Proposez un paiement du solde au plus tard le 23/03/2026." }],
    },
    history: [
      { occurred_on: "2026-03-02", summary: "J+1 — Première relance", invoice_number: "F-2026-0042" },
    ],
    calls: [{ occurred_on: "2026-03-05", outcome: "reached", notes: "Virement promis — « sous huitaine »" }],
    promises: [{ promised_on: "2026-03-12", amount_cents: 150_000, state: "broken" }],
    documents: [{ kind: "delivery_note", filename: "BL-0042.pdf" }],
    ...over,
  };
}

describe("renderCallSheet", () => {
  it("prints who to call, what is owed, the behaviour, the script, the history and the documents", async () => {
    const text = await textOf(await renderCallSheet(sheet()));
    for (const expected of [
      "Fiche d'appel — Boulangerie « Durand » & Fils",
      "Meilleur numéro : 06 12 34 56 78 (Marc Durand)",
      "F-2026-0042",
      "F-2026-0051 (litige)",
      "1 555,29 €",
      "Total de la créance",
      "1 755,29 €",
      "Note C (42/100)",
      "Ton conseillé : ferme",
      "retard moyen (pondéré par montant) 21,5 j",
      "tendance : en dégradation",
      "Proposez un paiement du solde au plus tard le 23/03/2026.",
      "05/03/2026 — joint : Virement promis — « sous huitaine »",
      "12/03/2026 — 1 500,00 € — non tenue",
      "J+1 — Première relance",
      "BL-0042.pdf (delivery_note)",
      "Page 1 / 1",
    ]) {
      expect(text.replace(/[\u202F\u00A0]/g, " ")).toContain(expected);
    }
    // not WinAnsi: replaced, never dropped silently into garbage
    expect(text).toContain("Zo");
  });

  it("is deterministic and speaks English by locale", async () => {
    const a = await renderCallSheet(sheet({ locale: "en" }));
    const b = await renderCallSheet(sheet({ locale: "en" }));
    expect(a.equals(b)).toBe(true);
    const text = await textOf(a);
    expect(text).toContain("Call sheet — ");
    expect(text).toContain("Recommended tone: firm");
  });

  it("flows over pages with a long history", async () => {
    const history = Array.from({ length: 120 }, (_, i) => ({
      occurred_on: "2026-01-01",
      summary: `Relance numéro ${i + 1}`,
      invoice_number: null,
    }));
    const text = await textOf(await renderCallSheet(sheet({ history })));
    expect(text).toContain("Relance numéro 120");
    expect(text).toMatch(/Page 2 \/ [2-9]/);
  });
});
