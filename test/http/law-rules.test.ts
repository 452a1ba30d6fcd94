import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/db/ids.js";
import { insertActions } from "../../src/db/repositories/actions.js";
import { insertClients, newClientRow } from "../../src/db/repositories/clients.js";
import { listPrescriptionCandidates } from "../../src/db/repositories/law.js";
import { testDialects } from "../support/databases.js";
import { type Agent, memberWithRole, signUp, startTestServer, type TestServer } from "../support/http.js";
import { addClient, addInvoice, expectError, json } from "./ledger-fixtures.js";

interface Mention {
  code: string;
  message: string;
  article: string;
}

interface Compliance {
  compliant: boolean;
  missing: Mention[];
  forbidden: Mention[];
  term: {
    compliant: boolean;
    rule: { id: string; days: number; article: string } | null;
    issue_date: string | null;
    due_date: string | null;
    latest_due_date: string | null;
    warnings: { code: string; message: string }[];
  } | null;
}

interface Alert {
  invoice_id: string;
  number: string;
  client_id: string;
  client: string;
  balance_cents: number;
  due_date: string;
  prescription_date: string;
  years: number;
  basis: string;
  prescribed: boolean;
}

interface Procedures {
  client: { id: string; kind: string; country: string };
  as_of: string;
  creditor_is_merchant: boolean;
  invoices: { invoice_id: string; number: string; principal_cents: number; interest_cents: number }[];
  principal_cents: number;
  interest_cents: number;
  total_cents: number;
  procedures: {
    procedure: string;
    eligible: boolean;
    reason: { code: string; message: string };
    court: string | null;
    cerfa: string | null;
    notes: { code: string; message: string }[];
  }[];
}

const AT = "2025-06-01T00:00:00.000Z";
const LINE = {
  description: "Remplacement chauffe-eau",
  quantity_milli: 1000,
  unit_price_cents: 100000,
  vat_rate_bp: 2000,
};

