import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../support/databases.js";
import { type Agent, memberWithRole, signUp, startTestServer, type TestServer } from "../support/http.js";
import { addClient, expectError, json, type Page, snapshot } from "./ledger-fixtures.js";

interface Quote {
  id: string;
  number: string;
  client_id: string;
  client: string;
  issue_date: string;
  valid_until: string | null;
  total_ht_cents: number;
  total_vat_cents: number;
  total_ttc_cents: number;
  deposit_percent: number;
  deposit_cents: number;
  status: string;
  accepted_at: string | null;
}

interface QuoteDetail extends Omit<Quote, "client"> {
  client: { id: string; name: string; kind: string };
  acceptance: { by: string | null; how: string } | null;
  lines: { position: number; description: string; total_ht_cents: number; discount_cents: number }[];
}

const LINES = [
  { description: "Réparation fuite", quantity_milli: 3000, unit_price_cents: 3333, vat_rate_bp: 2000 },
  { description: "Isolation", quantity_milli: 1000, unit_price_cents: 10000, vat_rate_bp: 550 },
];

describe.each(testDialects())("quotes API (%s)", (dialect) => {
  let s: TestServer;
  let owner: Agent;
  let stranger: Agent;
  let dupont: string;
  let durand: string;
  let foreignClient: string;
  let foreignQuote: string;

  const create = (body: Record<string, unknown>, agent: Agent = owner) => agent.post("/api/v1/quotes", body);
  const base = () => ({
    client_id: dupont,
    number: `D-${Math.random().toString(36).slice(2, 8)}`,
    issue_date: "2025-06-20",
    valid_until: "2025-07-20",
    deposit_percent: 30,
    lines: LINES,
  });

  beforeAll(async () => {
    s = await startTestServer(dialect);
    owner = await signUp(s.app, { organization: "Plomberie Martin" });
    stranger = await signUp(s.app, { organization: "Autre SARL" });
    dupont = await addClient(s, owner.orgId, "Boulangerie Dupont");
    durand = await addClient(s, owner.orgId, "Garage Durand");
    foreignClient = await addClient(s, stranger.orgId, "Client étranger");
    foreignQuote = json<QuoteDetail>(
      await create(
        {
          client_id: foreignClient,
          number: "D-2025-001",
          issue_date: "2025-06-01",
          deposit_percent: 0,
          lines: LINES,
        },
        stranger,
      ),
      201,
    ).id;
  });
  afterAll(async () => s?.close());

  it("creates a draft with its totals and deposit, on the client's timeline", async () => {
    const quote = json<QuoteDetail>(await create({ ...base(), number: "D-2025-001" }), 201);
    // HT 99,99 + 100,00; TVA 20,00 + 5,50; TTC 225,49; 30 % deposit = 67,647 → 67,65
    expect(quote).toMatchObject({
      number: "D-2025-001",
      client: { id: dupont, name: "Boulangerie Dupont", kind: "business" },
      issue_date: "2025-06-20",
      valid_until: "2025-07-20",
      total_ht_cents: 19999,
      total_vat_cents: 2550,
      total_ttc_cents: 22549,
      deposit_percent: 30,
      deposit_cents: 6765,
      status: "draft",
      accepted_at: null,
      acceptance: null,
    });
    expect(quote.lines.map((l) => [l.position, l.total_ht_cents])).toEqual([
      [1, 9999],
      [2, 10000],
    ]);
    expect(json<QuoteDetail>(await owner.get(`/api/v1/quotes/${quote.id}`))).toEqual(quote);
    const actions = await s.ctx.db
      .selectFrom("action")
      .select(["kind", "client_id", "summary"])
      .where("organization_id", "=", owner.orgId)
      .where("kind", "=", "quote_created")
      .execute();
    expect(actions).toEqual([
      { kind: "quote_created", client_id: dupont, summary: expect.stringContaining("D-2025-001") },
    ]);
  });

  it("a deposit of half a cent rounds up", async () => {
    // 1 × 0,05 € at 0 %: 10 % = 0,5 cent → 1 cent
    const quote = json<QuoteDetail>(
      await create({
        ...base(),
        deposit_percent: 10,
        lines: [{ description: "Vis", quantity_milli: 1000, unit_price_cents: 5, vat_rate_bp: 0 }],
      }),
      201,
    );
    expect(quote).toMatchObject({ total_ttc_cents: 5, deposit_cents: 1 });
  });

  it("refuses a duplicate number, bad fields, and another organization's client; writes nothing", async () => {
    const before = await snapshot(s, owner.orgId);
    expect(expectError(await create({ ...base(), number: "D-2025-001" }), 409, "conflict")).toEqual([
      "number",
    ]);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base(), valid_until: "2025-06-19" }, "valid_until"],
      [{ ...base(), deposit_percent: 101 }, "deposit_percent"],
      [{ ...base(), deposit_percent: 12.5 }, "deposit_percent"],
      [{ ...base(), deposit_percent: undefined }, "deposit_percent"],
      [{ ...base(), lines: [] }, "lines"],
      [{ ...base(), lines: [{ ...LINES[0], vat_rate_bp: -1 }] }, "lines.0.vat_rate_bp"],
      [{ ...base(), lines: [{ ...LINES[0], discount_cents: 10000 }] }, "lines.0.discount_cents"],
      [{ ...base(), issue_date: "2025-04-31" }, "issue_date"],
      [{ ...base(), status: "accepted" }, "status"],
    ];
    for (const [body, path] of cases) {
      const paths = expectError(await create(body), 400, "invalid_input");
      expect(
        paths.some((p) => p === path || p.startsWith(`${path}.`)),
        `${path}: ${paths.join(" | ")}`,
      ).toBe(true);
    }
    expectError(await create({ ...base(), client_id: foreignClient }), 404, "not_found");
    expect(await snapshot(s, owner.orgId)).toEqual(before);
    // numbers are per organization
    expect(
      (await create({ ...base(), client_id: foreignClient, number: "D-2025-001" }, stranger)).statusCode,
    ).toBe(409);
  });

  it("moves draft → sent → accepted, recording who accepted; other moves are refused", async () => {
    const quote = json<QuoteDetail>(await create(base()), 201);
    const before = await snapshot(s, owner.orgId);
    expect(
      expectError(await owner.patch(`/api/v1/quotes/${quote.id}`, { status: "accepted" }), 409, "conflict"),
    ).toEqual(["status"]);
    expectError(await owner.patch(`/api/v1/quotes/${quote.id}`, { status: "won" }), 400, "invalid_input");
    expect(await snapshot(s, owner.orgId)).toEqual(before);

    const sent = json<QuoteDetail>(await owner.patch(`/api/v1/quotes/${quote.id}`, { status: "sent" }));
    expect(sent).toMatchObject({ status: "sent", accepted_at: null });
    const same = await snapshot(s, owner.orgId);
    json(await owner.patch(`/api/v1/quotes/${quote.id}`, { status: "sent" }));
    expect(await snapshot(s, owner.orgId)).toEqual(same);

    const accepted = json<QuoteDetail>(
      await owner.patch(`/api/v1/quotes/${quote.id}`, { status: "accepted" }),
    );
    expect(accepted).toMatchObject({
      status: "accepted",
      accepted_at: "2025-06-30T08:00:00.000Z",
      acceptance: { by: owner.userId, how: "manual" },
    });
    expectError(await owner.patch(`/api/v1/quotes/${quote.id}`, { status: "refused" }), 409, "conflict");
    expectError(await owner.patch(`/api/v1/quotes/${quote.id}`, { status: "draft" }), 409, "conflict");

    const actions = await s.ctx.db
      .selectFrom("action")
      .select(["kind", "client_id", "user_id"])
      .where("organization_id", "=", owner.orgId)
      .where("kind", "in", ["quote_sent", "quote_accepted"])
      .orderBy("occurred_at")
      .orderBy("id")
      .execute();
    expect(actions).toEqual([
      { kind: "quote_sent", client_id: dupont, user_id: owner.userId },
      { kind: "quote_accepted", client_id: dupont, user_id: owner.userId },
    ]);

    const refused = json<QuoteDetail>(await create(base()), 201);
    json(await owner.patch(`/api/v1/quotes/${refused.id}`, { status: "sent" }));
    expect(
      json<QuoteDetail>(await owner.patch(`/api/v1/quotes/${refused.id}`, { status: "expired" })).status,
    ).toBe("expired");
  });

  it("lists newest first, by status and client, a page at a time; other organizations' ids list nothing", async () => {
    const other = await signUp(s.app, { organization: "Devis en série" });
    const a = await addClient(s, other.orgId, "Alpha");
    const b = await addClient(s, other.orgId, "Beta");
    const made: QuoteDetail[] = [];
    for (let k = 0; k < 7; k++) {
      made.push(
        json<QuoteDetail>(
          await create(
            {
              client_id: k % 2 === 0 ? a : b,
              number: `Q-${k}`,
              issue_date: `2025-06-0${1 + Math.floor(k / 2)}`,
              deposit_percent: 0,
              lines: LINES,
            },
            other,
          ),
          201,
        ),
      );
    }
    json(await other.patch(`/api/v1/quotes/${made[0]?.id}`, { status: "sent" }));
    const expected = [...made].sort((x, y) =>
      x.issue_date === y.issue_date ? (x.id < y.id ? 1 : -1) : x.issue_date < y.issue_date ? 1 : -1,
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Quote> = json(
        await other.get("/api/v1/quotes", { query: { limit: "3", ...(cursor ? { cursor } : {}) } }),
      );
      seen.push(...page.data.map((q) => q.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(expected.map((q) => q.id));

    const byClient = json<Page<Quote>>(await other.get("/api/v1/quotes", { query: { client_id: b } }));
    expect(byClient.data.map((q) => q.number).sort()).toEqual(["Q-1", "Q-3", "Q-5"]);
    expect(byClient.data[0]).toMatchObject({ client: "Beta", deposit_cents: 0 });
    const sent = json<Page<Quote>>(await other.get("/api/v1/quotes", { query: { status: "sent" } }));
    expect(sent.data.map((q) => q.number)).toEqual(["Q-0"]);
    const drafts = json<Page<Quote>>(await other.get("/api/v1/quotes", { query: { status: "draft,sent" } }));
    expect(drafts.data).toHaveLength(7);
    expectError(await other.get("/api/v1/quotes", { query: { status: "lost" } }), 400, "invalid_input");
    expect(
      json<Page<Quote>>(await other.get("/api/v1/quotes", { query: { client_id: dupont } })).data,
    ).toEqual([]);
    expect(
      json<Page<Quote>>(await owner.get("/api/v1/quotes", { query: { client_id: foreignClient } })).data,
    ).toEqual([]);
  });

  it("answers 404 for another organization's quote", async () => {
    const before = await snapshot(s, stranger.orgId);
    expectError(await owner.get(`/api/v1/quotes/${foreignQuote}`), 404, "not_found");
    expectError(await owner.patch(`/api/v1/quotes/${foreignQuote}`, { status: "sent" }), 404, "not_found");
    expect(await snapshot(s, stranger.orgId)).toEqual(before);
    expect(json<QuoteDetail>(await stranger.get(`/api/v1/quotes/${foreignQuote}`)).status).toBe("draft");
    expect(json<Page<Quote>>(await owner.get("/api/v1/quotes")).data.map((q) => q.id)).not.toContain(
      foreignQuote,
    );
  });

  it("only managers and owners write quotes; everyone reads them", async () => {
    const viewer = await memberWithRole(owner, "viewer");
    const collector = await memberWithRole(owner, "collector");
    const manager = await memberWithRole(owner, "manager");
    const quote = json<QuoteDetail>(await create({ ...base(), client_id: durand }), 201);
    const before = await snapshot(s, owner.orgId);
    for (const agent of [viewer, collector]) {
      expectError(await create(base(), agent), 403, "forbidden");
      expectError(await agent.patch(`/api/v1/quotes/${quote.id}`, { status: "sent" }), 403, "forbidden");
      expect((await agent.get("/api/v1/quotes")).statusCode).toBe(200);
      expect((await agent.get(`/api/v1/quotes/${quote.id}`)).statusCode).toBe(200);
    }
    expect(await snapshot(s, owner.orgId)).toEqual(before);
    expect((await create(base(), manager)).statusCode).toBe(201);
    expect((await manager.patch(`/api/v1/quotes/${quote.id}`, { status: "sent" })).statusCode).toBe(200);
  });
});
