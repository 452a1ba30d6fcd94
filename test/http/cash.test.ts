import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AS_OF,
  addClient,
  addInvoice,
  agingFixture,
  BRAVO_SIREN,
  EXPECTED_COLLECTED,
  EXPECTED_ROWS,
  EXPECTED_TOTAL,
} from "../cash/fixture.js";
import { testDialects } from "../support/databases.js";
import { type Agent, signUp, startTestServer, type TestServer } from "../support/http.js";
import { pdfText } from "../support/pdf-text.js";

type Amounts = typeof EXPECTED_TOTAL;
interface AgingJson {
  as_of: string;
  rows: (Amounts & { client_id: string; name: string })[];
  total: Amounts;
}

describe.each(testDialects())("aging balance and « Encaissée » export on %s", (dialect) => {
  let s: TestServer;
  let owner: Agent;
  let other: Agent;
  let clients: Record<string, string>;

  beforeAll(async () => {
    s = await startTestServer(dialect, { now: "2025-07-10T08:00:00Z" });
    owner = await signUp(s.app, { organization: "Plomberie Martin" });
    clients = await agingFixture(s.ctx, owner.orgId);
    // another organization's ledger: never in A's reports
    other = await signUp(s.app, { organization: "Autre SARL" });
    const z = await addClient(s.ctx, other.orgId, "Zulu Confidentiel", "732829320");
    await addInvoice(s.ctx, other.orgId, z, "Z-1", { total: 777_00, issue: "2025-05-01", due: "2025-05-15" });
  });
  afterAll(async () => {
    await s?.close();
  });

  it("buckets each client's balance as of a day, exactly to the cent", async () => {
    const res = await owner.get("/api/v1/aging", { query: { as_of: AS_OF } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<AgingJson>();
    expect(body.as_of).toBe(AS_OF);
    expect(body.rows.map(({ client_id, ...r }) => r)).toEqual(EXPECTED_ROWS);
    expect(body.rows.map((r) => r.client_id)).toEqual([clients.a, clients.b]);
    expect(body.total).toEqual(EXPECTED_TOTAL);
    expect(res.body).not.toContain("Zulu");
  });

  it("counts the later payment and invoice today (2025-07-10), not as of 06-30", async () => {
    const body = (await owner.get("/api/v1/aging")).json<AgingJson>();
    expect(body.as_of).toBe("2025-07-10");
    const alpha = body.rows.find((r) => r.name === "Alpha SARL");
    // A1: 700 € left, 40 days late; A2: 101 days; A3 due 08-01: not due
    expect(alpha).toMatchObject({ not_due_cents: 700_00, d31_60_cents: 700_00, over_90_cents: 380_00 });
    expect(alpha?.total_cents).toBe(1780_00);
  });

  it("counts invoices paid later as still owed earlier (as of 2025-06-05)", async () => {
    const body = (await owner.get("/api/v1/aging", { query: { as_of: "2025-06-05" } })).json<AgingJson>();
    const row = (name: string) => body.rows.find((r) => r.name === name);
    // A1 5 days late, A2 66 days (its credit note comes on 06-15); A3 and B4 not issued yet
    expect(row("Alpha SARL")).toMatchObject({
      d1_30_cents: 1000_00,
      d61_90_cents: 500_00,
      total_cents: 1500_00,
    });
    // B1 (paid 06-30) not due; B2 600 € 35 days late, B3 90 € 36 days
    expect(row("Bravo SAS")).toMatchObject({
      not_due_cents: 250_00,
      d31_60_cents: 690_00,
      total_cents: 940_00,
    });
    // C1, paid on 06-10, 5 days late
    expect(row("Charlie")).toMatchObject({ d1_30_cents: 400_00, total_cents: 400_00, invoices: 1 });
    expect(body.total.total_cents).toBe(2840_00);
  });

  it("answers 400 to a bad date, and the other organization sees only its own", async () => {
    for (const url of ["/api/v1/aging", "/api/v1/aging.xlsx", "/api/v1/aging.pdf"]) {
      const bad = await owner.get(url, { query: { as_of: "2025-02-30" } });
      expect(bad.statusCode, bad.body).toBe(400);
      expect(bad.json()).toMatchObject({ error: { code: "invalid_input" } });
    }
    const theirs = (await other.get("/api/v1/aging", { query: { as_of: AS_OF } })).json<AgingJson>();
    expect(theirs.rows.map((r) => r.name)).toEqual(["Zulu Confidentiel"]);
    expect(theirs.total.total_cents).toBe(777_00);
    const collected = (
      await other.get("/api/v1/collected.json", { query: { from: "2025-01-01", to: "2025-12-31" } })
    ).json<{ rows: unknown[] }>();
    expect(collected.rows).toEqual([]);
  });

  it("writes the XLSX: one row per client, the totals row", async () => {
    const res = await owner.get("/api/v1/aging.xlsx", { query: { as_of: AS_OF } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-disposition"]).toContain(`balance-agee-plomberie-martin-${AS_OF}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.name).toBe("Balance âgée");
    const values = (r: number) => (sheet?.getRow(r).values as unknown[]).slice(1);
    expect(values(1)).toEqual([
      "Client",
      "Non échu",
      "1–30 jours",
      "31–60 jours",
      "61–90 jours",
      "> 90 jours",
      "Total",
      "Factures",
    ]);
    expect(values(2)).toEqual(["Alpha SARL", 0, 1000, 0, 0, 380, 1380, 2]);
    expect(values(3)).toEqual(["Bravo SAS", 1234.56, 0, 600, 50, 0, 1884.56, 3]);
    expect(values(4)).toEqual(["Total", 1234.56, 1000, 600, 50, 380, 3264.56, 5]);
  });

  it("writes the PDF: clients, amounts, totals", async () => {
    const res = await owner.get("/api/v1/aging.pdf", { query: { as_of: AS_OF } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    const text = await pdfText(res.rawPayload);
    expect(text).toContain("Balance âgée au 30/06/2025");
    expect(text).toMatch(/Alpha SARL 0,00 € 1 000,00 € 0,00 € 0,00 € 380,00 € 1 380,00 €/);
    expect(text).toMatch(/Bravo SAS 1 234,56 € 0,00 € 600,00 € 50,00 € 0,00 € 1 884,56 €/);
    expect(text).toMatch(/Total 1 234,56 € 1 000,00 € 600,00 € 50,00 € 380,00 € 3 264,56 €/);
    expect(text).not.toContain("Zulu");
  });

  it("exports the « Encaissée » rows as JSON", async () => {
    const res = await owner.get("/api/v1/collected.json", {
      query: { from: "2025-06-01", to: "2025-06-30" },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ from: "2025-06-01", to: "2025-06-30", rows: EXPECTED_COLLECTED });
  });

  it("exports them as CSV: semicolons, BOM, decimal comma, formulas neutralised", async () => {
    const res = await owner.get("/api/v1/collected.csv", { query: { from: "01/06/2025", to: "2025-06-30" } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(res.rawPayload.toString("utf8")).toBe(
      "\uFEFFnumero_facture;date_facture;siren_client;date_encaissement;montant_centimes;montant_euros;mode_paiement;code_statut;libelle_statut\r\n" +
        `F-B2;2025-04-01;${BRAVO_SIREN};2025-06-01;20000;200,00;transfer;212;Encaissée\r\n` +
        "F-C1;2025-05-01;;2025-06-10;40000;400,00;cheque;212;Encaissée\r\n" +
        `'=1+2;2025-03-31;${BRAVO_SIREN};2025-06-30;4000;40,00;transfer;212;Encaissée\r\n` +
        `F-B1;2025-06-01;${BRAVO_SIREN};2025-06-30;25000;250,00;transfer;212;Encaissée\r\n`,
    );
  });

  it("answers 400 to a missing, bad or reversed period", async () => {
    const periods: Record<string, string>[] = [
      { from: "2025-06-01" },
      { from: "2025-06-31", to: "2025-07-01" },
      { from: "2025-07-01", to: "2025-06-01" },
    ];
    for (const query of periods) {
      for (const ext of ["json", "csv"]) {
        const res = await owner.get(`/api/v1/collected.${ext}`, { query });
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json()).toMatchObject({ error: { code: "invalid_input" } });
      }
    }
  });
});