describe.each(testDialects())("law rules API (%s)", (dialect) => {
  let s: TestServer;
  let owner: Agent;
  let stranger: Agent;
  let compliantId: string;
  let lackingId: string;
  let business: string;
  let consumer: string;
  let prescribedSoon: string;
  let prescribedAlready: string;

  const compliance = async (id: string, agent: Agent = owner, headers?: Record<string, string>) =>
    json<Compliance>(await agent.get(`/api/v1/invoices/${id}/compliance`, headers ? { headers } : {}));
  const procedures = async (id: string, query?: Record<string, string>) =>
    json<Procedures>(await owner.get(`/api/v1/clients/${id}/procedures`, query ? { query } : {}));
  const setSiren = (siren: string | null) =>
    s.ctx.db.updateTable("organization").set({ siren }).where("id", "=", owner.orgId).execute();

  beforeAll(async () => {
    s = await startTestServer(dialect);
    owner = await signUp(s.app, { organization: "Plomberie Martin" });
    stranger = await signUp(s.app, { organization: "Autre SARL" });
    await s.ctx.db
      .updateTable("organization")
      .set({
        siren: "732829320",
        vat_number: "FR44732829320",
        address: "12 rue des Lilas",
        postal_code: "69003",
        city: "Lyon",
      })
      .where("id", "=", owner.orgId)
      .execute();
    business = newId();
    const bare = newId();
    await insertClients(s.ctx.db, [
      newClientRow(
        {
          id: business,
          organization_id: owner.orgId,
          kind: "business",
          name: "Boulangerie Dupont",
          address: "3 place du Marché",
          postal_code: "69002",
          city: "Lyon",
        },
        AT,
      ),
      newClientRow(
        { id: bare, organization_id: owner.orgId, kind: "business", name: "Sans Adresse SAS" },
        AT,
      ),
    ]);
    const created = await owner.post("/api/v1/invoices", {
      client_id: business,
      number: "F-2025-010",
      issue_date: "2025-06-01",
      delivery_date: "2025-05-28",
      due_date: "2025-07-01",
      lines: [LINE],
    });
    compliantId = json<{ id: string }>(created, 201).id;
    const lacking = await owner.post("/api/v1/invoices", {
      client_id: bare,
      number: "F-2025-011",
      issue_date: "2025-02-01",
      due_date: "2025-05-31",
      total_ttc_cents: 60000,
    });
    lackingId = json<{ id: string }>(lacking, 201).id;

    // prescription: a consumer's invoices due in 2023, a business's invoice due the same day
    consumer = await addClient(s, owner.orgId, "Jean Durand", "consumer");
    prescribedSoon = await addInvoice(s, owner.orgId, consumer, {
      number: "P-2023-001",
      total: 80000,
      paid: 30000,
      due: "2023-09-01",
    });
    prescribedAlready = await addInvoice(s, owner.orgId, consumer, {
      number: "P-2023-000",
      total: 10000,
      due: "2023-01-02",
    });
    await addInvoice(s, owner.orgId, consumer, {
      number: "P-2023-PAID",
      total: 5000,
      paid: 5000,
      due: "2023-03-01",
    });
    const acknowledged = await addInvoice(s, owner.orgId, consumer, {
      number: "P-2023-ACK",
      total: 7000,
      due: "2023-08-01",
    });
    await insertActions(s.ctx.db, [
      {
        id: newId(),
        organization_id: owner.orgId,
        client_id: consumer,
        invoice_id: acknowledged,
        user_id: null,
        kind: "acknowledgement",
        occurred_on: "2024-01-10",
        occurred_at: "2024-01-10T09:00:00.000Z",
        summary: "Reconnaissance de dette",
        data: "{}",
        idempotency_key: null,
        created_at: AT,
        updated_at: AT,
      },
    ]);
    const dupont = await addClient(s, owner.orgId, "Transports Rapides", "business");
    await addInvoice(s, owner.orgId, dupont, { number: "P-2023-B2B", total: 90000, due: "2023-09-01" });
    await addInvoice(s, owner.orgId, dupont, { number: "P-2020-B2B", total: 1000, due: "2020-12-15" });
  });
  afterAll(async () => {
    await s.close();
  });

  it("a complete invoice to a business is compliant, its due date within the 60-day cap", async () => {
    const res = await compliance(compliantId);
    expect(res.missing).toEqual([]);
    expect(res.forbidden).toEqual([]);
    expect(res.compliant).toBe(true);
    expect(res.term).toMatchObject({
      compliant: true,
      rule: { id: "b2b", days: 60, article: "L441-10 C. com." },
      issue_date: "2025-06-01",
      due_date: "2025-07-01",
    });
  });

  it("reports the missing mentions and the term beyond the cap, worded in the request's language", async () => {
    await setSiren(null);
    try {
      const res = await compliance(lackingId);
      expect(res.compliant).toBe(false);
      expect(res.missing.map((m) => m.code)).toEqual(
        expect.arrayContaining([
          "mention.seller_siren",
          "mention.buyer_address",
          "mention.sale_date",
          "mention.lines",
          "mention.totals",
        ]),
      );
      expect(res.missing.map((m) => m.code)).not.toContain("mention.due_date");
      const siren = res.missing.find((m) => m.code === "mention.seller_siren");
      expect(siren).toMatchObject({
        article: "R123-237 C. com.",
        message: "SIREN ou SIRET du vendeur absent.",
      });
      // 2025-02-01 → 2025-05-31: beyond 60 days and beyond end of February + 45 days (14 April at the latest)
      expect(res.term).toMatchObject({ compliant: false, latest_due_date: "2025-04-14" });
      expect(res.term?.warnings[0]?.code).toBe("terms.cap.b2b");
      const en = await compliance(lackingId, owner, { "accept-language": "en" });
      expect(en.missing.find((m) => m.code === "mention.seller_siren")?.message).toBe(
        "Seller's SIREN or SIRET missing.",
      );
      expect(en.term?.warnings[0]?.message).toContain("beyond the legal cap");
      // the seller's SIREN is what the complete invoice then lacks
      const complete = await compliance(compliantId);
      expect(complete.compliant).toBe(false);
      expect(complete.missing.map((m) => m.code)).toEqual(["mention.seller_siren"]);
    } finally {
      await setSiren("732829320");
    }
  });

  it("lists the open invoices whose prescription date is within N days or passed, soonest first", async () => {
    const res = json<{ data: Alert[]; next_cursor: null }>(await owner.get("/api/v1/law/prescription"));
    expect(res.next_cursor).toBeNull();
    expect(res.data.map((a) => a.number)).toEqual(["P-2023-000", "P-2023-001"]);
    expect(res.data[0]).toMatchObject({
      invoice_id: prescribedAlready,
      prescription_date: "2025-01-02",
      prescribed: true,
    });
    expect(res.data[1]).toEqual({
      invoice_id: prescribedSoon,
      number: "P-2023-001",
      client_id: consumer,
      client: "Jean Durand",
      balance_cents: 50000,
      due_date: "2023-09-01",
      prescription_date: "2025-09-01",
      years: 2,
      basis: "L218-2 C. conso.",
      prescribed: false,
    });
    // 63 days away: not within 30 days
    const soon = json<{ data: Alert[] }>(
      await owner.get("/api/v1/law/prescription", { query: { within_days: "30" } }),
    );
    expect(soon.data.map((a) => a.number)).toEqual(["P-2023-000"]);
    // within 400 days: the business invoice due 2020-12-15 (5 years) and the acknowledged one (2 years from the
    // acknowledgement of 2024-01-10) come; the business invoice due 2023-09-01 (2028) does not
    const wide = json<{ data: Alert[] }>(
      await owner.get("/api/v1/law/prescription", { query: { within_days: "400" } }),
    );
    expect(wide.data.map((a) => [a.number, a.prescription_date])).toEqual([
      ["P-2023-000", "2025-01-02"],
      ["P-2023-001", "2025-09-01"],
      ["P-2020-B2B", "2025-12-15"],
      ["P-2023-ACK", "2026-01-10"],
    ]);
    const viewer = await memberWithRole(owner, "viewer");
    expect(json<{ data: Alert[] }>(await viewer.get("/api/v1/law/prescription")).data).toHaveLength(2);
    const bad = await owner.get("/api/v1/law/prescription", { query: { within_days: "-1", x: "1" } });
    expect(expectError(bad, 400, "invalid_input")).toContain("within_days");
    expect(json<{ data: Alert[] }>(await stranger.get("/api/v1/law/prescription")).data).toEqual([]);
  });

  it("the candidates are filtered in SQL by the cut-off of their client's kind", async () => {
    const rows = await listPrescriptionCandidates(s.ctx.db, owner.orgId, {
      consumer: "2023-09-01",
      business: "2020-12-14",
      public: "2000-01-01",
    });
    // P-2023-PAID is paid; P-2023-B2B and P-2020-B2B are after the business cut-off
    expect(rows.map((r) => r.number)).toEqual(["P-2023-000", "P-2023-ACK", "P-2023-001"]);
    expect(
      await listPrescriptionCandidates(s.ctx.db, stranger.orgId, {
        consumer: "2023-09-01",
        business: "2099-01-01",
        public: "2099-01-01",
      }),
    ).toEqual([]);
  });

  it("procedures at the 5,000 EUR edge: principal + interest, a small claim up to 5,000.00, not one cent more", async () => {
    const durand = await addClient(s, owner.orgId, "Marie Curie", "consumer");
    await addInvoice(s, owner.orgId, durand, { number: "E-001", total: 450000, due: "2025-05-31" });
    await addInvoice(s, owner.orgId, durand, { number: "E-002", total: 50000, due: "2025-06-15" });
    await addInvoice(s, owner.orgId, durand, { number: "E-003", total: 99999, due: "2025-07-15" });
    const at = await procedures(durand);
    expect(at).toMatchObject({ principal_cents: 500000, interest_cents: 0, total_cents: 500000 });
    expect(at.invoices.map((i) => i.number).sort()).toEqual(["E-001", "E-002"]);
    const small = at.procedures.find((p) => p.procedure === "small_claims");
    expect(small).toMatchObject({ eligible: true, reason: { code: "procedure.small_claims_ok" } });
    expect(small?.reason.message).toMatch(/possible : 5\s000,00\s€ en principal et intérêts/);
    expect(at.procedures.find((p) => p.procedure === "injonction_de_payer")).toMatchObject({
      eligible: true,
      court: "tribunal_judiciaire",
      cerfa: "12948*06",
    });
    expect(at.procedures.find((p) => p.procedure === "lawyer_required")?.eligible).toBe(false);

    await addInvoice(s, owner.orgId, durand, { number: "E-004", total: 1, due: "2025-06-20" });
    const over = await procedures(durand);
    expect(over.total_cents).toBe(500001);
    expect(over.procedures.find((p) => p.procedure === "small_claims")).toMatchObject({
      eligible: false,
      reason: { code: "procedure.small_claims_over" },
    });
    // as of the first due date nothing is overdue yet
    const before = await procedures(durand, { as_of: "2025-05-31" });
    expect(before.total_cents).toBe(0);
    expect(before.procedures.find((p) => p.procedure === "small_claims")?.reason.code).toBe(
      "procedure.nothing_due",
    );
  });

  it("a business client: interest = the penalties of its claims; abroad in the EU, the European order", async () => {
    const res = await procedures(business, { as_of: "2025-07-31" });
    const claim = json<{ balance_cents: number; penalty_cents: number }>(
      await owner.get(`/api/v1/invoices/${compliantId}/claim`, { query: { as_of: "2025-07-31" } }),
    );
    expect(claim.penalty_cents).toBeGreaterThan(0);
    expect(res).toMatchObject({
      creditor_is_merchant: true,
      principal_cents: claim.balance_cents,
      interest_cents: claim.penalty_cents,
    });
    await s.ctx.db.updateTable("client").set({ country: "BE" }).where("id", "=", business).execute();
    try {
      const abroad = await procedures(business, { as_of: "2025-07-31" });
      expect(abroad.procedures.find((p) => p.procedure === "european_order_for_payment")?.eligible).toBe(
        true,
      );
      expect(abroad.procedures.find((p) => p.procedure === "small_claims")?.eligible).toBe(false);
    } finally {
      await s.ctx.db.updateTable("client").set({ country: "FR" }).where("id", "=", business).execute();
    }
    const en = json<Procedures>(
      await owner.get(`/api/v1/clients/${business}/procedures`, {
        query: { as_of: "2025-07-31" },
        headers: { "accept-language": "en" },
      }),
    );
    expect(en.procedures.find((p) => p.procedure === "lawyer_required")?.reason.message).toContain(
      "No lawyer required",
    );
  });

  it("another organization's ids are not found; bad parameters are refused", async () => {
    expectError(await stranger.get(`/api/v1/invoices/${compliantId}/compliance`), 404, "not_found");
    expectError(await stranger.get(`/api/v1/clients/${business}/procedures`), 404, "not_found");
    expectError(await owner.get("/api/v1/invoices/nope/compliance"), 404, "not_found");
    expectError(await owner.get("/api/v1/clients/nope/procedures"), 404, "not_found");
    const bad = await owner.get(`/api/v1/clients/${business}/procedures`, {
      query: { as_of: "31/07/2025", x: "1" },
    });
    expectError(bad, 400, "invalid_input");
  });
});
