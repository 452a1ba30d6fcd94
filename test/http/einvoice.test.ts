import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEInvoice } from "../../src/formats/einvoice/read-einvoice.js";
import { testDialects } from "../support/databases.js";
import { type Agent, memberWithRole, signUp, startTestServer, type TestServer } from "../support/http.js";

describe.each(testDialects())("Factur-X and e-invoice XML API on %s", (dialect) => {
  let s: TestServer;
  let owner: Agent;
  let id: string;

  beforeAll(async () => {
    s = await startTestServer(dialect);
    owner = await signUp(s.app, { organization: "Atelier Martin" });
    const org = await owner.request("PATCH", "/api/v1/organization", {
      address: "12 rue de la République",
      postal_code: "69002",
      city: "Lyon",
      siren: "552100554",
      vat_number: "FR96552100554",
      iban: "FR7630006000011234567890189",
      bic: "AGRIFRPP",
    });
    expect(org.statusCode, org.body).toBe(200);
    const c = await owner.post("/api/v1/clients", {
      kind: "business",
      name: "Boulangerie Dupont",
      siren: "732829320",
    });
    const client = c.json<{ id: string }>().id;
    const made = await owner.post("/api/v1/invoices", {
      client_id: client,
      issue_date: "2025-06-02",
      due_date: "2025-07-02",
      lines: [
        {
          description: "Pose d'un chauffe-eau",
          quantity_milli: 1000,
          unit_price_cents: 85_000,
          vat_rate_bp: 1000,
        },
      ],
    });
    expect(made.statusCode, made.body).toBe(201);
    id = made.json<{ id: string }>().id;
  });
  afterAll(async () => {
    await s?.close();
  });

  it("serves the Factur-X PDF and the CII / UBL XML to the owner and a viewer", async () => {
    const pdf = await owner.get(`/api/v1/invoices/${id}/facturx.pdf`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.headers["content-disposition"]).toBe('attachment; filename="factur-x-F-2025-0001.pdf"');
    const read = readEInvoice(pdf.rawPayload);
    expect(read.ok && read.invoice).toMatchObject({ number: "F-2025-0001", totalTtcCents: 93_500 });

    const viewer = await memberWithRole(owner, "viewer");
    for (const syntax of ["cii", "ubl"]) {
      const xml = await viewer.get(`/api/v1/invoices/${id}/einvoice.xml`, { query: { syntax } });
      expect(xml.statusCode, xml.body).toBe(200);
      expect(xml.headers["content-type"]).toBe("application/xml; charset=utf-8");
      const back = readEInvoice(xml.rawPayload);
      expect(back.ok && back.invoice).toMatchObject({ syntax, number: "F-2025-0001", totalTtcCents: 93_500 });
    }
    const byDefault = await owner.get(`/api/v1/invoices/${id}/einvoice.xml`);
    expect(byDefault.body).toContain("rsm:CrossIndustryInvoice");
    const bad = await owner.get(`/api/v1/invoices/${id}/einvoice.xml`, { query: { syntax: "pdf" } });
    expect(bad.statusCode).toBe(400);
  });

  it("answers 404 for another organization's invoice and 409 for an invoice without lines", async () => {
    const stranger = await signUp(s.app, { organization: "Autre SARL" });
    expect((await stranger.get(`/api/v1/invoices/${id}/facturx.pdf`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/v1/invoices/${id}/einvoice.xml`)).statusCode).toBe(404);
    const c = await owner.post("/api/v1/clients", { kind: "business", name: "Garage Leroy" });
    const totals = await owner.post("/api/v1/invoices", {
      client_id: c.json<{ id: string }>().id,
      number: "ANC-1",
      issue_date: "2025-06-02",
      due_date: "2025-07-02",
      total_ttc_cents: 12_000,
    });
    expect(totals.statusCode, totals.body).toBe(201);
    const conflict = await owner.get(`/api/v1/invoices/${totals.json<{ id: string }>().id}/facturx.pdf`);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toMatchObject({ error: { code: "conflict" } });
    expect(conflict.json<{ error: { message: string } }>().error.message).toContain("ANC-1");
  });
});
