import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../support/databases.js";
import { type Agent, memberWithRole, signUp, startTestServer, type TestServer } from "../support/http.js";
import { pdfText } from "../support/pdf-text.js";
import { expectError, json } from "./ledger-fixtures.js";

const LINE = { description: "Dépannage", quantity_milli: 1000, unit_price_cents: 50000, vat_rate_bp: 2000 };

interface Plan {
  id: string;
  state: string;
  total_cents: number;
  signed_on: string | null;
  document_id: string | null;
  installments: { due_on: string; amount_cents: number; state: string }[];
}

describe.each(testDialects())("payment plans API (%s)", (dialect) => {
  let s: TestServer;
  let owner: Agent;
  let viewer: Agent;
  let clientId: string;
  let invoiceIds: string[];

  beforeAll(async () => {
    // today is 2025-06-30 in Paris
    s = await startTestServer(dialect);
    owner = await signUp(s.app, { organization: "Plomberie Martin" });
    viewer = await memberWithRole(owner, "viewer");
    clientId = json<{ id: string }>(
      await owner.post("/api/v1/clients", {
        kind: "business",
        name: "Boulangerie Dupont",
        contacts: [{ email: "compta@dupont.fr", is_billing: true }],
      }),
      201,
    ).id;
    invoiceIds = [];
    for (const number of ["F-1", "F-2"]) {
      const invoice = json<{ id: string }>(
        await owner.post("/api/v1/invoices", {
          client_id: clientId,
          number,
          issue_date: "2025-04-01",
          due_date: "2025-05-01",
          lines: [LINE],
        }),
        201,
      );
      invoiceIds.push(invoice.id);
    }
  });
  afterAll(() => s.close());

  it("previews, creates, lists, signs and cancels; the PDF is the acknowledgement of debt", async () => {
    const preview = json<{ balance_cents: number; installments: { amount_cents: number; due_on: string }[] }>(
      await owner.post("/api/v1/plans/preview", {
        client_id: clientId,
        count: 7,
        first_on: "2025-07-15",
        frequency: "biweekly",
      }),
    );
    expect(preview.balance_cents).toBe(120_000);
    expect(preview.installments.reduce((sum, i) => sum + i.amount_cents, 0)).toBe(120_000);
    expect(preview.installments.map((i) => i.amount_cents)).toEqual([
      17_143, 17_143, 17_143, 17_143, 17_143, 17_143, 17_142,
    ]);
    expect(preview.installments[1]?.due_on).toBe("2025-07-29");
    expect(json<{ data: unknown[] }>(await owner.get("/api/v1/plans")).data).toEqual([]);

    const plan = json<Plan>(
      await owner.post("/api/v1/plans", {
        client_id: clientId,
        invoice_ids: [invoiceIds[0]],
        count: 3,
        first_on: "2025-07-15",
        grace_days: 3,
      }),
      201,
    );
    expect(plan).toMatchObject({ state: "draft", total_cents: 60_000 });
    expect(plan.installments.map((i) => i.amount_cents)).toEqual([20_000, 20_000, 20_000]);
    const listed = json<{ data: Plan[] }>(
      await viewer.get(`/api/v1/plans?client_id=${clientId}&state=draft`),
    );
    expect(listed.data.map((p) => p.id)).toEqual([plan.id]);
    expect(json<{ data: Plan[] }>(await viewer.get("/api/v1/plans?state=active")).data).toEqual([]);
    expectError(await owner.get("/api/v1/plans?state=bogus"), 400, "invalid_input");
    expectError(await viewer.post(`/api/v1/plans/${plan.id}/sign`, {}), 403, "forbidden");

    const pdf = await owner.get(`/api/v1/plans/${plan.id}/acknowledgement.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const text = await pdfText(pdf.rawPayload);
    for (const part of [
      "Plomberie Martin",
      "Boulangerie Dupont",
      "F-1",
      "six cents euros",
      "600,00",
      "200,00",
      "15 juillet 2025",
      "déchéance du terme",
    ]) {
      expect(text).toContain(part);
    }
    expect(text).not.toContain("F-2");

    const signed = json<Plan>(await owner.post(`/api/v1/plans/${plan.id}/sign`, { signed_on: "2025-06-29" }));
    expect(signed).toMatchObject({ state: "active", signed_on: "2025-06-29" });
    expect(signed.document_id).not.toBeNull();
    // the acknowledgement of debt (reconnaissance de dette) is a document of its own kind, not a contract
    const documents = json<{ data: { id: string; kind: string; filename: string }[] }>(
      await viewer.get(`/api/v1/documents?client_id=${clientId}`),
    ).data;
    expect(documents).toEqual([
      expect.objectContaining({
        id: signed.document_id,
        kind: "acknowledgement",
        filename: expect.stringMatching(/^reconnaissance-de-dette-/),
      }),
    ]);
    const invoice = json<{ hold_kind?: string | null; hold?: { kind: string | null } }>(
      await owner.get(`/api/v1/invoices/${invoiceIds[0]}`),
    );
    expect(JSON.stringify(invoice)).toContain('"plan"');
    expectError(await owner.post(`/api/v1/plans/${plan.id}/cancel`), 409, "conflict");

    const other = json<Plan>(
      await owner.post("/api/v1/plans", {
        client_id: clientId,
        dates: ["2025-07-01", "2025-08-01"],
        amounts: [10_000, 50_000],
      }),
      201,
    );
    expect(other.installments.map((i) => [i.due_on, i.amount_cents])).toEqual([
      ["2025-07-01", 10_000],
      ["2025-08-01", 50_000],
    ]);
    expect(json<Plan>(await owner.post(`/api/v1/plans/${other.id}/cancel`)).state).toBe("cancelled");
  });

  it("refuses bad input with 400 and writes nothing", async () => {
    const before = json<{ data: unknown[] }>(await owner.get("/api/v1/plans")).data.length;
    const bad: [unknown, string][] = [
      [{ client_id: clientId, count: 37, first_on: "2025-07-15" }, "count"],
      [{ client_id: clientId, count: 3, first_on: "2025-06-01" }, "first_on"],
      [{ client_id: clientId, count: 3, first_on: "2025-02-30" }, "first_on"],
      [{ client_id: clientId, dates: ["2025-08-01", "2025-07-01"] }, "dates"],
      [{ client_id: clientId, dates: ["2025-07-01", "2025-08-01"], amounts: [1, 2] }, "dates"],
      [{ client_id: clientId, dates: ["2025-07-01"], amounts: [0] }, "amounts.0"],
      [{ client_id: clientId }, "count"],
      [{ client_id: clientId, count: 3, first_on: "2025-07-15", grace_days: -1 }, "grace_days"],
      [{ client_id: clientId, count: 3, first_on: "2025-07-15", invoice_ids: ["nope"] }, "invoice_ids.0"],
    ];
    for (const [body, path] of bad) {
      expect(expectError(await owner.post("/api/v1/plans", body), 400, "invalid_input")).toContain(path);
    }
    expectError(
      await owner.post("/api/v1/plans", {
        client_id: "00000000-0000-7000-8000-000000000000",
        count: 2,
        first_on: "2025-07-15",
      }),
      404,
      "not_found",
    );
    expect(json<{ data: unknown[] }>(await owner.get("/api/v1/plans")).data.length).toBe(before);
  });

  it("words the dates of its errors as the messages do, in the request's language", async () => {
    const message = async (
      path: string,
      body: unknown,
      lang: "fr" | "en",
    ): Promise<{ message: string; details: { path: string; message: string }[] }> => {
      const res = await owner.post(path, body, { headers: { "accept-language": lang } });
      expect(res.statusCode, res.body).toBe(400);
      return (res.json() as { error: { message: string; details: { path: string; message: string }[] } })
        .error;
    };
    const past = { client_id: clientId, count: 3, first_on: "2025-06-07" };
    for (const path of ["/api/v1/plans", "/api/v1/plans/preview"]) {
      const fr = await message(path, past, "fr");
      expect(fr.message).toBe("La date du 07/06/2025 est déjà passée.");
      expect(fr.details).toEqual([{ path: "first_on", message: "La date du 07/06/2025 est déjà passée." }]);
      expect((await message(path, past, "en")).message).toBe("The date 7 Jun 2025 has already passed.");
    }
    const custom = {
      client_id: clientId,
      installments: [
        { due_on: "2025-07-15", amount_cents: 100 },
        { due_on: "2025-06-29", amount_cents: 100 },
      ],
    };
    expect((await message("/api/v1/plans", custom, "fr")).details[0]?.path).toBe("installments.1.due_on");
    expect((await message("/api/v1/plans", custom, "fr")).message).toBe(
      "La date du 29/06/2025 est déjà passée.",
    );
    const unordered = { client_id: clientId, dates: ["2025-08-01", "2025-07-01"] };
    expect((await message("/api/v1/plans/preview", unordered, "fr")).message).toBe(
      "Les dates doivent se suivre strictement : le 01/07/2025 ne vient pas après la précédente.",
    );
    expect((await message("/api/v1/plans/preview", unordered, "en")).message).toBe(
      "The dates must strictly follow one another: 1 Jul 2025 does not come after the previous one.",
    );
    const draft = json<Plan>(
      await owner.post("/api/v1/plans", { client_id: clientId, count: 2, first_on: "2025-07-15" }),
      201,
    );
    const future = { signed_on: "2025-07-01" };
    expect((await message(`/api/v1/plans/${draft.id}/sign`, future, "fr")).message).toBe(
      "La date de signature (01/07/2025) est dans le futur.",
    );
    expect((await message(`/api/v1/plans/${draft.id}/sign`, future, "en")).message).toBe(
      "The signing date (1 Jul 2025) is in the future.",
    );
    expect(json<Plan>(await owner.post(`/api/v1/plans/${draft.id}/cancel`)).state).toBe("cancelled");
  });

  it("a plan signed without starting is started later (activate), once", async () => {
    const plan = json<Plan>(
      await owner.post("/api/v1/plans", {
        client_id: clientId,
        invoice_ids: [invoiceIds[1]],
        count: 2,
        first_on: "2025-07-15",
      }),
      201,
    );
    expectError(await owner.post(`/api/v1/plans/${plan.id}/activate`), 409, "conflict");
    const signed = json<Plan>(await owner.post(`/api/v1/plans/${plan.id}/sign`, { activate: false }));
    expect(signed.state).toBe("signed");
    expectError(await viewer.post(`/api/v1/plans/${plan.id}/activate`), 403, "forbidden");
    expect(json<Plan>(await owner.post(`/api/v1/plans/${plan.id}/activate`)).state).toBe("active");
    expect(JSON.stringify(json(await owner.get(`/api/v1/invoices/${invoiceIds[1]}`)))).toContain('"plan"');
    expectError(await owner.post(`/api/v1/plans/${plan.id}/activate`), 409, "conflict");
  });
});
