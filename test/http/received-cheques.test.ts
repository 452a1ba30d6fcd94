// POST /api/v1/invoices/:id/received-cheques: a cheque received, awaiting deposit (a declared payment), then the
// declared-payment routes on it; the error shape, another organization's invoice, the roles.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../support/databases.js";
import { type Agent, memberWithRole, signUp, startTestServer, type TestServer } from "../support/http.js";
import {
  addClient,
  addInvoice,
  expectError,
  type InvoiceDetail,
  json,
  type Page,
  snapshot,
} from "./ledger-fixtures.js";

interface Payment {
  id: string;
  date: string;
  amount_cents: number;
  method: string;
  reference: string | null;
  payer: string | null;
  client_id: string | null;
  state: string;
  source: string;
  declared_invoice_id: string | null;
  allocated_cents: number;
}

describe.each(testDialects())("received cheques API (%s)", (dialect) => {
  let s: TestServer;
  let owner: Agent;
  let stranger: Agent;
  let dupont: string;
  let foreignInvoice: string;

  const receive = (invoiceId: string, body: Record<string, unknown>, agent: Agent = owner) =>
    agent.post(`/api/v1/invoices/${invoiceId}/received-cheques`, body);
  const invoice = async (id: string) => json<InvoiceDetail>(await owner.get(`/api/v1/invoices/${id}`));

  beforeAll(async () => {
    s = await startTestServer(dialect);
    owner = await signUp(s.app, { organization: "Plomberie Martin" });
    stranger = await signUp(s.app, { organization: "Autre SARL" });
    dupont = await addClient(s, owner.orgId, "Boulangerie Dupont");
    const foreignClient = await addClient(s, stranger.orgId, "Client étranger");
    foreignInvoice = await addInvoice(s, stranger.orgId, foreignClient, {
      number: "E-1",
      total: 50000,
      due: "2025-05-01",
    });
  });
  afterAll(async () => s?.close());

  it("201 with the declared payment; listed with the invoice's payments; confirmed by the usual route", async () => {
    const id = await addInvoice(s, owner.orgId, dupont, { number: "F-1", total: 20000, due: "2025-05-15" });
    const made = json<Payment>(
      await receive(id, {
        amount_cents: 15000,
        received_on: "2025-06-27",
        cheque_number: " 1234567 ",
        drawer: "SARL Dupont",
        bank: "LCL",
      }),
      201,
    );
    expect(made).toMatchObject({
      date: "2025-06-27",
      amount_cents: 15000,
      method: "cheque",
      reference: "1234567",
      payer: "SARL Dupont",
      client_id: dupont,
      state: "declared",
      source: "staff",
      declared_invoice_id: id,
      allocated_cents: 0,
    });
    expect(await invoice(id)).toMatchObject({
      balance_cents: 20000,
      hold_kind: "manual",
      hold_until: "2025-07-10",
      hold_reason: "Chèque reçu, en attente d'encaissement",
    });
    const listed = json<Page<Payment>>(await owner.get(`/api/v1/payments?invoice_id=${id}`));
    expect(listed.data.map((p) => [p.id, p.state])).toEqual([[made.id, "declared"]]);

    // today's actions: a cheque to deposit, with the same confirm / reject as a portal declaration
    const dashboard = json<{ today_actions: { kind: string; title: string; payment_id: string | null }[] }>(
      await owner.get("/api/v1/dashboard"),
    );
    expect(dashboard.today_actions).toContainEqual(
      expect.objectContaining({
        kind: "declared_payment",
        title: "Chèque reçu à encaisser",
        payment_id: made.id,
      }),
    );

    const confirmed = json<Payment>(await owner.post(`/api/v1/payments/${made.id}/confirm`, {}));
    expect(confirmed).toMatchObject({ state: "confirmed", method: "cheque", allocated_cents: 15000 });
    expect(await invoice(id)).toMatchObject({ balance_cents: 5000, hold_kind: null });
  });

  it("rejected by the usual route: 204, the pause lifted", async () => {
    const id = await addInvoice(s, owner.orgId, dupont, { number: "F-2", total: 20000, due: "2025-05-15" });
    const made = json<Payment>(await receive(id, { amount_cents: 20000, received_on: "2025-06-30" }), 201);
    expect(made.payer).toBe("Boulangerie Dupont");
    const res = await owner.post(`/api/v1/payments/${made.id}/reject`, { reason: "Chèque sans provision" });
    expect(res.statusCode, res.body).toBe(204);
    expect(await invoice(id)).toMatchObject({ balance_cents: 20000, hold_kind: null });
  });

  it("400 with the field in the details for bad input; nothing written", async () => {
    const id = await addInvoice(s, owner.orgId, dupont, { number: "F-3", total: 20000, due: "2025-05-15" });
    const before = await snapshot(s, owner.orgId);
    expect(
      expectError(await receive(id, { amount_cents: 0, received_on: "2025-06-30" }), 400, "invalid_input"),
    ).toContain("amount_cents");
    expect(
      expectError(await receive(id, { amount_cents: 12.5, received_on: "2025-06-30" }), 400, "invalid_input"),
    ).toContain("amount_cents");
    expect(
      expectError(await receive(id, { amount_cents: 100, received_on: "2025-02-30" }), 400, "invalid_input"),
    ).toContain("received_on");
    expect(
      expectError(await receive(id, { amount_cents: 100, received_on: "2025-07-01" }), 400, "invalid_input"),
    ).toContain("received_on");
    expectError(
      await receive(id, { amount_cents: 100, received_on: "2025-06-30", x: 1 }),
      400,
      "invalid_input",
    );
    expect(await snapshot(s, owner.orgId)).toEqual(before);
  });

  it("404 for another organization's invoice or an unknown one; 409 for a settled invoice", async () => {
    const paid = await addInvoice(s, owner.orgId, dupont, {
      number: "F-4",
      total: 20000,
      paid: 20000,
      due: "2025-05-15",
    });
    const before = await snapshot(s, owner.orgId);
    const theirs = await snapshot(s, stranger.orgId);
    const body = { amount_cents: 100, received_on: "2025-06-30" };
    expectError(await receive(foreignInvoice, body), 404, "not_found");
    expectError(await receive("0190aaaa-0000-7000-8000-000000000000", body), 404, "not_found");
    expectError(await receive(paid, body), 409, "conflict");
    expect(await snapshot(s, owner.orgId)).toEqual(before);
    expect(await snapshot(s, stranger.orgId)).toEqual(theirs);
  });

  it("collectors record cheques; viewers may not", async () => {
    const id = await addInvoice(s, owner.orgId, dupont, { number: "F-5", total: 20000, due: "2025-05-15" });
    const collector = await memberWithRole(owner, "collector");
    const viewer = await memberWithRole(owner, "viewer");
    const body = { amount_cents: 5000, received_on: "2025-06-30", cheque_number: "42" };
    expectError(await receive(id, body, viewer), 403, "forbidden");
    const made = json<Payment>(await receive(id, body, collector), 201);
    const audit = await s.ctx.db
      .selectFrom("audit_log")
      .select(["operation", "user_id"])
      .where("entity_id", "=", made.id)
      .execute();
    expect(audit).toEqual([{ operation: "cheque_received", user_id: collector.userId }]);
  });
});
