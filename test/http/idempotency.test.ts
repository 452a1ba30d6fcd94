import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/db/ids.js";
import { isIdempotencyKeyTaken } from "../../src/db/repositories/payments.js";
import { testDialects } from "../support/databases.js";
import { type Agent, signUp, startTestServer, type TestServer } from "../support/http.js";
import { addClient, addInvoice, expectError, json, snapshot } from "./ledger-fixtures.js";

/**
 * Idempotent payments (issue 11): `POST /api/v1/payments` and the portal's « J'ai payé » with an Idempotency-Key.
 * The same request again answers the first payment (200, the same body) and writes nothing; the same key with
 * another content is refused (409) and writes nothing; replays sent at once record one payment. Today 2025-06-30.
 */
interface Payment {
  id: string;
  amount_cents: number;
  allocations: { invoice_id: string; amount_cents: number }[];
}

describe.each(testDialects())("idempotency keys (%s)", (dialect) => {
  let s: TestServer;
  let owner: Agent;
  let other: Agent;
  let dupont: string;

  const pay = (body: Record<string, unknown>, key?: string, agent: Agent = owner) =>
    agent.post("/api/v1/payments", body, key === undefined ? {} : { headers: { "idempotency-key": key } });
  const keyed = async (key: string) =>
    s.ctx.db
      .selectFrom("payment")
      .select(["id", "state", "source"])
      .where("idempotency_key", "like", `%:${key}`)
      .execute();

  beforeAll(async () => {
    s = await startTestServer(dialect);
    owner = await signUp(s.app, { organization: "Plomberie Martin" });
    other = await signUp(s.app, { organization: "Autre SARL" });
    dupont = await addClient(s, owner.orgId, "Boulangerie Dupont");
  });
  afterAll(async () => s?.close());

  it("a payment sent again with its key is recorded once; another payment under the key is refused", async () => {
    const id = await addInvoice(s, owner.orgId, dupont, { number: "F-1", total: 120000, due: "2025-05-15" });
    const body = {
      date: "2025-06-10",
      amount_cents: 20000,
      method: "transfer",
      reference: "VIR 1",
      allocations: [{ invoice_id: id, amount_cents: 20000 }],
    };
    const first = json<Payment>(await pay(body, "a6f0c3e2-key-1"), 201);
    const after = await snapshot(s, owner.orgId);
    const again = await pay(body, "a6f0c3e2-key-1");
    expect(json<Payment>(again, 200)).toEqual(first);
    expect(await snapshot(s, owner.orgId)).toEqual(after);

    // the same key, another amount: 409, the key named, nothing written
    const changed = await pay({ ...body, amount_cents: 30000 }, "a6f0c3e2-key-1");
    expectError(changed, 409, "conflict");
    expect((changed.json() as { error: { message: string } }).error.message).toContain("a6f0c3e2-key-1");
    const elsewhere = await pay(
      { ...body, allocations: [{ invoice_id: id, amount_cents: 10000 }], amount_cents: 10000 },
      "a6f0c3e2-key-1",
    );
    expectError(elsewhere, 409, "conflict");
    expect(await snapshot(s, owner.orgId)).toEqual(after);
    expect(await keyed("a6f0c3e2-key-1")).toHaveLength(1);

    // without a key, or with another key, it is another payment
    json(await pay(body), 201);
    json(await pay(body, "a6f0c3e2-key-2"), 201);
    const invoice = json<{ paid_cents: number }>(await owner.get(`/api/v1/invoices/${id}`));
    expect(invoice.paid_cents).toBe(60000);
  });

  it("keys are the organization's: another organization's payment under the same key is its own", async () => {
    const client = await addClient(s, other.orgId, "Client B");
    const id = await addInvoice(s, other.orgId, client, { number: "B-1", total: 5000, due: "2025-05-15" });
    const theirs = json<Payment>(
      await pay(
        {
          date: "2025-06-10",
          amount_cents: 5000,
          method: "cheque",
          allocations: [{ invoice_id: id, amount_cents: 5000 }],
        },
        "a6f0c3e2-key-1",
        other,
      ),
      201,
    );
    expect(theirs.amount_cents).toBe(5000);
    expect(await keyed("a6f0c3e2-key-1")).toHaveLength(2);
  });

  it("refuses a key that is empty, too long or not visible ASCII", async () => {
    const id = await addInvoice(s, owner.orgId, dupont, { number: "F-9", total: 1000, due: "2025-05-15" });
    const body = {
      date: "2025-06-10",
      amount_cents: 100,
      method: "cash",
      allocations: [{ invoice_id: id, amount_cents: 100 }],
    };
    const before = await snapshot(s, owner.orgId);
    for (const key of ["", "a b", "é", "x".repeat(256)])
      expectError(await pay(body, key), 400, "invalid_input");
    expect(await snapshot(s, owner.orgId)).toEqual(before);
    json(await pay(body, "x".repeat(255)), 201);
  });

  it("a second row under a key fails on the unique index, and is told apart from other errors", async () => {
    const [row] = await s.ctx.db
      .selectFrom("payment")
      .selectAll()
      .where("idempotency_key", "=", "payment:a6f0c3e2-key-1")
      .where("organization_id", "=", owner.orgId)
      .execute();
    if (!row) throw new Error("no keyed payment");
    const copy = (id: string, key: string | null) =>
      s.ctx.db
        .insertInto("payment")
        .values({ ...row, id, idempotency_key: key })
        .execute();
    const error = await copy(newId(), row.idempotency_key).catch((e: unknown) => e);
    expect(isIdempotencyKeyTaken(error)).toBe(true);
    const other = await copy(row.id, null).catch((e: unknown) => e); // the primary key, not the idempotency key
    expect(other).toBeInstanceOf(Error);
    expect(isIdempotencyKeyTaken(other)).toBe(false);
  });

  it("the payment that settled the invoice, sent again, answers that payment (not « already paid »)", async () => {
    const id = await addInvoice(s, owner.orgId, dupont, { number: "F-2", total: 50000, due: "2025-05-15" });
    const body = {
      date: "2025-06-20",
      amount_cents: 50000,
      method: "transfer",
      allocations: [{ invoice_id: id, amount_cents: 50000 }],
    };
    const first = json<Payment>(await pay(body, "settles-F-2"), 201);
    expect(json<{ status: string }>(await owner.get(`/api/v1/invoices/${id}`)).status).toBe("paid");
    expect(json<Payment>(await pay(body, "settles-F-2"), 200)).toEqual(first);
    // a new payment of the paid invoice is still refused
    expectError(await pay(body, "settles-F-2-again"), 409, "conflict");
  });

  it("five copies sent at once record one payment: one 201, four 200 with the same payment", async () => {
    const id = await addInvoice(s, owner.orgId, dupont, { number: "F-3", total: 90000, due: "2025-05-15" });
    const body = {
      date: "2025-06-25",
      amount_cents: 90000,
      method: "transfer",
      allocations: [{ invoice_id: id, amount_cents: 90000 }],
    };
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => pay(body, "burst-F-3")));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => (a.json() as Payment).id)).size).toBe(1);
    expect(await keyed("burst-F-3")).toHaveLength(1);
    const invoice = json<{ paid_cents: number; status: string }>(await owner.get(`/api/v1/invoices/${id}`));
    expect(invoice).toMatchObject({ paid_cents: 90000, status: "paid" });
  });

  describe("the portal's « J'ai payé »", () => {
    let token: string;
    let invoice: string;
    const declare = (body: Record<string, unknown>, key?: string, on = invoice, as = token) =>
      s.app.inject({
        method: "POST",
        url: `/api/portal/${as}/invoices/${on}/declared-payments`,
        remoteAddress: "203.0.113.9",
        payload: body,
        ...(key === undefined ? {} : { headers: { "idempotency-key": key } }),
      });
    const linkOf = async (clientId: string) =>
      json<{ url: string }>(await owner.post(`/api/v1/clients/${clientId}/portal-link`), 201).url.split(
        "/p/",
      )[1] ?? "";
    const declared = async () =>
      s.ctx.db
        .selectFrom("payment")
        .select("id")
        .where("organization_id", "=", owner.orgId)
        .where("state", "=", "declared")
        .execute();

    beforeAll(async () => {
      const client = await addClient(s, owner.orgId, "Garage Roux");
      invoice = await addInvoice(s, owner.orgId, client, { number: "R-1", total: 60000, due: "2025-06-01" });
      token = await linkOf(client);
    });

    it("the form sent twice declares once (200, the same answer); other values under its key: 409", async () => {
      const body = { date: "2025-06-29", amount_cents: 60000, method: "transfer", reference: "VIR ROUX" };
      const first = json<{ payment_id: string; hold_until: string }>(await declare(body, "form-1"), 201);
      expect(first.hold_until).toBe("2025-07-07");
      const after = await snapshot(s, owner.orgId);
      expect(json(await declare(body, "form-1"), 200)).toEqual(first);
      expect(await snapshot(s, owner.orgId)).toEqual(after);
      expectError(await declare({ ...body, amount_cents: 50000 }, "form-1"), 409, "conflict");
      expectError(await declare({ ...body, reference: "VIR 2" }, "form-1"), 409, "conflict");
      expect(await snapshot(s, owner.orgId)).toEqual(after);
      expect(await keyed("form-1")).toEqual([{ id: first.payment_id, state: "declared", source: "portal" }]);
    });

    it("five copies at once declare once", async () => {
      const before = (await declared()).length;
      const body = { date: "2025-06-28", amount_cents: 1000, method: "cheque" };
      const answers: LightMyRequestResponse[] = await Promise.all(
        [1, 2, 3, 4, 5].map(() => declare(body, "form-burst")),
      );
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
      expect(new Set(answers.map((a) => (a.json() as { payment_id: string }).payment_id)).size).toBe(1);
      expect((await declared()).length).toBe(before + 1);
    });

    it("a key is the client's own: another client, or the staff, may use the same one", async () => {
      const client = await addClient(s, owner.orgId, "Garage Petit");
      const theirs = await addInvoice(s, owner.orgId, client, {
        number: "P-1",
        total: 3000,
        due: "2025-06-01",
      });
      const other = await linkOf(client);
      const body = { date: "2025-06-29", amount_cents: 3000, method: "transfer" };
      json(await declare(body, "form-1", theirs, other), 201);
      json(
        await pay(
          {
            date: "2025-06-29",
            amount_cents: 3000,
            method: "transfer",
            allocations: [{ invoice_id: theirs, amount_cents: 3000 }],
          },
          "form-1",
        ),
        201,
      );
      expect(await keyed("form-1")).toHaveLength(3);
      // a bad key is refused like on the API
      expectError(await declare(body, "a b", theirs, other), 400, "invalid_input");
    });
  });
});
