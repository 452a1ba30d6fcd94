import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../support/databases.js";
import { type Agent, memberWithRole, signUp, startTestServer, type TestServer } from "../support/http.js";
import {
  addClient,
  addInvoice,
  expectError,
  type Invoice,
  type InvoiceDetail,
  json,
  type Page,
  snapshot,
} from "./ledger-fixtures.js";

const LINES = [
  // 3 × 33,33 € at 20 %: 99,99 € HT
  { description: "Réparation fuite", quantity_milli: 3000, unit_price_cents: 3333, vat_rate_bp: 2000 },
  // 1,5 × 66,67 € = 100,005 → 100,01 € HT at 5,5 %, with a 0,01 € discount: 100,00 €
  {
    description: "Travaux d'isolation",
    quantity_milli: 1500,
    unit_price_cents: 6667,
    vat_rate_bp: 550,
    discount_cents: 1,
  },
];

describe.each(testDialects())("invoices API (%s)", (dialect) => {
  let s: TestServer;
  let owner: Agent;
  let stranger: Agent;
  let dupont: string;
  let durand: string;
  let martin: string;
  let foreignClient: string;
  let foreignInvoice: string;
  const ids = {} as Record<"A1" | "A2" | "A3" | "B1" | "B2" | "C1" | "C2" | "D1", string>;

  const numbers = (page: Page<Invoice>) => page.data.map((i) => i.number);
  const list = async (query: Record<string, string>, agent: Agent = owner) =>
    json<Page<Invoice>>(await agent.get("/api/v1/invoices", { query: { limit: "500", ...query } }));

  beforeAll(async () => {
    s = await startTestServer(dialect);
    owner = await signUp(s.app, { organization: "Plomberie Martin" });
    stranger = await signUp(s.app, { organization: "Autre SARL" });
    const org = owner.orgId;
    dupont = await addClient(s, org, "Boulangerie Dupont");
    durand = await addClient(s, org, "Garage Durand SARL");
    martin = await addClient(s, org, "Élise Martin", "consumer");
    // today is 2025-06-30
    ids.C2 = await addInvoice(s, org, martin, {
      number: "F-2025-006",
      total: 9000,
      issue: "2024-12-01",
      due: "2024-12-31",
      status: "written_off",
    });
    ids.C1 = await addInvoice(s, org, martin, {
      number: "F-2025-005",
      total: 5000,
      issue: "2024-12-15",
      due: "2025-01-15",
      status: "cancelled",
    });
    ids.A3 = await addInvoice(s, org, dupont, {
      number: "F-2025-003",
      total: 20000,
      paid: 20000,
      issue: "2025-02-01",
      due: "2025-03-01",
    });
    ids.A1 = await addInvoice(s, org, dupont, {
      number: "F-2025-001",
      total: 100000,
      issue: "2025-04-01",
      due: "2025-05-01",
    });
    ids.B1 = await addInvoice(s, org, durand, {
      number: "F-2025-004",
      total: 300000,
      paid: 100000,
      issue: "2025-05-01",
      due: "2025-06-01",
      disputed: true,
    });
    ids.B2 = await addInvoice(s, org, durand, {
      number: "G-77",
      total: 75000,
      issue: "2025-05-31",
      due: "2025-06-30",
    });
    ids.A2 = await addInvoice(s, org, dupont, {
      number: "F-2025-002",
      total: 50000,
      issue: "2025-06-15",
      due: "2025-07-15",
    });
    ids.D1 = await addInvoice(s, org, dupont, {
      number: "D-1",
      kind: "deposit",
      total: 30000,
      issue: "2025-07-01",
      due: "2025-08-01",
    });
    foreignClient = await addClient(s, stranger.orgId, "Boulangerie Dupont");
    foreignInvoice = await addInvoice(s, stranger.orgId, foreignClient, {
      number: "F-2025-001",
      total: 1000,
      due: "2025-01-01",
    });
  });
  afterAll(async () => s?.close());

  describe("list filters", () => {
    it("lists every invoice by due date, then id", async () => {
      const page = await list({});
      expect(numbers(page)).toEqual([
        "F-2025-006",
        "F-2025-005",
        "F-2025-003",
        "F-2025-001",
        "F-2025-004",
        "G-77",
        "F-2025-002",
        "D-1",
      ]);
      expect(page.next_cursor).toBeNull();
      const b1 = page.data.find((i) => i.number === "F-2025-004");
      expect(b1).toMatchObject({
        id: ids.B1,
        client: "Garage Durand SARL",
        client_id: durand,
        kind: "invoice",
        total_cents: 300000,
        paid_cents: 100000,
        credited_cents: 0,
        balance_cents: 200000,
        status: "partially_paid",
        days_late: 29,
        disputed: true,
        source: "imported",
      });
    });

    it("filters by a comma list of statuses", async () => {
      expect(numbers(await list({ status: "open" }))).toEqual(["F-2025-001", "G-77", "F-2025-002", "D-1"]);
      expect(numbers(await list({ status: "open,partially_paid" }))).toEqual([
        "F-2025-001",
        "F-2025-004",
        "G-77",
        "F-2025-002",
        "D-1",
      ]);
      expect(numbers(await list({ status: "paid" }))).toEqual(["F-2025-003"]);
      expect(numbers(await list({ status: "cancelled,written_off" }))).toEqual(["F-2025-006", "F-2025-005"]);
      const paths = expectError(
        await owner.get("/api/v1/invoices", { query: { status: "open,late" } }),
        400,
        "invalid_input",
      );
      expect(paths[0]).toMatch(/^status/);
    });

    it("overdue: open or partially paid and due before today (not on the due date itself)", async () => {
      const page = await list({ overdue: "true" });
      expect(numbers(page)).toEqual(["F-2025-001", "F-2025-004"]);
      expect(page.data.map((i) => i.days_late)).toEqual([60, 29]);
    });

    it("disputed and not disputed", async () => {
      expect(numbers(await list({ disputed: "true" }))).toEqual(["F-2025-004"]);
      expect(numbers(await list({ disputed: "false" }))).toHaveLength(7);
      expectError(await owner.get("/api/v1/invoices", { query: { disputed: "yes" } }), 400, "invalid_input");
    });

    it("by client; another organization's client lists nothing", async () => {
      expect(numbers(await list({ client_id: dupont }))).toEqual([
        "F-2025-003",
        "F-2025-001",
        "F-2025-002",
        "D-1",
      ]);
      expect(numbers(await list({ client_id: foreignClient }))).toEqual([]);
      expect(numbers(await list({ client_id: dupont }, stranger))).toEqual([]);
    });

    it("q matches part of the number or of the client's name, case and accents ignored", async () => {
      expect(numbers(await list({ q: "f-2025-00" }))).toHaveLength(6);
      expect(numbers(await list({ q: "g-7" }))).toEqual(["G-77"]);
      expect(numbers(await list({ q: "DURAND" }))).toEqual(["F-2025-004", "G-77"]);
      expect(numbers(await list({ q: "Garage Durand S.A.R.L." }))).toEqual(["F-2025-004", "G-77"]);
      expect(numbers(await list({ q: "elise" }))).toEqual(["F-2025-006", "F-2025-005"]);
      // only this organization's Dupont, and wildcards are plain characters
      expect(numbers(await list({ q: "dupont" }))).toEqual(["F-2025-003", "F-2025-001", "F-2025-002", "D-1"]);
      expect(numbers(await list({ q: "%" }))).toEqual([]);
      expect(numbers(await list({ q: "F_2025" }))).toEqual([]);
    });

    it("due and issue date ranges, inclusive, validated as real dates", async () => {
      expect(numbers(await list({ due_from: "2025-05-01", due_to: "2025-06-30" }))).toEqual([
        "F-2025-001",
        "F-2025-004",
        "G-77",
      ]);
      expect(numbers(await list({ issue_from: "2025-05-01", issue_to: "2025-05-31" }))).toEqual([
        "F-2025-004",
        "G-77",
      ]);
      expect(numbers(await list({ issue_from: "2025-06-01" }))).toEqual(["F-2025-002", "D-1"]);
      expect(numbers(await list({ issue_to: "2024-12-31" }))).toEqual(["F-2025-006", "F-2025-005"]);
      for (const [key, value] of [
        ["due_from", "2025-02-30"],
        ["due_to", "30/06/2025"],
        ["issue_from", "2025-13-01"],
      ] as const) {
        const paths = expectError(
          await owner.get("/api/v1/invoices", { query: { [key]: value } }),
          400,
          "invalid_input",
        );
        expect(paths).toContain(key);
      }
    });

    it("amount range on the total including VAT, and kind", async () => {
      expect(numbers(await list({ min_cents: "50000", max_cents: "100000" }))).toEqual([
        "F-2025-001",
        "G-77",
        "F-2025-002",
      ]);
      expect(numbers(await list({ min_cents: "100001" }))).toEqual(["F-2025-004"]);
      expect(numbers(await list({ kind: "deposit" }))).toEqual(["D-1"]);
      expect(numbers(await list({ kind: "invoice" }))).toHaveLength(7);
      expect(numbers(await list({ kind: "credit_note" }))).toEqual([]);
      expect(numbers(await list({ client_id: dupont, status: "open", min_cents: "60000" }))).toEqual([
        "F-2025-001",
      ]);
    });

    it("refuses unknown parameters, bad limits and forged cursors", async () => {
      expectError(await owner.get("/api/v1/invoices", { query: { sort: "number" } }), 400, "invalid_input");
      expectError(await owner.get("/api/v1/invoices", { query: { limit: "501" } }), 400, "invalid_input");
      expectError(await owner.get("/api/v1/invoices", { query: { limit: "0" } }), 400, "invalid_input");
      expectError(
        await owner.get("/api/v1/invoices", { query: { cursor: "garbage" } }),
        400,
        "invalid_input",
      );
    });
  });

  it("walks a 120-invoice ledger in pages of 50 without duplicates or gaps", async () => {
    const other = await signUp(s.app, { organization: "Grand Livre" });
    const client = await addClient(s, other.orgId, "Client Unique");
    const expected: { id: string; due: string }[] = [];
    for (let k = 0; k < 120; k++) {
      // ten invoices share each due date, so the id decides within a day
      const due = `2025-0${1 + (k % 6)}-${String(10 + (Math.floor(k / 6) % 10)).padStart(2, "0")}`;
      const id = await addInvoice(s, other.orgId, client, { number: `P-${k}`, total: 1000 + k, due });
      expected.push({ id, due });
    }
    expected.sort((a, b) => (a.due === b.due ? (a.id < b.id ? -1 : 1) : a.due < b.due ? -1 : 1));
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Invoice> = json(
        await other.get("/api/v1/invoices", { query: { limit: "50", ...(cursor ? { cursor } : {}) } }),
      );
      sizes.push(page.data.length);
      seen.push(...page.data.map((i) => i.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(sizes).toEqual([50, 50, 20]);
    expect(new Set(seen).size).toBe(120);
    expect(seen).toEqual(expected.map((e) => e.id));
    // the same walk through a filter
    const first = json<Page<Invoice>>(
      await other.get("/api/v1/invoices", { query: { limit: "50", overdue: "true", due_to: "2025-03-31" } }),
    );
    const next = json<Page<Invoice>>(
      await other.get("/api/v1/invoices", {
        query: { limit: "50", overdue: "true", due_to: "2025-03-31", cursor: first.next_cursor ?? "" },
      }),
    );
    expect(first.data.length + next.data.length).toBe(60);
    expect(next.next_cursor).toBeNull();
  });

  describe("creation", () => {
    it("computes the totals from the lines exactly, the client's kind deciding the indemnity", async () => {
      const res = await owner.post("/api/v1/invoices", {
        client_id: dupont,
        number: "F-2025-100",
        issue_date: "2025-06-30",
        due_date: "2025-07-30",
        delivery_date: "2025-06-28",
        notes: "Chantier rue des Lilas",
        lines: LINES,
      });
      const invoice = json<InvoiceDetail>(res, 201);
      // HT 99,99 + 100,00 = 199,99; TVA 20 % of 99,99 = 19,998 → 20,00; 5,5 % of 100,00 = 5,50
      expect(invoice).toMatchObject({
        number: "F-2025-100",
        kind: "invoice",
        client: { id: dupont, name: "Boulangerie Dupont", kind: "business" },
        issue_date: "2025-06-30",
        due_date: "2025-07-30",
        delivery_date: "2025-06-28",
        total_ht_cents: 19999,
        total_vat_cents: 2550,
        total_cents: 22549,
        paid_cents: 0,
        credited_cents: 0,
        balance_cents: 22549,
        status: "open",
        days_late: 0,
        disputed: false,
        source: "created",
        penalty_clause: "default",
        indemnity_applies: true,
        notes: "Chantier rue des Lilas",
        dispute_reason: null,
        payments: [],
        credit_notes: [],
        credited_invoice: null,
      });
      expect(invoice.lines).toEqual([
        {
          position: 1,
          description: "Réparation fuite",
          quantity_milli: 3000,
          unit_price_cents: 3333,
          vat_rate_bp: 2000,
          discount_cents: 0,
          total_ht_cents: 9999,
        },
        {
          position: 2,
          description: "Travaux d'isolation",
          quantity_milli: 1500,
          unit_price_cents: 6667,
          vat_rate_bp: 550,
          discount_cents: 1,
          total_ht_cents: 10000,
        },
      ]);
      expect(json<InvoiceDetail>(await owner.get(`/api/v1/invoices/${invoice.id}`))).toEqual(invoice);
      const actions = await s.ctx.db
        .selectFrom("action")
        .selectAll()
        .where("invoice_id", "=", invoice.id)
        .execute();
      expect(actions.map((a) => [a.kind, a.client_id, a.user_id])).toEqual([
        ["invoice_created", dupont, owner.userId],
      ]);
      expect(actions[0]?.summary).toContain("F-2025-100");
      const audit = await s.ctx.db
        .selectFrom("audit_log")
        .selectAll()
        .where("entity_id", "=", invoice.id)
        .execute();
      expect(audit.map((a) => [a.entity, a.operation, a.user_id])).toEqual([
        ["invoice", "create", owner.userId],
      ]);
    });

    it("takes a total alone, a deposit kind and a penalty clause; no indemnity for a consumer", async () => {
      const invoice = json<InvoiceDetail>(
        await owner.post("/api/v1/invoices", {
          client_id: martin,
          number: "AC-1",
          kind: "deposit",
          issue_date: "2025-06-01",
          due_date: "2025-06-01",
          penalty_clause: "fixed:1200",
          total_ttc_cents: 45000,
        }),
        201,
      );
      expect(invoice).toMatchObject({
        kind: "deposit",
        total_cents: 45000,
        total_ht_cents: null,
        total_vat_cents: null,
        lines: [],
        penalty_clause: "fixed:1200",
        indemnity_applies: false,
        status: "open",
      });
    });

    it("refuses a number already used in the organization (any client), and writes nothing", async () => {
      const before = await snapshot(s, owner.orgId);
      for (const client_id of [dupont, durand]) {
        const res = await owner.post("/api/v1/invoices", {
          client_id,
          number: "F-2025-001",
          issue_date: "2025-06-01",
          due_date: "2025-07-01",
          total_ttc_cents: 1000,
        });
        expect(expectError(res, 409, "conflict")).toEqual(["number"]);
      }
      expect(await snapshot(s, owner.orgId)).toEqual(before);
      // another organization's numbers are not ours
      const theirs = await stranger.post("/api/v1/invoices", {
        client_id: foreignClient,
        number: "F-2025-002",
        issue_date: "2025-06-01",
        due_date: "2025-07-01",
        total_ttc_cents: 1000,
      });
      expect(theirs.statusCode, theirs.body).toBe(201);
    });

    it("validates every field and says where", async () => {
      const base = {
        client_id: dupont,
        number: "V-1",
        issue_date: "2025-06-10",
        due_date: "2025-07-10",
        lines: LINES,
      };
      const before = await snapshot(s, owner.orgId);
      const cases: [Record<string, unknown>, string][] = [
        [{ ...base, due_date: "2025-06-09" }, "due_date"],
        [{ ...base, total_ttc_cents: 1000 }, "lines"],
        [{ ...base, lines: undefined }, "lines"],
        [{ ...base, lines: [] }, "lines"],
        [{ ...base, issue_date: "2025-02-30" }, "issue_date"],
        [{ ...base, kind: "credit_note" }, "kind"],
        [{ ...base, penalty_clause: "whatever" }, "penalty_clause"],
        [{ ...base, number: "  " }, "number"],
        [{ ...base, lines: [{ ...LINES[0], vat_rate_bp: 10001 }] }, "lines.0.vat_rate_bp"],
        [{ ...base, lines: [{ ...LINES[0], quantity_milli: 1.5 }] }, "lines.0.quantity_milli"],
        [{ ...base, lines: [{ ...LINES[0], unit_price_cents: -1 }] }, "lines.0.unit_price_cents"],
        [{ ...base, lines: [LINES[0], { ...LINES[1], discount_cents: 10002 }] }, "lines.1.discount_cents"],
        [{ ...base, lines: [{ ...LINES[0], colour: "red" }] }, "lines.0"],
        [{ ...base, lines: [{ ...LINES[0], unit_price_cents: 0 }] }, "lines"],
        [{ ...base, total_ttc_cents: 0, lines: undefined }, "total_ttc_cents"],
        [{ ...base, extra: true }, ""],
      ];
      for (const [body, path] of cases) {
        const paths = expectError(await owner.post("/api/v1/invoices", body), 400, "invalid_input");
        expect(
          paths.some((p) => p === path || p.startsWith(`${path}.`) || (path === "" && p === "extra")),
          `${path}: ${paths.join(" | ")}`,
        ).toBe(true);
      }
      expect(await snapshot(s, owner.orgId)).toEqual(before);
    });

    it("does not reach another organization's client", async () => {
      const before = await snapshot(s, owner.orgId);
      const res = await owner.post("/api/v1/invoices", {
        client_id: foreignClient,
        number: "X-1",
        issue_date: "2025-06-01",
        due_date: "2025-07-01",
        total_ttc_cents: 1000,
      });
      expectError(res, 404, "not_found");
      expect(await snapshot(s, owner.orgId)).toEqual(before);
    });
  });

  describe("detail", () => {
    it("answers 404 for an unknown id or another organization's invoice", async () => {
      expectError(await owner.get(`/api/v1/invoices/${foreignInvoice}`), 404, "not_found");
      expectError(await owner.get("/api/v1/invoices/nope"), 404, "not_found");
      expectError(await stranger.get(`/api/v1/invoices/${ids.A1}`), 404, "not_found");
      const detail = json<InvoiceDetail>(await stranger.get(`/api/v1/invoices/${foreignInvoice}`));
      expect(detail.client).toEqual({ id: foreignClient, name: "Boulangerie Dupont", kind: "business" });
    });
  });

  describe("disputes and notes", () => {
    it("opens and lifts a dispute on the timeline; a repeat writes nothing", async () => {
      const collector = await memberWithRole(owner, "collector");
      const opened = json<InvoiceDetail>(
        await collector.patch(`/api/v1/invoices/${ids.A1}`, {
          disputed: true,
          dispute_reason: "Travaux non terminés",
        }),
      );
      expect(opened).toMatchObject({ disputed: true, dispute_reason: "Travaux non terminés" });
      const again = await snapshot(s, owner.orgId);
      json(await collector.patch(`/api/v1/invoices/${ids.A1}`, { disputed: true, dispute_reason: "Encore" }));
      expect(await snapshot(s, owner.orgId)).toEqual(again);
      const lifted = json<InvoiceDetail>(
        await owner.patch(`/api/v1/invoices/${ids.A1}`, { disputed: false, dispute_reason: "Accord trouvé" }),
      );
      expect(lifted).toMatchObject({ disputed: false, dispute_reason: null });
      const actions = await s.ctx.db
        .selectFrom("action")
        .selectAll()
        .where("invoice_id", "=", ids.A1)
        .orderBy("occurred_at")
        .orderBy("id")
        .execute();
      expect(actions.map((a) => [a.kind, a.user_id, JSON.parse(a.data).reason])).toEqual([
        ["dispute_opened", collector.userId, "Travaux non terminés"],
        ["dispute_closed", owner.userId, "Accord trouvé"],
      ]);
      expect(actions[0]?.summary).toContain("Travaux non terminés");
      expect(actions[1]?.summary).toContain("Accord trouvé");
      expect(actions.every((a) => a.client_id === dupont && a.occurred_on === "2025-06-30")).toBe(true);
      const audit = await s.ctx.db
        .selectFrom("audit_log")
        .select("operation")
        .where("entity_id", "=", ids.A1)
        .orderBy("at")
        .orderBy("id")
        .execute();
      expect(audit.map((a) => a.operation)).toEqual(["dispute_opened", "dispute_closed"]);
      expect(numbers(await list({ disputed: "true" }))).toEqual(["F-2025-004"]);
    });

    it("notes need invoices:write: a collector is refused and nothing changes", async () => {
      const collector = await memberWithRole(owner, "collector");
      const before = await snapshot(s, owner.orgId);
      expectError(await collector.patch(`/api/v1/invoices/${ids.A2}`, { notes: "Non" }), 403, "forbidden");
      expectError(
        await collector.patch(`/api/v1/invoices/${ids.A2}`, { disputed: true, notes: "Non" }),
        403,
        "forbidden",
      );
      expect(await snapshot(s, owner.orgId)).toEqual(before);
      const noted = json<InvoiceDetail>(
        await owner.patch(`/api/v1/invoices/${ids.A2}`, { notes: "Relancer lundi" }),
      );
      expect(noted.notes).toBe("Relancer lundi");
      const same = await snapshot(s, owner.orgId);
      json(await owner.patch(`/api/v1/invoices/${ids.A2}`, { notes: "Relancer lundi" }));
      json(await owner.patch(`/api/v1/invoices/${ids.A2}`, {}));
      expect(await snapshot(s, owner.orgId)).toEqual(same);
    });

    it("validates the body and never reaches another organization's invoice", async () => {
      const before = await snapshot(s, owner.orgId);
      expect(
        expectError(
          await owner.patch(`/api/v1/invoices/${ids.A2}`, { dispute_reason: "Seul" }),
          400,
          "invalid_input",
        ),
      ).toEqual(["dispute_reason"]);
      expectError(await owner.patch(`/api/v1/invoices/${ids.A2}`, { disputed: "yes" }), 400, "invalid_input");
      expectError(await owner.patch(`/api/v1/invoices/${ids.A2}`, { status: "paid" }), 400, "invalid_input");
      expectError(
        await owner.patch(`/api/v1/invoices/${foreignInvoice}`, { disputed: true }),
        404,
        "not_found",
      );
      expect(await snapshot(s, owner.orgId)).toEqual(before);
      const theirs = json<InvoiceDetail>(await stranger.get(`/api/v1/invoices/${foreignInvoice}`));
      expect(theirs.disputed).toBe(false);
    });
  });

  describe("credit notes", () => {
    it("reduce the balance, then settle the invoice; never more than the balance", async () => {
      const invoice = json<InvoiceDetail>(
        await owner.post("/api/v1/invoices", {
          client_id: durand,
          number: "F-CN-1",
          issue_date: "2025-05-01",
          due_date: "2025-05-31",
          lines: [
            { description: "Forfait", quantity_milli: 1000, unit_price_cents: 100000, vat_rate_bp: 2000 },
          ],
        }),
        201,
      );
      const paid = await owner.post("/api/v1/payments", {
        date: "2025-06-02",
        amount_cents: 20000,
        method: "transfer",
        allocations: [{ invoice_id: invoice.id, amount_cents: 20000 }],
      });
      expect(paid.statusCode, paid.body).toBe(201);
      const dashboardBefore = (await owner.get("/api/v1/dashboard")).json() as {
        collected_this_month_cents?: number;
      };

      const note = json<InvoiceDetail>(
        await owner.post(`/api/v1/invoices/${invoice.id}/credit-notes`, {
          issue_date: "2025-06-20",
          amount_cents: 30000,
          reason: "Geste commercial",
        }),
        201,
      );
      expect(note).toMatchObject({
        kind: "credit_note",
        number: "AV-F-CN-1",
        client: { id: durand },
        issue_date: "2025-06-20",
        total_cents: -30000,
        total_ht_cents: -25000,
        total_vat_cents: -5000,
        paid_cents: 0,
        balance_cents: 0,
        status: "paid",
        days_late: 0,
        notes: "Geste commercial",
        credited_invoice: { id: invoice.id, number: "F-CN-1" },
      });
      let after = json<InvoiceDetail>(await owner.get(`/api/v1/invoices/${invoice.id}`));
      expect(after).toMatchObject({
        total_cents: 120000,
        paid_cents: 20000,
        credited_cents: 30000,
        balance_cents: 70000,
        status: "partially_paid",
        credit_notes: [{ id: note.id, number: "AV-F-CN-1", issue_date: "2025-06-20", total_cents: -30000 }],
      });

      // more than the balance: refused, nothing written
      const before = await snapshot(s, owner.orgId);
      const over = await owner.post(`/api/v1/invoices/${invoice.id}/credit-notes`, {
        issue_date: "2025-06-21",
        amount_cents: 70001,
        reason: "Trop",
      });
      expect(expectError(over, 400, "invalid_input")).toEqual(["amount_cents"]);
      expect(await snapshot(s, owner.orgId)).toEqual(before);

      // the rest: numbered -2, and the invoice is settled
      const rest = json<InvoiceDetail>(
        await owner.post(`/api/v1/invoices/${invoice.id}/credit-notes`, {
          issue_date: "2025-06-21",
          amount_cents: 70000,
          reason: "Annulation du solde",
        }),
        201,
      );
      expect(rest.number).toBe("AV-F-CN-1-2");
      after = json<InvoiceDetail>(await owner.get(`/api/v1/invoices/${invoice.id}`));
      expect(after).toMatchObject({ credited_cents: 100000, balance_cents: 0, status: "paid" });
      expect(after.credit_notes.map((c) => c.number)).toEqual(["AV-F-CN-1", "AV-F-CN-1-2"]);

      // a settled invoice takes no credit note; nor does a credit note
      expectError(
        await owner.post(`/api/v1/invoices/${invoice.id}/credit-notes`, {
          issue_date: "2025-06-21",
          amount_cents: 1,
          reason: "Encore",
        }),
        409,
        "conflict",
      );
      expectError(
        await owner.post(`/api/v1/invoices/${note.id}/credit-notes`, {
          issue_date: "2025-06-21",
          amount_cents: 1,
          reason: "Avoir d'avoir",
        }),
        409,
        "conflict",
      );

      // credit notes are neither overdue nor money collected, and are on the timeline of the invoice
      const overdue = await list({ overdue: "true" });
      expect(numbers(overdue)).not.toContain("AV-F-CN-1");
      expect(numbers(await list({ kind: "credit_note" }))).toEqual(["AV-F-CN-1", "AV-F-CN-1-2"]);
      const payments = json<Page<{ id: string }>>(
        await owner.get("/api/v1/payments", { query: { client_id: durand } }),
      );
      expect(payments.data).toHaveLength(1);
      const dashboardAfter = (await owner.get("/api/v1/dashboard")).json() as {
        collected_this_month_cents?: number;
      };
      expect(dashboardAfter.collected_this_month_cents).toBe(dashboardBefore.collected_this_month_cents);
      const actions = await s.ctx.db
        .selectFrom("action")
        .select(["kind", "summary"])
        .where("invoice_id", "=", invoice.id)
        .where("kind", "=", "credit_note")
        .execute();
      expect(actions).toHaveLength(2);
      expect(actions[0]?.summary).toContain("AV-F-CN-1");
    });

    it("takes a chosen number unless it is taken, and validates", async () => {
      const before = await snapshot(s, owner.orgId);
      const taken = await owner.post(`/api/v1/invoices/${ids.B2}/credit-notes`, {
        number: "F-2025-001",
        issue_date: "2025-06-20",
        amount_cents: 100,
        reason: "Erreur",
      });
      expect(expectError(taken, 409, "conflict")).toEqual(["number"]);
      for (const [body, path] of [
        [{ issue_date: "2025-07-01", amount_cents: 100, reason: "Futur" }, "issue_date"],
        [{ issue_date: "2025-06-20", amount_cents: 0, reason: "Zéro" }, "amount_cents"],
        [{ issue_date: "2025-06-20", amount_cents: -5, reason: "Négatif" }, "amount_cents"],
        [{ issue_date: "2025-06-20", amount_cents: 100, reason: " " }, "reason"],
        [{ issue_date: "2025-06-20", amount_cents: 100 }, "reason"],
      ] as const) {
        const paths = expectError(
          await owner.post(`/api/v1/invoices/${ids.B2}/credit-notes`, body),
          400,
          "invalid_input",
        );
        expect(paths).toContain(path);
      }
      expect(await snapshot(s, owner.orgId)).toEqual(before);
      const mine = json<InvoiceDetail>(
        await owner.post(`/api/v1/invoices/${ids.B2}/credit-notes`, {
          number: "AV-2025-0001",
          issue_date: "2025-06-20",
          amount_cents: 5000,
          reason: "Remise",
        }),
        201,
      );
      expect(mine).toMatchObject({ number: "AV-2025-0001", total_ht_cents: null, total_vat_cents: null });
    });

    it("refuses cancelled invoices, other organizations' invoices and roles below manager", async () => {
      const body = { issue_date: "2025-06-20", amount_cents: 100, reason: "Non" };
      const collector = await memberWithRole(owner, "collector");
      const viewer = await memberWithRole(owner, "viewer");
      const before = await snapshot(s, owner.orgId);
      expectError(await owner.post(`/api/v1/invoices/${ids.C1}/credit-notes`, body), 409, "conflict");
      expectError(
        await owner.post(`/api/v1/invoices/${foreignInvoice}/credit-notes`, body),
        404,
        "not_found",
      );
      expectError(await collector.post(`/api/v1/invoices/${ids.A2}/credit-notes`, body), 403, "forbidden");
      expectError(await viewer.post(`/api/v1/invoices/${ids.A2}/credit-notes`, body), 403, "forbidden");
      expect(await snapshot(s, owner.orgId)).toEqual(before);
    });
  });

  describe("roles", () => {
    it("viewers read only; collectors dispute but do not create invoices", async () => {
      const viewer = await memberWithRole(owner, "viewer");
      const collector = await memberWithRole(owner, "collector");
      const body = {
        client_id: dupont,
        number: "R-1",
        issue_date: "2025-06-01",
        due_date: "2025-07-01",
        total_ttc_cents: 1000,
      };
      const before = await snapshot(s, owner.orgId);
      expect((await viewer.get("/api/v1/invoices")).statusCode).toBe(200);
      expect((await viewer.get(`/api/v1/invoices/${ids.A1}`)).statusCode).toBe(200);
      expectError(await viewer.post("/api/v1/invoices", body), 403, "forbidden");
      expectError(await viewer.patch(`/api/v1/invoices/${ids.A1}`, { disputed: true }), 403, "forbidden");
      expectError(await viewer.patch(`/api/v1/invoices/${ids.A1}`, { notes: "x" }), 403, "forbidden");
      expectError(await collector.post("/api/v1/invoices", body), 403, "forbidden");
      expect(await snapshot(s, owner.orgId)).toEqual(before);
      expect((await s.app.inject({ method: "GET", url: "/api/v1/invoices" })).statusCode).toBe(401);
      expectError(await owner.post("/api/v1/invoices", body, { noCsrf: true }), 403, "forbidden");
    });
  });
});
