import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/db/ids.js";
import { insertActions } from "../../src/db/repositories/actions.js";
import { testDialects } from "../support/databases.js";
import { type Agent, memberWithRole, signUp, startTestServer, type TestServer } from "../support/http.js";
import { addClient, addInvoice, expectError, json, type Page } from "./ledger-fixtures.js";

interface Rate {
  id: string;
  kind: string;
  semester: string;
  valid_from: string;
  valid_to: string;
  rate_bp: number;
  source: string;
  confirmed: boolean;
  shared: boolean;
}

interface Claim {
  principal_cents: number;
  balance_cents: number;
  days_late: number;
  penalty_cents: number;
  indemnity_cents: number;
  interest_cents: number;
  total_claim_cents: number;
  periods: {
    from: string;
    to: string;
    days: number;
    rate_bp: number;
    base_cents: number;
    amount_cents: number;
    kind: string;
  }[];
  warnings: { code: string; message: string }[];
  notice_date: string | null;
  debtor: string;
  invoice?: { id: string; number: string; client: string };
}

const CALC = {
  principal_cents: 120000,
  due: "2025-01-31",
  as_of: "2025-06-30",
  payments: [{ date: "2025-03-01", amount_cents: 20000 }],
};

describe.each(testDialects())("law API (%s)", (dialect) => {
  let s: TestServer;
  let owner: Agent;
  let stranger: Agent;
  let invoiceId: string;
  let consumerInvoice: string;

  const rates = async (agent: Agent = owner) => json<Page<Rate>>(await agent.get("/api/v1/rates")).data;
  const rateRows = () => s.ctx.db.selectFrom("rate").selectAll().orderBy("id").execute();

  beforeAll(async () => {
    s = await startTestServer(dialect);
    owner = await signUp(s.app, { organization: "Plomberie Martin" });
    stranger = await signUp(s.app, { organization: "Autre SARL" });
    const dupont = await addClient(s, owner.orgId, "Boulangerie Dupont");
    invoiceId = await addInvoice(s, owner.orgId, dupont, {
      number: "F-2025-001",
      total: 120000,
      due: "2025-01-31",
    });
    const paid = await owner.post("/api/v1/payments", {
      date: "2025-03-01",
      amount_cents: 20000,
      method: "transfer",
      client_id: dupont,
      allocations: [{ invoice_id: invoiceId, amount_cents: 20000 }],
    });
    expect(paid.statusCode, paid.body).toBe(201);
    const durand = await addClient(s, owner.orgId, "Jean Durand", "consumer");
    consumerInvoice = await addInvoice(s, owner.orgId, durand, {
      number: "F-2025-002",
      total: 120000,
      due: "2025-01-31",
    });
    await insertActions(s.ctx.db, [
      {
        id: newId(),
        organization_id: owner.orgId,
        client_id: durand,
        invoice_id: consumerInvoice,
        user_id: null,
        kind: "formal_notice",
        occurred_on: "2025-03-15",
        occurred_at: "2025-03-15T09:00:00.000Z",
        summary: "Mise en demeure",
        data: "{}",
        idempotency_key: null,
        created_at: "2025-03-15T09:00:00.000Z",
        updated_at: "2025-03-15T09:00:00.000Z",
      },
    ]);
  });
  afterAll(async () => {
    await s.close();
  });

  it("the migration seeded the shared rates, 2015-S1 … 2026-S2, with their sources", async () => {
    const rows = await rates();
    const count = (kind: string) => rows.filter((r) => r.kind === kind).length;
    expect(count("ecb_refi")).toBe(24);
    expect(count("legal_individual")).toBe(23);
    expect(count("legal_other")).toBe(23);
    const ecb2024 = rows.find((r) => r.kind === "ecb_refi" && r.semester === "2024-S1");
    expect(ecb2024).toMatchObject({
      rate_bp: 450,
      valid_from: "2024-01-01",
      valid_to: "2024-06-30",
      shared: true,
    });
    expect(ecb2024?.source.length).toBeGreaterThan(0);
    expect(rows.find((r) => r.kind === "legal_other" && r.semester === "2025-S1")?.rate_bp).toBe(371);
    expect(rows.find((r) => r.kind === "ecb_refi" && r.semester === "2026-S2")?.confirmed).toBe(false);
    // a viewer reads them too (ledger:read)
    const viewer = await memberWithRole(owner, "viewer");
    expect((await rates(viewer)).length).toBe(rows.length);
  });

  it("computes the claim of a stored invoice: penalties by period from the day after the due date, 40 EUR", async () => {
    const claim = json<Claim>(await owner.get(`/api/v1/invoices/${invoiceId}/claim`));
    expect(claim).toMatchObject({
      principal_cents: 120000,
      balance_cents: 100000,
      days_late: 150,
      penalty_cents: 5613,
      indemnity_cents: 4000,
      interest_cents: 0,
      total_claim_cents: 109613,
      debtor: "business",
    });
    expect(claim.periods.map((p) => [p.from, p.to, p.days, p.rate_bp, p.base_cents])).toEqual([
      ["2025-02-01", "2025-03-01", 29, 1315, 120000],
      ["2025-03-02", "2025-06-30", 121, 1315, 100000],
    ]);
    expect(claim.invoice?.number).toBe("F-2025-001");
    const earlier = json<Claim>(
      await owner.get(`/api/v1/invoices/${invoiceId}/claim`, { query: { as_of: "2025-02-28" } }),
    );
    expect(earlier.days_late).toBe(28);
  });

  it("a consumer's invoice: interest at the taux légal from the formal notice, no indemnity", async () => {
    const claim = json<Claim>(await owner.get(`/api/v1/invoices/${consumerInvoice}/claim`));
    expect(claim).toMatchObject({
      debtor: "consumer",
      notice_date: "2025-03-15",
      penalty_cents: 0,
      indemnity_cents: 0,
    });
    expect(claim.periods[0]).toMatchObject({ from: "2025-03-16", rate_bp: 371, kind: "interest" });
    expect(claim.interest_cents).toBe(1305);
  });

  it("the calculator gives the same figures as the stored invoice, and validates its input", async () => {
    const res = json<Claim>(await owner.post("/api/v1/law/penalties", CALC));
    expect(res.penalty_cents).toBe(5613);
    expect(res.total_claim_cents).toBe(109613);
    const fixed = json<Claim>(
      await owner.post("/api/v1/law/penalties", { ...CALC, clause: { kind: "fixed", rate_bp: 1250 } }),
    );
    expect(fixed.periods.every((p) => p.rate_bp === 1250)).toBe(true);
    const bad = await owner.post("/api/v1/law/penalties", {
      ...CALC,
      due: "2025-02-30",
      principal_cents: -5,
      extra: 1,
    });
    expect(expectError(bad, 400, "invalid_input")).toEqual(
      expect.arrayContaining(["due", "principal_cents"]),
    );
    const notice = await owner.post("/api/v1/law/penalties", { ...CALC, notice_date: "2025-03-15" });
    expect(expectError(notice, 400, "invalid_input")).toEqual(["notice_date"]);
  });

  it("a semester without a known rate is an explicit error, not a guess", async () => {
    const res = await owner.post("/api/v1/law/penalties", {
      ...CALC,
      as_of: "2026-09-30",
      debtor: "consumer",
      notice_date: "2025-03-15",
    });
    expectError(res, 400, "invalid_input");
    expect((res.json() as { error: { message: string } }).error.message).toContain("2026-S2");
    const unconfirmed = json<Claim>(
      await owner.post("/api/v1/law/penalties", { ...CALC, as_of: "2026-09-30" }),
    );
    expect(unconfirmed.warnings.map((w) => w.code)).toContain("law.rate_unconfirmed");
  });

  it("PUT /rates: owners only, validated, audited, and it changes the computations", async () => {
    const before = await rateRows();
    const viewer = await memberWithRole(owner, "viewer");
    const manager = await memberWithRole(owner, "manager");
    const body = {
      kind: "ecb_refi",
      semester: "2025-S1",
      rate_bp: 415,
      source: "Correction manuelle",
      confirmed: true,
    };
    expectError(await viewer.request("PUT", "/api/v1/rates", body), 403, "forbidden");
    expectError(await manager.request("PUT", "/api/v1/rates", body), 403, "forbidden");
    const bad = await owner.request("PUT", "/api/v1/rates", {
      ...body,
      semester: "2025-S3",
      rate_bp: 4.15,
      source: "",
    });
    expect(expectError(bad, 400, "invalid_input")).toEqual(
      expect.arrayContaining(["semester", "rate_bp", "source"]),
    );
    expect(await rateRows()).toEqual(before);

    const set = await owner.request("PUT", "/api/v1/rates", body);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({
      kind: "ecb_refi",
      semester: "2025-S1",
      rate_bp: 415,
      confirmed: true,
      shared: true,
    });
    expect((await rateRows()).length).toBe(before.length);
    const claim = json<Claim>(await owner.get(`/api/v1/invoices/${invoiceId}/claim`));
    expect(claim.periods.map((p) => p.rate_bp)).toEqual([1415, 1415]);
    expect(claim.penalty_cents).toBeGreaterThan(5613);
    // shared: the other organization computes with it too
    const theirs = json<Claim>(await stranger.post("/api/v1/law/penalties", CALC));
    expect(theirs.periods[0]?.rate_bp).toBe(1415);
    const audit = await s.ctx.db
      .selectFrom("audit_log")
      .selectAll()
      .where("organization_id", "=", owner.orgId)
      .where("entity", "=", "rate")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.user_id).toBe(owner.userId);
    expect(JSON.parse(audit[0]?.data ?? "{}")).toMatchObject({ rate_bp: 415, previous: { rate_bp: 315 } });

    // a new semester is inserted
    const next = await owner.request("PUT", "/api/v1/rates", {
      kind: "legal_other",
      semester: "2026-S2",
      rate_bp: 250,
      source: "Arrêté (test)",
      confirmed: false,
    });
    expect(next.statusCode, next.body).toBe(200);
    expect((await rateRows()).length).toBe(before.length + 1);
  });

  it("another organization's invoice is not found; bad query parameters are refused", async () => {
    expectError(await stranger.get(`/api/v1/invoices/${invoiceId}/claim`), 404, "not_found");
    expectError(await owner.get("/api/v1/invoices/nope/claim"), 404, "not_found");
    const bad = await owner.get(`/api/v1/invoices/${invoiceId}/claim`, {
      query: { as_of: "30/06/2025", x: "1" },
    });
    expectError(bad, 400, "invalid_input");
  });

  describe("day count and proven recovery costs", () => {
    // 1 000,00 € at a fixed 10 % from 2024-01-01 to 2024-12-31 inclusive (366 days of a leap year):
    // actual/365 → 100000 × 1000 × 366 / (10000 × 365) = 10027.39… → 10027; actual/actual → 10000 exactly.
    const LEAP = {
      principal_cents: 100000,
      due: "2023-12-31",
      as_of: "2024-12-31",
      clause: { kind: "fixed", rate_bp: 1000 },
    };
    let leap: Agent;
    let leapInvoice: string;
    const orgRow = () =>
      s.ctx.db.selectFrom("organization").selectAll().where("id", "=", leap.orgId).executeTakeFirstOrThrow();
    const auditCount = async () =>
      (
        await s.ctx.db
          .selectFrom("audit_log")
          .select("id")
          .where("organization_id", "=", leap.orgId)
          .where("entity", "=", "organization")
          .execute()
      ).length;

    beforeAll(async () => {
      leap = await signUp(s.app, { organization: "Atelier Bissextile" });
      const client = await addClient(s, leap.orgId, "Menuiserie Leroy");
      leapInvoice = await addInvoice(s, leap.orgId, client, {
        number: "F-2023-12",
        total: 100000,
        due: "2023-12-31",
      });
      await s.ctx.db
        .updateTable("invoice")
        .set({ penalty_clause: "fixed:1000" })
        .where("id", "=", leapInvoice)
        .execute();
      // another key of the settings JSON, which a day-count change must keep
      await s.ctx.db
        .updateTable("organization")
        .set({ settings: JSON.stringify({ demo: true }) })
        .where("id", "=", leap.orgId)
        .execute();
    });

    it("the calculator: actual/365 by default, actual/actual on request, over a leap year", async () => {
      const byDefault = json<Claim & { day_count: string }>(await leap.post("/api/v1/law/penalties", LEAP));
      expect(byDefault).toMatchObject({ days_late: 366, penalty_cents: 10027, day_count: "actual_365" });
      const actual = json<Claim & { day_count: string }>(
        await leap.post("/api/v1/law/penalties", { ...LEAP, day_count: "actual_actual" }),
      );
      expect(actual).toMatchObject({
        days_late: 366,
        penalty_cents: 10000,
        indemnity_cents: 4000,
        total_claim_cents: 114000,
        day_count: "actual_actual",
      });
      const explicit = json<Claim>(
        await leap.post("/api/v1/law/penalties", { ...LEAP, day_count: "actual_365" }),
      );
      expect(explicit.penalty_cents).toBe(10027);
    });

    it("the organization's day count: owner only, kept in settings, used by stored claims and the calculator", async () => {
      const shown = json<{ day_count: string }>(await leap.get("/api/v1/organization"));
      expect(shown.day_count).toBe("actual_365");
      const before = json<Claim>(
        await leap.get(`/api/v1/invoices/${leapInvoice}/claim`, { query: { as_of: "2024-12-31" } }),
      );
      expect(before).toMatchObject({ days_late: 366, penalty_cents: 10027, day_count: "actual_365" });

      const row = await orgRow();
      const audits = await auditCount();
      for (const role of ["viewer", "manager"] as const) {
        const member = await memberWithRole(leap, role);
        expectError(
          await member.patch("/api/v1/organization", { day_count: "actual_actual" }),
          403,
          "forbidden",
        );
      }
      for (const bad of ["30_360", "", null, 365]) {
        const res = await leap.patch("/api/v1/organization", { day_count: bad });
        expect(expectError(res, 400, "invalid_input")).toEqual(["day_count"]);
      }
      expect(await orgRow()).toEqual(row);
      expect(await auditCount()).toBe(audits);

      // the default again is no change
      expect(
        json<{ day_count: string }>(await leap.patch("/api/v1/organization", { day_count: "actual_365" }))
          .day_count,
      ).toBe("actual_365");
      expect(await orgRow()).toEqual(row);

      const set = json<{ day_count: string }>(
        await leap.patch("/api/v1/organization", { day_count: "actual_actual" }),
      );
      expect(set.day_count).toBe("actual_actual");
      expect(json<{ day_count: string }>(await leap.get("/api/v1/organization")).day_count).toBe(
        "actual_actual",
      );
      expect(JSON.parse((await orgRow()).settings)).toEqual({ demo: true, day_count: "actual_actual" });
      expect(await auditCount()).toBe(audits + 1);

      const after = json<Claim>(
        await leap.get(`/api/v1/invoices/${leapInvoice}/claim`, { query: { as_of: "2024-12-31" } }),
      );
      expect(after).toMatchObject({ days_late: 366, penalty_cents: 10000, day_count: "actual_actual" });
      // the calculator's default follows; an explicit day_count overrides it
      expect(json<Claim>(await leap.post("/api/v1/law/penalties", LEAP)).penalty_cents).toBe(10000);
      expect(
        json<Claim>(await leap.post("/api/v1/law/penalties", { ...LEAP, day_count: "actual_365" }))
          .penalty_cents,
      ).toBe(10027);
      // another organization keeps its own
      expect(json<Claim>(await stranger.post("/api/v1/law/penalties", LEAP)).penalty_cents).toBe(10027);

      const back = json<{ day_count: string }>(
        await leap.patch("/api/v1/organization", { day_count: "actual_365" }),
      );
      expect(back.day_count).toBe("actual_365");
      expect(JSON.parse((await orgRow()).settings)).toEqual({ demo: true, day_count: "actual_365" });
      expect(
        json<Claim>(
          await leap.get(`/api/v1/invoices/${leapInvoice}/claim`, { query: { as_of: "2024-12-31" } }),
        ).penalty_cents,
      ).toBe(10027);
    });

    it("proven recovery costs replace the 40 EUR indemnity when higher", async () => {
      const higher = json<Claim>(
        await leap.post("/api/v1/law/penalties", { ...LEAP, proven_costs_cents: 8500 }),
      );
      expect(higher).toMatchObject({
        indemnity_cents: 8500,
        penalty_cents: 10027,
        total_claim_cents: 118527,
      });
      const lower = json<Claim>(
        await leap.post("/api/v1/law/penalties", { ...LEAP, proven_costs_cents: 2500 }),
      );
      expect(lower.indemnity_cents).toBe(4000);
      const none = json<Claim>(
        await leap.post("/api/v1/law/penalties", { ...LEAP, proven_costs_cents: null }),
      );
      expect(none.indemnity_cents).toBe(4000);
      // a consumer owes no indemnity at all
      const consumer = json<Claim>(
        await leap.post("/api/v1/law/penalties", {
          ...CALC,
          debtor: "consumer",
          notice_date: "2025-03-15",
          proven_costs_cents: 8500,
        }),
      );
      expect(consumer.indemnity_cents).toBe(0);
    });

    it("refuses bad day counts and proven costs, naming the field", async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ day_count: "30_360" }, "day_count"],
        [{ day_count: null }, "day_count"],
        [{ proven_costs_cents: -1 }, "proven_costs_cents"],
        [{ proven_costs_cents: 85.5 }, "proven_costs_cents"],
        [{ proven_costs_cents: "8500" }, "proven_costs_cents"],
      ];
      for (const [patch, path] of cases) {
        const res = await leap.post("/api/v1/law/penalties", { ...LEAP, ...patch });
        expect(expectError(res, 400, "invalid_input"), JSON.stringify(patch)).toEqual([path]);
      }
    });
  });
});
