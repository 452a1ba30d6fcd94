import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../support/databases.js";
import { type Agent, signUp, startTestServer, type TestServer } from "../support/http.js";
import { addInvoice, expectError, json } from "./ledger-fixtures.js";

interface Client {
  id: string;
  payment_term: string | null;
  merchant_status: string | null;
}

interface Procedure {
  procedure: string;
  court: string | null;
  cerfa: string | null;
  notes: { code: string }[];
}

interface Alert {
  number: string;
  prescription_date: string;
}

const LINE = { description: "Dépannage", quantity_milli: 1000, unit_price_cents: 50000, vat_rate_bp: 2000 };

describe.each(testDialects())("payment terms, merchants and prescription interruptions (%s)", (dialect) => {
  let s: TestServer;
  let owner: Agent;

  beforeAll(async () => {
    // today is 2025-06-01 in Paris
    s = await startTestServer(dialect, { now: "2025-06-01T08:00:00.000Z" });
    owner = await signUp(s.app, { organization: "Plomberie Martin" });
  });
  afterAll(() => s.close());

  const newClient = async (body: Record<string, unknown>) =>
    json<Client>(await owner.post("/api/v1/clients", { kind: "business", ...body }), 201);
  const newInvoice = async (client_id: string, number: string, issue_date: string) =>
    json<{ due_date: string }>(
      await owner.post("/api/v1/invoices", { client_id, number, issue_date, lines: [LINE] }),
      201,
    );

  it("takes the organization's term as typed, stores its label and checks it against L441-10", async () => {
    const set = json<{ payment_term: string; payment_term_check: { compliant: boolean } }>(
      await owner.patch("/api/v1/organization", { payment_term: "45 j FDM" }),
    );
    expect(set).toMatchObject({
      payment_term: "45 jours fin de mois",
      payment_term_check: { compliant: true },
    });

    const long = json<{
      payment_term: string;
      payment_term_check: { compliant: boolean; warnings: { message: string }[] };
    }>(await owner.patch("/api/v1/organization", { payment_term: "90 jours" }));
    // a term beyond the cap is saved (it is the user's own contract) but flagged
    expect(long.payment_term).toBe("90 jours");
    expect(long.payment_term_check.compliant).toBe(false);
    expect(long.payment_term_check.warnings[0]?.message).toContain("60 jours");

    expectError(await owner.patch("/api/v1/organization", { payment_term: "bientôt" }), 400, "invalid_input");
    const unchanged = json<{ payment_term: string }>(await owner.get("/api/v1/organization"));
    expect(unchanged.payment_term).toBe("90 jours");
    json(await owner.patch("/api/v1/organization", { payment_term: "30 jours" }));
  });

  it("computes a new invoice's due date from the client's term, else the organization's", async () => {
    const plain = await newClient({ name: "Boulangerie Dupont" });
    expect(plain.payment_term).toBeNull();
    // 30 days after 2025-05-15
    expect((await newInvoice(plain.id, "T-1", "2025-05-15")).due_date).toBe("2025-06-14");

    const eom = await newClient({ name: "Garage Leroy", payment_term: "45 jours fin de mois" });
    expect(eom.payment_term).toBe("45 jours fin de mois");
    // 15 May + 45 days = 29 June, then the end of June
    expect((await newInvoice(eom.id, "T-2", "2025-05-15")).due_date).toBe("2025-06-30");

    const patched = json<Client>(
      await owner.patch(`/api/v1/clients/${plain.id}`, { payment_term: "fin de mois + 10" }),
    );
    expect(patched.payment_term).toBe("fin de mois + 10 jours");
    // end of May, then 10 days
    expect((await newInvoice(plain.id, "T-3", "2025-05-15")).due_date).toBe("2025-06-10");

    const cleared = json<Client>(await owner.patch(`/api/v1/clients/${plain.id}`, { payment_term: null }));
    expect(cleared.payment_term).toBeNull();

    const bad = await owner.patch(`/api/v1/clients/${plain.id}`, { payment_term: "quand il veut" });
    expect(expectError(bad, 400, "invalid_input")).toContain("payment_term");

    // an explicit due date still wins
    const explicit = json<{ due_date: string }>(
      await owner.post("/api/v1/invoices", {
        client_id: eom.id,
        number: "T-4",
        issue_date: "2025-05-15",
        due_date: "2025-05-20",
        lines: [LINE],
      }),
      201,
    );
    expect(explicit.due_date).toBe("2025-05-20");
  });

  it("sends an injonction de payer to the tribunal de commerce only when the client is recorded as a merchant", async () => {
    await s.ctx.db
      .updateTable("organization")
      .set({ legal_form: "SARL" })
      .where("id", "=", owner.orgId)
      .execute();
    const client = await newClient({ name: "Négoce Bernard" });
    await addInvoice(s, owner.orgId, client.id, { number: "M-1", total: 300_000, due: "2025-03-31" });
    const court = async () => {
      const res = json<{ procedures: Procedure[] }>(
        await owner.get(`/api/v1/clients/${client.id}/procedures`),
      );
      return res.procedures.find((p) => p.procedure === "injonction_de_payer");
    };
    const unknown = await court();
    expect(unknown).toMatchObject({ court: "tribunal_judiciaire", cerfa: "12948*06" });
    expect(unknown?.notes.map((n) => n.code)).toContain("procedure.debtor_merchant_unknown");

    json(await owner.patch(`/api/v1/clients/${client.id}`, { merchant_status: "merchant" }));
    const merchant = await court();
    expect(merchant).toMatchObject({ court: "tribunal_de_commerce", cerfa: "12946*02" });
    expect(merchant?.notes.map((n) => n.code)).not.toContain("procedure.debtor_merchant_unknown");

    json(await owner.patch(`/api/v1/clients/${client.id}`, { merchant_status: "non_merchant" }));
    expect(await court()).toMatchObject({ court: "tribunal_judiciaire" });
    const refused = await owner.patch(`/api/v1/clients/${client.id}`, { merchant_status: "maybe" });
    expectError(refused, 400, "invalid_input");
  });

  it("restarts prescription from an acknowledgement of debt written on the timeline", async () => {
    const client = await newClient({ name: "Ancien Client SAS" });
    // due 2020-07-01: 5 years (commercial) → prescribed after 2025-07-01, within 90 days of 2025-06-01
    const id = await addInvoice(s, owner.orgId, client.id, {
      number: "P-1",
      total: 80_000,
      due: "2020-07-01",
    });
    const alerts = async () =>
      json<{ data: Alert[] }>(await owner.get("/api/v1/law/prescription")).data.filter(
        (a) => a.number === "P-1",
      );
    expect(await alerts()).toHaveLength(1);

    const ack = await owner.post("/api/v1/actions", {
      kind: "acknowledgement",
      invoice_id: id,
      summary: "Reconnaissance de dette signée",
      occurred_on: "2025-02-10",
    });
    expect(json<{ kind: string; occurred_on: string }>(ack, 201)).toMatchObject({
      kind: "acknowledgement",
      occurred_on: "2025-02-10",
    });
    // a new 5-year period from 2025-02-10: out of the 90-day list
    expect(await alerts()).toEqual([]);
    const wide = json<{ data: Alert[] }>(
      await owner.get("/api/v1/law/prescription", { query: { within_days: "2000" } }),
    ).data.find((a) => a.number === "P-1");
    expect(wide?.prescription_date).toBe("2030-02-10");

    const future = await owner.post("/api/v1/actions", {
      kind: "court_claim",
      invoice_id: id,
      summary: "Requête",
      occurred_on: "2025-06-02",
    });
    expectError(future, 400, "invalid_input");
  });
});
