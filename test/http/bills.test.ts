import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../support/databases.js";
import { type Agent, memberWithRole, signUp, startTestServer, type TestServer } from "../support/http.js";
import { pdfText } from "../support/pdf-text.js";

interface Bill {
  id: string;
  state: string;
  amount_cents: number;
  actions: string[];
  invoices: { number: string; amount_cents: number }[];
  unpaid_on: string | null;
}
interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

const LINE = {
  description: "Pose d'un chauffe-eau",
  quantity_milli: 1000,
  unit_price_cents: 100_000,
  vat_rate_bp: 2000,
};

describe.each(testDialects())("bills and duplicates API on %s", (dialect) => {
  let s: TestServer;
  let owner: Agent;
  let viewer: Agent;
  let pro: string;
  let consumer: string;
  let invoiceId: string;

  beforeAll(async () => {
    // today is 2025-06-30 (Paris)
    s = await startTestServer(dialect);
    owner = await signUp(s.app, { organization: "Atelier Martin" });
    viewer = await memberWithRole(owner, "viewer");
    const org = await owner.request("PATCH", "/api/v1/organization", {
      city: "Lyon",
      address: "12 rue de la République",
      postal_code: "69002",
    });
    expect(org.statusCode, org.body).toBe(200);
    const c = await owner.post("/api/v1/clients", {
      kind: "business",
      name: "Boulangerie Dupont",
      address: "4 place Bellecour",
      postal_code: "69002",
      city: "Lyon",
    });
    expect(c.statusCode, c.body).toBe(201);
    pro = c.json<{ id: string }>().id;
    const p = await owner.post("/api/v1/clients", { kind: "consumer", name: "Claire Petit" });
    consumer = p.json<{ id: string }>().id;
    const inv = await owner.post("/api/v1/invoices", {
      client_id: pro,
      number: "F-1",
      issue_date: "2025-05-01",
      due_date: "2025-05-31",
      lines: [LINE],
    });
    expect(inv.statusCode, inv.body).toBe(201);
    invoiceId = inv.json<{ id: string }>().id;
    const pay = await owner.post("/api/v1/payments", {
      date: "2025-06-15",
      amount_cents: 20_000,
      method: "transfer",
      reference: "VIR 42",
      allocations: [{ invoice_id: invoiceId, amount_cents: 20_000 }],
    });
    expect(pay.statusCode, pay.body).toBe(201);
    await owner.post("/api/v1/invoices", {
      client_id: consumer,
      number: "P-1",
      issue_date: "2025-05-01",
      due_date: "2025-05-31",
      total_ttc_cents: 5_000,
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  it("serves an invoice's duplicate as a PDF marked DUPLICATA, with its lines, payments and balance", async () => {
    const res = await viewer.get(`/api/v1/invoices/${invoiceId}/duplicate.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    const text = (await pdfText(res.rawPayload)).replace(/\s+/g, " ");
    expect(text).toContain("DUPLICATA");
    expect(text).toContain("Facture n° F-1");
    expect(text).toContain("Pose d'un chauffe-eau");
    expect(text).toContain("Total TTC 1 200,00 €");
    expect(text).toContain("VIR 42 200,00 €");
    expect(text).toContain("Reste à payer 1 000,00 €");
    expect(text).toContain("40 €");
    expect(
      (await owner.get("/api/v1/invoices/0190a0a0-0000-7000-8000-000000000000/duplicate.pdf")).statusCode,
    ).toBe(404);
  });

  it("issues, lists, serves the PDF of a bill, and walks it to unpaid; refused steps answer 400 and change nothing", async () => {
    const forbidden = await viewer.post("/api/v1/bills", { client_id: pro, due_on: "2025-07-31" });
    expect(forbidden.statusCode).toBe(403);
    const refused = await owner.post("/api/v1/bills", { client_id: consumer, due_on: "2025-07-31" });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<ErrorBody>().error.message).toContain("ne peut être tirée que sur un professionnel");

    const past = await owner.post("/api/v1/bills", { client_id: pro, due_on: "2025-06-07" });
    expect(past.statusCode).toBe(400);
    expect(past.json<ErrorBody>().error.message).toBe(
      "L'échéance (07/06/2025) est antérieure à la date de création (30/06/2025).",
    );
    const pastEn = await owner.post(
      "/api/v1/bills",
      { client_id: pro, due_on: "2025-06-07" },
      { headers: { "accept-language": "en" } },
    );
    expect(pastEn.json<ErrorBody>().error.message).toBe(
      "The due date (7 Jun 2025) is before the issue date (30 Jun 2025).",
    );
    const issued = await owner.post("/api/v1/bills", { client_id: pro, due_on: "2025-07-31" });
    expect(issued.statusCode, issued.body).toBe(201);
    const bill = issued.json<Bill>();
    expect(bill).toMatchObject({
      state: "issued",
      amount_cents: 100_000,
      invoices: [{ number: "F-1", amount_cents: 100_000 }],
    });
    const list = await viewer.get("/api/v1/bills", { query: { client_id: pro } });
    expect(list.json<{ data: Bill[] }>().data.map((b) => b.id)).toEqual([bill.id]);
    expect(
      (await viewer.get("/api/v1/bills", { query: { state: "paid" } })).json<{ data: Bill[] }>().data,
    ).toEqual([]);
    expect((await viewer.get("/api/v1/bills", { query: { state: "lost" } })).statusCode).toBe(400);

    const pdf = await viewer.get(`/api/v1/bills/${bill.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, " ");
    expect(text).toContain(
      "Contre cette LETTRE DE CHANGE stipulée sans frais, veuillez payer la somme de 1 000,00 € (mille euros)",
    );

    const before = (await owner.get(`/api/v1/bills/${bill.id}`)).body;
    const early = await owner.post(`/api/v1/bills/${bill.id}/unpaid`, {});
    expect(early.statusCode).toBe(400);
    expect(early.json<ErrorBody>().error).toMatchObject({ code: "invalid_input" });
    expect(early.json<ErrorBody>().error.message).toBe(
      "Une lettre de change ne peut être impayée avant son échéance (31/07/2025).",
    );
    const earlyEn = await owner.post(
      `/api/v1/bills/${bill.id}/unpaid`,
      {},
      { headers: { "accept-language": "en" } },
    );
    expect(earlyEn.json<ErrorBody>().error.message).toBe(
      "A bill of exchange cannot be unpaid before its due date (31 Jul 2025).",
    );
    const tomorrow = await owner.post(`/api/v1/bills/${bill.id}/accept`, { date: "2025-07-01" });
    expect(tomorrow.json<ErrorBody>().error.message).toBe("La date 01/07/2025 est dans le futur.");
    const badDate = await owner.post(`/api/v1/bills/${bill.id}/accept`, { date: "2025-02-30" });
    expect(badDate.statusCode).toBe(400);
    expect((await owner.get(`/api/v1/bills/${bill.id}`)).body).toBe(before);

    const accepted = await owner.post(`/api/v1/bills/${bill.id}/accept`, { date: "2025-06-30" });
    expect(accepted.json<Bill>()).toMatchObject({
      state: "accepted",
      actions: ["present", "pay", "unpaid", "cancel"],
    });
    const cancelled = await owner.post(`/api/v1/bills/${bill.id}/cancel`, {});
    expect(cancelled.json<Bill>().state).toBe("cancelled");
    const again = await owner.post(`/api/v1/bills/${bill.id}/pay`, {});
    expect(again.statusCode).toBe(400);
    expect(again.json<ErrorBody>().error.message).toContain("annulée");
    const invoice = (await owner.get(`/api/v1/invoices/${invoiceId}`)).json<{
      hold_kind: string | null;
      balance_cents: number;
    }>();
    expect(invoice).toMatchObject({ hold_kind: null, balance_cents: 100_000 });
  });
});
