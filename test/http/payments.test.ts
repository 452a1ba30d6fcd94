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
  client: string | null;
  state: string;
  allocated_cents: number;
  allocations: { invoice_id: string; number: string; amount_cents: number }[];
}

describe.each(testDialects())("payments API (%s)", (dialect) => {
  let s: TestServer;
  let owner: Agent;
  let stranger: Agent;
  let dupont: string;
  let durand: string;
  let foreignClient: string;
  let foreignInvoice: string;

  const invoice = async (id: string, agent: Agent = owner) =>
    json<InvoiceDetail>(await agent.get(`/api/v1/invoices/${id}`));
  const pay = (body: Record<string, unknown>, agent: Agent = owner) => agent.post("/api/v1/payments", body);

  beforeAll(async () => {
    s = await startTestServer(dialect);
    owner = await signUp(s.app, { organization: "Plomberie Martin" });
    stranger = await signUp(s.app, { organization: "Autre SARL" });
    dupont = await addClient(s, owner.orgId, "Boulangerie Dupont");
    durand = await addClient(s, owner.orgId, "Garage Durand");
    foreignClient = await addClient(s, stranger.orgId, "Client étranger");
    foreignInvoice = await addInvoice(s, stranger.orgId, foreignClient, {
      number: "E-1",
      total: 50000,
      due: "2025-05-01",
    });
  });
  afterAll(async () => s?.close());

  it("a partial then a full payment move the invoice open → partially paid → paid", async () => {
    const id = await addInvoice(s, owner.orgId, dupont, { number: "F-1", total: 120000, due: "2025-05-15" });
    expect(await invoice(id)).toMatchObject({ status: "open", balance_cents: 120000, days_late: 46 });

    const first = json<Payment>(
      await pay({
        date: "2025-06-10",
        amount_cents: 20000,
        method: "cheque",
        reference: "CHQ 1234567",
        payer: "M. Dupont",
        allocations: [{ invoice_id: id, amount_cents: 20000 }],
      }),
      201,
    );
    expect(first).toMatchObject({
      date: "2025-06-10",
      amount_cents: 20000,
      method: "cheque",
      reference: "CHQ 1234567",
      payer: "M. Dupont",
      client_id: dupont,
      client: "Boulangerie Dupont",
      state: "confirmed",
      allocated_cents: 20000,
      allocations: [{ invoice_id: id, number: "F-1", amount_cents: 20000 }],
    });
    expect(await invoice(id)).toMatchObject({
      status: "partially_paid",
      paid_cents: 20000,
      balance_cents: 100000,
      payments: [
        {
          payment_id: first.id,
          date: "2025-06-10",
          amount_cents: 20000,
          method: "cheque",
          reference: "CHQ 1234567",
        },
      ],
    });

    json(
      await pay({
        date: "2025-06-30",
        amount_cents: 100000,
        method: "transfer",
        allocations: [{ invoice_id: id, amount_cents: 100000 }],
      }),
      201,
    );
    expect(await invoice(id)).toMatchObject({
      status: "paid",
      paid_cents: 120000,
      balance_cents: 0,
      days_late: 0,
    });

    const actions = await s.ctx.db
      .selectFrom("action")
      .selectAll()
      .where("invoice_id", "=", id)
      .orderBy("occurred_on")
      .execute();
    expect(actions.map((a) => [a.kind, a.occurred_on, a.user_id])).toEqual([
      ["payment", "2025-06-10", owner.userId],
      ["payment", "2025-06-30", owner.userId],
    ]);
    expect(actions[0]?.summary).toBe("Paiement reçu : 200,00\u00a0€ (chèque)");
    expect(actions[1]?.summary).toBe("Paiement reçu : 1\u202f000,00\u00a0€ (virement)");
    const audit = await s.ctx.db
      .selectFrom("audit_log")
      .select(["entity", "operation", "entity_id"])
      .where("organization_id", "=", owner.orgId)
      .where("entity", "=", "payment")
      .execute();
    expect(audit.map((a) => a.entity_id)).toContain(first.id);

    // settled: no more payments
    const before = await snapshot(s, owner.orgId);
    expectError(
      await pay({
        date: "2025-06-30",
        amount_cents: 1,
        method: "cash",
        allocations: [{ invoice_id: id, amount_cents: 1 }],
      }),
      409,
      "conflict",
    );
    expect(await snapshot(s, owner.orgId)).toEqual(before);
  });

  it("refuses an allocation over the balance and writes nothing", async () => {
    const id = await addInvoice(s, owner.orgId, dupont, {
      number: "F-2",
      total: 30000,
      paid: 10000,
      due: "2025-06-01",
    });
    const before = await snapshot(s, owner.orgId);
    const res = await pay({
      date: "2025-06-20",
      amount_cents: 50000,
      method: "transfer",
      allocations: [{ invoice_id: id, amount_cents: 20001 }],
    });
    expect(expectError(res, 400, "invalid_input")).toEqual(["allocations.0.amount_cents"]);
    expect(await snapshot(s, owner.orgId)).toEqual(before);
    expect(await invoice(id)).toMatchObject({
      paid_cents: 10000,
      balance_cents: 20000,
      status: "partially_paid",
    });
  });

  it("splits a payment over two invoices of one client; the rest stays on account", async () => {
    const a = await addInvoice(s, owner.orgId, durand, { number: "G-1", total: 60000, due: "2025-05-01" });
    const b = await addInvoice(s, owner.orgId, durand, { number: "G-2", total: 40000, due: "2025-06-01" });
    const payment = json<Payment>(
      await pay({
        date: "2025-06-25",
        amount_cents: 110000,
        method: "transfer",
        reference: "VIR DURAND JUIN",
        allocations: [
          { invoice_id: b, amount_cents: 40000 },
          { invoice_id: a, amount_cents: 50000 },
        ],
      }),
      201,
    );
    expect(payment).toMatchObject({
      amount_cents: 110000,
      allocated_cents: 90000,
      client_id: durand,
      client: "Garage Durand",
    });
    expect(payment.allocations.map((x) => [x.number, x.amount_cents]).sort()).toEqual([
      ["G-1", 50000],
      ["G-2", 40000],
    ]);
    expect(await invoice(a)).toMatchObject({
      paid_cents: 50000,
      balance_cents: 10000,
      status: "partially_paid",
    });
    expect(await invoice(b)).toMatchObject({ paid_cents: 40000, balance_cents: 0, status: "paid" });
    const actions = await s.ctx.db
      .selectFrom("action")
      .select(["invoice_id", "summary"])
      .where("organization_id", "=", owner.orgId)
      .where("kind", "=", "payment")
      .where("invoice_id", "in", [a, b])
      .execute();
    expect(actions).toHaveLength(2);
    expect(actions.find((x) => x.invoice_id === a)?.summary).toContain("500,00");
    expect(json<Payment>(await owner.get(`/api/v1/payments/${payment.id}`))).toEqual(payment);
  });

  it("concurrent payments never overpay an invoice, and crossed allocations do not deadlock", async () => {
    const id = await addInvoice(s, owner.orgId, dupont, { number: "K-1", total: 10000, due: "2025-06-01" });
    const body = {
      date: "2025-06-30",
      amount_cents: 6000,
      method: "transfer",
      allocations: [{ invoice_id: id, amount_cents: 6000 }],
    };
    const both = await Promise.all([pay(body), pay(body)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 400]);
    expect(await invoice(id)).toMatchObject({ paid_cents: 6000, balance_cents: 4000 });

    const a = await addInvoice(s, owner.orgId, dupont, { number: "K-2", total: 10000, due: "2025-06-01" });
    const b = await addInvoice(s, owner.orgId, dupont, { number: "K-3", total: 10000, due: "2025-06-01" });
    const crossed = await Promise.all([
      pay({
        date: "2025-06-30",
        amount_cents: 2000,
        method: "transfer",
        allocations: [
          { invoice_id: a, amount_cents: 1000 },
          { invoice_id: b, amount_cents: 1000 },
        ],
      }),
      pay({
        date: "2025-06-30",
        amount_cents: 2000,
        method: "transfer",
        allocations: [
          { invoice_id: b, amount_cents: 1000 },
          { invoice_id: a, amount_cents: 1000 },
        ],
      }),
    ]);
    expect(crossed.map((r) => r.statusCode)).toEqual([201, 201]);
    expect((await invoice(a)).paid_cents).toBe(2000);
    expect((await invoice(b)).paid_cents).toBe(2000);
  });

  it("refuses invoices of two clients, and a client_id that is not theirs", async () => {
    const a = await addInvoice(s, owner.orgId, dupont, { number: "H-1", total: 10000, due: "2025-06-01" });
    const b = await addInvoice(s, owner.orgId, durand, { number: "H-2", total: 10000, due: "2025-06-01" });
    const before = await snapshot(s, owner.orgId);
    const two = await pay({
      date: "2025-06-25",
      amount_cents: 20000,
      method: "transfer",
      allocations: [
        { invoice_id: a, amount_cents: 10000 },
        { invoice_id: b, amount_cents: 10000 },
      ],
    });
    expect(expectError(two, 400, "invalid_input")).toEqual(["allocations.1.invoice_id"]);
    const wrongClient = await pay({
      date: "2025-06-25",
      amount_cents: 10000,
      method: "transfer",
      client_id: durand,
      allocations: [{ invoice_id: a, amount_cents: 10000 }],
    });
    expect(expectError(wrongClient, 400, "invalid_input")).toEqual(["allocations.0.invoice_id"]);
    expect(await snapshot(s, owner.orgId)).toEqual(before);
  });

  it("validates the payment and says where", async () => {
    const id = await addInvoice(s, owner.orgId, dupont, { number: "V-1", total: 10000, due: "2025-06-01" });
    const ok = {
      date: "2025-06-25",
      amount_cents: 5000,
      method: "transfer",
      allocations: [{ invoice_id: id, amount_cents: 5000 }],
    };
    const before = await snapshot(s, owner.orgId);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...ok, date: "2025-07-01" }, "date"],
      [{ ...ok, date: "2025-02-29" }, "date"],
      [{ ...ok, amount_cents: 0 }, "amount_cents"],
      [{ ...ok, amount_cents: 12.5 }, "amount_cents"],
      [{ ...ok, method: "bitcoin" }, "method"],
      [{ ...ok, allocations: [] }, "allocations"],
      [{ ...ok, allocations: undefined }, "allocations"],
      [{ ...ok, amount_cents: 4999 }, "allocations"],
      [{ ...ok, allocations: [{ invoice_id: id, amount_cents: 0 }] }, "allocations.0.amount_cents"],
      [
        {
          ...ok,
          amount_cents: 6000,
          allocations: [
            { invoice_id: id, amount_cents: 3000 },
            { invoice_id: id, amount_cents: 3000 },
          ],
        },
        "allocations.1.invoice_id",
      ],
      [
        { ...ok, allocations: Array.from({ length: 101 }, () => ({ invoice_id: id, amount_cents: 1 })) },
        "allocations",
      ],
      [{ ...ok, note: "x" }, "note"],
    ];
    for (const [body, path] of cases) {
      const paths = expectError(await pay(body), 400, "invalid_input");
      expect(
        paths.some((p) => p === path || p.startsWith(`${path}.`)),
        `${path}: ${paths.join(" | ")}`,
      ).toBe(true);
    }
    expect(await snapshot(s, owner.orgId)).toEqual(before);
  });

  it("never reaches another organization's invoices, clients or payments", async () => {
    const mine = await addInvoice(s, owner.orgId, dupont, { number: "I-1", total: 10000, due: "2025-06-01" });
    const theirs = json<Payment>(
      await pay(
        {
          date: "2025-06-20",
          amount_cents: 1000,
          method: "cash",
          allocations: [{ invoice_id: foreignInvoice, amount_cents: 1000 }],
        },
        stranger,
      ),
      201,
    );
    const before = await snapshot(s, owner.orgId);
    const theirsBefore = await snapshot(s, stranger.orgId);
    expectError(
      await pay({
        date: "2025-06-20",
        amount_cents: 1000,
        method: "cash",
        allocations: [{ invoice_id: foreignInvoice, amount_cents: 1000 }],
      }),
      404,
      "not_found",
    );
    expectError(
      await pay({
        date: "2025-06-20",
        amount_cents: 2000,
        method: "cash",
        allocations: [
          { invoice_id: mine, amount_cents: 1000 },
          { invoice_id: foreignInvoice, amount_cents: 1000 },
        ],
      }),
      404,
      "not_found",
    );
    expectError(
      await pay({
        date: "2025-06-20",
        amount_cents: 1000,
        method: "cash",
        client_id: foreignClient,
        allocations: [{ invoice_id: mine, amount_cents: 1000 }],
      }),
      404,
      "not_found",
    );
    expect(await snapshot(s, owner.orgId)).toEqual(before);
    expect(await snapshot(s, stranger.orgId)).toEqual(theirsBefore);
    expectError(await owner.get(`/api/v1/payments/${theirs.id}`), 404, "not_found");
    expectError(await owner.get("/api/v1/payments/unknown"), 404, "not_found");
    // filters with another organization's ids list nothing
    const filters: Record<string, string>[] = [{ client_id: foreignClient }, { invoice_id: foreignInvoice }];
    for (const query of filters) {
      expect(json<Page<Payment>>(await owner.get("/api/v1/payments", { query })).data).toEqual([]);
    }
    expect(json<Page<Payment>>(await owner.get("/api/v1/payments")).data.map((p) => p.id)).not.toContain(
      theirs.id,
    );
  });

  it("lists payments newest first, filtered, a page at a time", async () => {
    const other = await signUp(s.app, { organization: "Encaissements" });
    const c1 = await addClient(s, other.orgId, "Alpha");
    const c2 = await addClient(s, other.orgId, "Beta");
    const i1 = await addInvoice(s, other.orgId, c1, { number: "A-1", total: 1_000_000, due: "2025-01-31" });
    const i2 = await addInvoice(s, other.orgId, c2, { number: "B-1", total: 1_000_000, due: "2025-01-31" });
    const made: Payment[] = [];
    for (let k = 0; k < 12; k++) {
      const [invoiceId] = k % 3 === 0 ? [i2] : [i1];
      // two payments a day: the id orders them within a date
      const date = `2025-06-${String(1 + Math.floor(k / 2)).padStart(2, "0")}`;
      made.push(
        json<Payment>(
          await pay(
            {
              date,
              amount_cents: 100 + k,
              method: "transfer",
              allocations: [{ invoice_id: invoiceId, amount_cents: 100 + k }],
            },
            other,
          ),
          201,
        ),
      );
    }
    const expected = [...made].sort((a, b) =>
      a.date === b.date ? (a.id < b.id ? 1 : -1) : a.date < b.date ? 1 : -1,
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page<Payment> = json(
        await other.get("/api/v1/payments", { query: { limit: "5", ...(cursor ? { cursor } : {}) } }),
      );
      seen.push(...page.data.map((p) => p.id));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(expected.map((p) => p.id));

    const byClient = json<Page<Payment>>(await other.get("/api/v1/payments", { query: { client_id: c2 } }));
    expect(byClient.data.map((p) => p.id)).toEqual(
      expected.filter((p) => p.client_id === c2).map((p) => p.id),
    );
    expect(byClient.data).toHaveLength(4);
    const byInvoice = json<Page<Payment>>(await other.get("/api/v1/payments", { query: { invoice_id: i1 } }));
    expect(byInvoice.data).toHaveLength(8);
    expect(byInvoice.data.every((p) => p.allocations[0]?.invoice_id === i1)).toBe(true);
    const range = json<Page<Payment>>(
      await other.get("/api/v1/payments", { query: { from: "2025-06-02", to: "2025-06-03" } }),
    );
    expect(range.data.map((p) => p.date)).toEqual(["2025-06-03", "2025-06-03", "2025-06-02", "2025-06-02"]);
    expectError(await other.get("/api/v1/payments", { query: { from: "2025-06-31" } }), 400, "invalid_input");
    expectError(await other.get("/api/v1/payments", { query: { cursor: "bad" } }), 400, "invalid_input");
  });

  it("collectors record payments; viewers only read", async () => {
    const id = await addInvoice(s, owner.orgId, dupont, { number: "R-1", total: 10000, due: "2025-06-01" });
    const collector = await memberWithRole(owner, "collector");
    const viewer = await memberWithRole(owner, "viewer");
    const body = {
      date: "2025-06-30",
      amount_cents: 500,
      method: "card",
      allocations: [{ invoice_id: id, amount_cents: 500 }],
    };
    const before = await snapshot(s, owner.orgId);
    expectError(await pay(body, viewer), 403, "forbidden");
    expect(await snapshot(s, owner.orgId)).toEqual(before);
    expect((await viewer.get("/api/v1/payments")).statusCode).toBe(200);
    const made = json<Payment>(await pay(body, collector), 201);
    expect((await viewer.get(`/api/v1/payments/${made.id}`)).statusCode).toBe(200);
    const action = await s.ctx.db
      .selectFrom("action")
      .select("user_id")
      .where("invoice_id", "=", id)
      .executeTakeFirst();
    expect(action?.user_id).toBe(collector.userId);
  });
});
