import { describe, expect, it } from "vitest";
import { fieldFromName, normalizeLabel, recognizeHeader, resolveHeaders } from "./headers.js";
import { parseMapOption } from "./map-option.js";
import type { TrackingField } from "./types.js";

const EXPECTED: Record<Exclude<TrackingField, "ignore">, string[]> = {
  number: [
    "Numéro",
    "N°",
    "No",
    "Num",
    "Numéro de facture",
    "N° facture",
    "Facture",
    "Référence",
    "Invoice",
    "Invoice number",
    "Invoice No.",
    "Number",
    "Nº",
  ],
  client: [
    "Client",
    "Nom du client",
    "Raison sociale",
    "Débiteur",
    "Customer",
    "Customer name",
    "Client name",
  ],
  siren: ["SIREN"],
  siret: ["SIRET"],
  email: ["Email", "E-mail", "Mail", "Courriel", "Adresse e-mail"],
  issue_date: [
    "Date",
    "Date d'émission",
    "Date de facture",
    "Date facture",
    "Émise le",
    "Issue date",
    "Invoice date",
    "Date issued",
  ],
  due_date: ["Échéance", "Date d'échéance", "Date limite de paiement", "Due date", "Due", "Payment due"],
  total: [
    "Montant TTC",
    "Total TTC",
    "TTC",
    "Montant",
    "Total",
    "Amount",
    "Total amount",
    "Amount incl. VAT",
    "Total incl. tax",
    "Montant TTC (€)",
    "Total EUR",
  ],
  ht: ["Montant HT", "Total HT", "HT", "Amount excl. VAT", "Net amount", "Subtotal"],
  vat: ["TVA", "Montant TVA", "VAT", "Tax", "VAT amount"],
  paid: ["Payé", "Déjà payé", "Montant payé", "Réglé", "Montant réglé", "Encaissé", "Amount paid", "Paid"],
  balance: ["Reste à payer", "Solde", "Reste dû", "Restant dû", "Balance", "Amount due", "Outstanding"],
  payment_date: ["Date de paiement", "Date de règlement", "Payé le", "Payment date", "Paid on"],
  kind: ["Type", "Type de client", "B2B/B2C", "Catégorie", "Client type", "Kind"],
  notes: ["Notes", "Commentaire", "Commentaires", "Remarque", "Observations", "Comment", "Comments"],
};

describe("header recognition", () => {
  it("normalises case, accents, punctuation and spaces", () => {
    expect(normalizeLabel("  Date   d’ÉMISSION ")).toBe("date d emission");
    expect(normalizeLabel("N° facture")).toBe("n facture");
    expect(normalizeLabel("B2B/B2C")).toBe("b2b b2c");
  });

  it.each(Object.entries(EXPECTED))("recognises the headers of %s", (field, headers) => {
    for (const h of headers) {
      expect([h, recognizeHeader(h)]).toEqual([h, field]);
      expect([h, recognizeHeader(`  ${h.toUpperCase()}  `)]).toEqual([h, field]);
    }
  });

  it("ignores the columns Relance derives itself", () => {
    for (const h of ["Statut", "Status", "État", "Jours de retard", "Days late", "Retard"]) {
      expect(recognizeHeader(h)).toBe("ignore");
    }
  });

  it("does not recognise anything else", () => {
    expect(recognizeHeader("Commercial")).toBeUndefined();
    expect(recognizeHeader("")).toBeUndefined();
  });
});

describe("resolveHeaders", () => {
  it("reports every header problem at once", () => {
    const { errors } = resolveHeaders(["Numéro", "Commercial", "Montant", "Total TTC", "Projet"], 1, "fr");
    expect(errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [1, "Commercial", "column.unknown"],
      [1, "Total TTC", "column.duplicate"],
      [1, "Projet", "column.unknown"],
      [1, "", "column.missing_required"],
      [1, "", "column.missing_required"],
    ]);
    expect(errors[0]?.message).toBe(
      'Colonne inconnue « Commercial » : utilisez --map "Commercial=champ" ou --map "Commercial=ignore"',
    );
    expect(errors[1]?.message).toContain("« Montant »");
    expect(errors[3]?.message).toContain("client");
    expect(errors[4]?.message).toContain("échéance ou date d'émission");
  });

  it("accepts HT + TVA instead of a total, and either date", () => {
    expect(resolveHeaders(["N°", "Client", "Montant HT", "TVA", "Date"], 1, "en").errors).toEqual([]);
    expect(
      resolveHeaders(["N°", "Client", "Montant HT", "Date"], 1, "en").errors.map((e) => e.message),
    ).toEqual(['Required column missing: total incl. VAT (for example "Total incl. VAT")']);
  });

  it("lets the map win over recognition and drop columns; blank headers are ignored", () => {
    const { columns, errors } = resolveHeaders(
      ["Réf", "Client", "Montant", "Total TTC", "Échéance", "Commercial", ""],
      1,
      "fr",
      { Montant: "ignore", commercial: "notes", Réf: "number" },
    );
    expect(errors).toEqual([]);
    expect(columns.map((c) => c.field)).toEqual([
      "number",
      "client",
      "ignore",
      "total",
      "due_date",
      "notes",
      "ignore",
    ]);
  });
});

describe("parseMapOption", () => {
  it("accepts field names in English, French or as a header", () => {
    expect(
      parseMapOption([
        "Commercial=ignore",
        "Réf. client = number",
        "Date prévue=echeance",
        "Montant net=Montant HT",
        "A=B=TTC",
        "x=Due Date",
      ]),
    ).toEqual({
      ok: true,
      value: {
        Commercial: "ignore",
        "Réf. client": "number",
        "Date prévue": "due_date",
        "Montant net": "ht",
        "A=B": "total",
        x: "due_date",
      },
    });
  });

  it("rejects malformed specs and unknown fields", () => {
    expect(parseMapOption(["Commercial"])).toEqual({
      ok: false,
      problem: { code: "map.invalid", params: { spec: "Commercial" } },
    });
    expect(parseMapOption(["=notes"])).toMatchObject({ ok: false, problem: { code: "map.invalid" } });
    expect(parseMapOption(["Commercial=vendeur"])).toMatchObject({
      ok: false,
      problem: { code: "map.unknown_field", params: { field: "vendeur" } },
    });
  });

  it("knows every TrackingField by name", () => {
    for (const f of Object.keys(EXPECTED)) expect(fieldFromName(f)).toBe(f);
    expect(fieldFromName("ignorer")).toBe("ignore");
  });
});
