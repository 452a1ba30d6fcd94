import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../support/databases.js";
import { type Agent, memberWithRole, signUp, startTestServer, type TestServer } from "../support/http.js";
import { pdfText } from "../support/pdf-text.js";

const LINES = [
  { description: "Pose d'un chauffe-eau", quantity_milli: 1000, unit_price_cents: 85_000, vat_rate_bp: 1000 },
  { description: "Déplacement", quantity_milli: 1500, unit_price_cents: 4_000, vat_rate_bp: 2000 },
];
const text = async (pdf: Buffer) => (await pdfText(pdf)).replace(/\s+/g, " ");

describe.each(testDialects())("issued invoice PDF and numbering API on %s", (dialect) => {
  let s: TestServer;
  let owner: Agent;
  let viewer: Agent;
  let pro: string;
  let consumer: string;

  beforeAll(async () => {
    // today is 2025-06-30 (Paris)
    s = await startTestServer(dialect);
    owner = await signUp(s.app, { organization: "Atelier Martin" });
    viewer = await memberWithRole(owner, "viewer");
    const org = await owner.request("PATCH", "/api/v1/organization", {
      legal_form: "SARL",
      address: "12 rue de la République",
      postal_code: "69002",
      city: "Lyon",
      siren: "552100554",
      siret: "55210055400013",
      vat_number: "FR96552100554",
      iban: "FR7630006000011234567890189",
      bic: "AGRIFRPP",
    });
    expect(org.statusCode, org.body).toBe(200);
    const c = await owner.post("/api/v1/clients", {
      kind: "business",
      name: "Boulangerie Dupont",
      siren: "732829320",
      vat_number: "FR44732829320",
      address: "4 place Bellecour",
      postal_code: "69002",
      city: "Lyon",
    });
    expect(c.statusCode, c.body).toBe(201);
    pro = c.json<{ id: string }>().id;
    const p = await owner.post("/api/v1/clients", { kind: "consumer", name: "Claire Petit" });
    consumer = p.json<{ id: string }>().id;
  });
  afterAll(async () => {
    await s?.close();
  });

  it("proposes then assigns the next number of the year's series when none is given", async () => {
    const proposed = await owner.get("/api/v1/invoices/next-number", { query: { issue_date: "2025-05-01" } });
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect(proposed.json()).toEqual({ prefix: "F-2025-", number: "F-2025-0001" });
    const bad = await owner.get("/api/v1/invoices/next-number", { query: { issue_date: "2025-02-30" } });
    expect(bad.statusCode).toBe(400);
    const made = await owner.post("/api/v1/invoices", {
      client_id: pro,
      issue_date: "2025-05-01",
      delivery_date: "2025-04-28",
      due_date: "2025-05-31",
      lines: LINES,
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json<{ number: string }>().number).toBe("F-2025-0001");
    const next = await owner.get("/api/v1/invoices/next-number", { query: { issue_date: "2025-06-01" } });
    expect(next.json<{ number: string }>().number).toBe("F-2025-0002");
  });

  it("serves the issued invoice with every mention, the balance and the payment details", async () => {
    const made = await owner.post("/api/v1/invoices", {
      client_id: pro,
      issue_date: "2025-06-02",
      delivery_date: "2025-05-30",
      due_date: "2025-07-02",
      lines: LINES,
    });
    const { id, number } = made.json<{ id: string; number: string }>();
    expect(number).toBe("F-2025-0002");
    const pay = await owner.post("/api/v1/payments", {
      date: "2025-06-15",
      amount_cents: 20_000,
      method: "transfer",
      allocations: [{ invoice_id: id, amount_cents: 20_000 }],
    });
    expect(pay.statusCode, pay.body).toBe(201);

    const res = await viewer.get(`/api/v1/invoices/${id}/invoice.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toContain("facture-F-2025-0002.pdf");
    const t = await text(res.rawPayload);
    expect(t).not.toContain("DUPLICATA");
    for (const part of [
      "Facture n° F-2025-0002",
      // seller
      "Atelier Martin",
      "SIREN 552100554",
      "SIRET 55210055400013",
      "TVA intracommunautaire FR96552100554",
      "12 rue de la République",
      // buyer (its SIREN: e-invoicing reform)
      "Boulangerie Dupont",
      "SIREN 732829320",
      "TVA intracommunautaire FR44732829320",
      "4 place Bellecour",
      // dates
      "Date d'émission 02/06/2025",
      "Date de livraison ou d'exécution 30/05/2025",
      "Date d'échéance 02/07/2025",
      // lines, VAT per rate, totals
      "Pose d'un chauffe-eau",
      "10 %",
      "TVA 20 % sur 60,00 € 12,00 €",
      "TVA 10 % sur 850,00 € 85,00 €",
      "Total HT 910,00 €",
      "Total TTC 1 007,00 €",
      "Net à payer 807,00 €",
      // conditions
      "Pas d'escompte pour paiement anticipé",
      "taux de refinancement de la BCE majoré de 10 points",
      "indemnité forfaitaire pour frais de recouvrement de 40 €",
      // payment
      "FR76 3000 6000 0112 3456 7890 189",
      "AGRIFRPP",
      "Référence à indiquer : F-2025-0002",
    ]) {
      expect(t).toContain(part);
    }
    expect(t).not.toContain("293 B");
    // the EPC QR code is an image in the PDF
    expect(res.rawPayload.toString("latin1")).toContain("/Subtype /Image");
    expect(
      (await owner.get("/api/v1/invoices/0190a0a0-0000-7000-8000-000000000000/invoice.pdf")).statusCode,
    ).toBe(404);
    const stranger = await signUp(s.app, { organization: "Autre SARL" });
    expect((await stranger.get(`/api/v1/invoices/${id}/invoice.pdf`)).statusCode).toBe(404);
  });

  it("to a consumer: no penalty clause nor 40 € indemnity; a paid invoice carries no QR code", async () => {
    const made = await owner.post("/api/v1/invoices", {
      client_id: consumer,
      number: "P-1",
      issue_date: "2025-06-02",
      due_date: "2025-06-02",
      lines: [LINES[0]],
    });
    const { id } = made.json<{ id: string }>();
    const t = await text((await owner.get(`/api/v1/invoices/${id}/invoice.pdf`)).rawPayload);
    expect(t).toContain("Facture n° P-1");
    expect(t).toContain("Pas d'escompte pour paiement anticipé");
    expect(t).not.toContain("40 €");
    expect(t).not.toContain("pénalités");
    const pay = await owner.post("/api/v1/payments", {
      date: "2025-06-15",
      amount_cents: 93_500,
      method: "transfer",
      allocations: [{ invoice_id: id, amount_cents: 93_500 }],
    });
    expect(pay.statusCode, pay.body).toBe(201);
    const paid = await owner.get(`/api/v1/invoices/${id}/invoice.pdf`);
    const pt = await text(paid.rawPayload);
    expect(pt).toContain("Facture acquittée");
    expect(paid.rawPayload.toString("latin1")).not.toContain("/Subtype /Image");
  });

  it("prints the nature of the operations and the VAT-on-debits option once set in the organization's settings", async () => {
    const made = await owner.post("/api/v1/invoices", {
      client_id: pro,
      number: "M-1",
      issue_date: "2025-06-02",
      due_date: "2025-07-02",
      lines: [LINES[0]],
    });
    const { id } = made.json<{ id: string }>();
    const before = await text((await owner.get(`/api/v1/invoices/${id}/invoice.pdf`)).rawPayload);
    expect(before).not.toContain("débits");
    expect(before).not.toContain("Nature de l'opération");
    const bad = await owner.request("PATCH", "/api/v1/organization", { operation_category: "travaux" });
    expect(bad.statusCode).toBe(400);
    expect((await viewer.request("PATCH", "/api/v1/organization", { vat_on_debits: true })).statusCode).toBe(
      403,
    );
    const set = await owner.request("PATCH", "/api/v1/organization", {
      operation_category: "services",
      vat_on_debits: true,
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ operation_category: "services", vat_on_debits: true });
    const after = await text((await owner.get(`/api/v1/invoices/${id}/invoice.pdf`)).rawPayload);
    expect(after).toContain("Nature de l'opération : Prestation de services.");
    expect(after).toContain("Option pour le paiement de la taxe d'après les débits");
    const cleared = await owner.request("PATCH", "/api/v1/organization", {
      operation_category: null,
      vat_on_debits: false,
    });
    expect(cleared.json()).toMatchObject({ operation_category: null, vat_on_debits: false });
  });

  it("under the VAT franchise: « TVA non applicable, art. 293 B du CGI » and no VAT line", async () => {
    const micro = await signUp(s.app, { organization: "Jeanne Micro" });
    const c = await micro.post("/api/v1/clients", {
      kind: "business",
      name: "Garage Durand",
      siren: "732829320",
    });
    const made = await micro.post("/api/v1/invoices", {
      client_id: c.json<{ id: string }>().id,
      issue_date: "2025-06-02",
      lines: [{ description: "Site web", quantity_milli: 1000, unit_price_cents: 50_000, vat_rate_bp: 0 }],
    });
    expect(made.statusCode, made.body).toBe(201);
    const { id, number } = made.json<{ id: string; number: string }>();
    expect(number).toBe("F-2025-0001");
    const t = await text((await micro.get(`/api/v1/invoices/${id}/invoice.pdf`)).rawPayload);
    expect(t).toContain("TVA non applicable, art. 293 B du CGI");
    expect(t).not.toContain("TVA 0 %");
    expect(t).toContain("Total TTC 500,00 €");
  });
});
