import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loggedUrl } from "../../src/http/server.js";
import { testDialects } from "../support/databases.js";
import { type Agent, memberWithRole, signUp, startTestServer, type TestServer } from "../support/http.js";
import { pdfText } from "../support/pdf-text.js";
import { expectError, json } from "./ledger-fixtures.js";

/**
 * The client portal (docs/portal.md), today 2025-06-30 in Paris: the staff's link (created, shown once, revoked),
 * what the client sees, the QR code, the invoice PDF, « J'ai payé » (a declared payment: the balance does not move,
 * the reminders pause) and « Contester »; every portal route walked with a token of client A and the ids of client
 * A2 / another organization answers 404 and changes nothing; revoked or expired tokens answer 404 everywhere.
 */
const LINE = { description: "Dépannage", quantity_milli: 1000, unit_price_cents: 50000, vat_rate_bp: 2000 };
const IBAN = "FR7630006000011234567890189";

interface Link {
  id: string;
  url: string;
  expires_at: string;
  last_seen_at: string | null;
}
interface View {
  owed_cents: number;
  qr_available: boolean;
  organization: { name: string; iban: string | null };
  invoices: {
    id: string;
    number: string;
    balance_cents: number;
    declared_cents: number;
    disputed: boolean;
  }[];
  declared_payments: { amount_cents: number; invoice_number: string | null }[];
}
interface InvoiceDetail {
  balance_cents: number;
  paid_cents: number;
  status: string;
  disputed: boolean;
  hold_kind: string | null;
  hold_until: string | null;
}

/** The ids a portal route is walked with: an invoice and a quote. */
interface Ids {
  invoice: string;
  quote: string;
}

/** Every portal route, with a valid body: the walk fails when a new one has no case here. */
const PORTAL_CASES: Record<
  string,
  // `own`: a route that names no invoice or quote (only the token's client): nothing foreign to walk with
  { method: "GET" | "POST"; path: (ids: Ids) => string; body?: unknown; own?: true }
> = {
  "get /api/portal/{token}/qr.png": { method: "GET", path: (ids) => `/qr.png?invoice_id=${ids.invoice}` },
  "get /api/portal/{token}/invoices/{invoiceId}/pdf": {
    method: "GET",
    path: (ids) => `/invoices/${ids.invoice}/pdf`,
  },
  "post /api/portal/{token}/invoices/{invoiceId}/declared-payments": {
    method: "POST",
    path: (ids) => `/invoices/${ids.invoice}/declared-payments`,
    body: { date: "2025-06-29", amount_cents: 1000, method: "transfer", reference: "VIR 1" },
  },
  "post /api/portal/{token}/invoices/{invoiceId}/dispute": {
    method: "POST",
    path: (ids) => `/invoices/${ids.invoice}/dispute`,
    body: { reason: "Travaux non terminés" },
  },
  "get /api/portal/{token}/quotes/{quoteId}/pdf": {
    method: "GET",
    path: (ids) => `/quotes/${ids.quote}/pdf`,
  },
  "post /api/portal/{token}/quotes/{quoteId}/accept": {
    method: "POST",
    path: (ids) => `/quotes/${ids.quote}/accept`,
    body: { name: "Paul Roux" },
  },
  "post /api/portal/{token}/quotes/{quoteId}/refuse": {
    method: "POST",
    path: (ids) => `/quotes/${ids.quote}/refuse`,
    body: { name: "Paul Roux", reason: "Trop cher" },
  },
  "post /api/portal/{token}/plan-request": {
    method: "POST",
    path: () => "/plan-request",
    body: { installments: 3, message: "Trésorerie tendue" },
    own: true,
  },
};

function tokenOf(link: Link): string {
  return link.url.split("/p/")[1] ?? "";
}

describe.each(testDialects())("client portal API (%s)", (dialect) => {
  let s: TestServer;
  let owner: Agent;
  let other: Agent;
  let clientA: string;
  let clientA2: string;
  let invoiceA: string;
  let invoiceA2: string;
  let invoiceB: string;
  let paidA: string;
  let quoteA: string;
  let quoteA2: string;
  let quoteB: string;

  async function client(agent: Agent, name: string): Promise<string> {
    return json<{ id: string }>(
      await agent.post("/api/v1/clients", {
        kind: "business",
        name,
        contacts: [{ email: "c@ex.fr", is_billing: true }],
      }),
      201,
    ).id;
  }
  async function invoice(
    agent: Agent,
    clientId: string,
    number: string,
    due = "2025-06-01",
  ): Promise<string> {
    return json<{ id: string }>(
      await agent.post("/api/v1/invoices", {
        client_id: clientId,
        number,
        issue_date: "2025-05-01",
        due_date: due,
        lines: [LINE],
      }),
      201,
    ).id;
  }
  /** A quote (500 € HT, 20 % VAT, 30 % deposit), sent unless `draft`. */
  async function quote(
    agent: Agent,
    clientId: string,
    number: string,
    validUntil = "2025-07-20",
    draft = false,
  ): Promise<string> {
    const id = json<{ id: string }>(
      await agent.post("/api/v1/quotes", {
        client_id: clientId,
        number,
        issue_date: "2025-06-20",
        valid_until: validUntil,
        deposit_percent: 30,
        lines: [LINE],
      }),
      201,
    ).id;
    if (!draft) json(await agent.post(`/api/v1/quotes/${id}/send`));
    return id;
  }
  async function quoteStatus(id: string, agent = owner): Promise<string> {
    return json<{ status: string }>(await agent.get(`/api/v1/quotes/${id}`)).status;
  }
  async function link(clientId: string): Promise<Link> {
    return json<Link>(await owner.post(`/api/v1/clients/${clientId}/portal-link`), 201);
  }
  function portal(method: "GET" | "POST", url: string, body?: unknown, ip = "203.0.113.7") {
    return s.app.inject({
      method,
      url,
      remoteAddress: ip,
      ...(body !== undefined ? { payload: body as object } : {}),
    });
  }
  async function invoiceOf(id: string, agent = owner): Promise<InvoiceDetail> {
    return json<InvoiceDetail>(await agent.get(`/api/v1/invoices/${id}`));
  }

  beforeAll(async () => {
    s = await startTestServer(dialect, { publicUrl: "https://relance.example.fr/" });
    owner = await signUp(s.app, { organization: "Atelier Morel" });
    other = await signUp(s.app, { organization: "Bureau B" });
    json(await owner.patch("/api/v1/organization", { iban: IBAN }));
    clientA = await client(owner, "Boulangerie Roux");
    clientA2 = await client(owner, "Garage Petit");
    invoiceA = await invoice(owner, clientA, "F-1");
    paidA = await invoice(owner, clientA, "F-2");
    json(
      await owner.post("/api/v1/payments", {
        date: "2025-06-10",
        amount_cents: 60000,
        method: "transfer",
        allocations: [{ invoice_id: paidA, amount_cents: 60000 }],
      }),
      201,
    );
    invoiceA2 = await invoice(owner, clientA2, "G-1");
    const clientB = await client(other, "Client de B");
    invoiceB = await invoice(other, clientB, "B-1");
    quoteA = await quote(owner, clientA, "D-1");
    quoteA2 = await quote(owner, clientA2, "DG-1");
    quoteB = await quote(other, clientB, "DB-1");
  });
  afterAll(async () => {
    await s?.close();
  });

  it("creates a link shown once, on the public address, and shows the client its invoices", async () => {
    const created = await link(clientA);
    expect(created.url).toMatch(/^https:\/\/relance\.example\.fr\/p\/[A-Za-z0-9_-]{43}$/);
    // the token is never stored: only its SHA-256
    const rows = await s.ctx.db.selectFrom("portal_link").selectAll().where("id", "=", created.id).execute();
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(tokenOf(created));
    const staff = json<{ link: Link | null }>(await owner.get(`/api/v1/clients/${clientA}/portal-link`));
    expect(staff.link?.id).toBe(created.id);
    expect(JSON.stringify(staff)).not.toContain(tokenOf(created));

    const res = await portal("GET", `/api/portal/${tokenOf(created)}`);
    const view = json<View>(res);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(view.organization.name).toBe("Atelier Morel");
    expect(view.organization.iban).toBe("FR76 3000 6000 0112 3456 7890 189");
    expect(view.owed_cents).toBe(60000);
    expect(view.qr_available).toBe(true);
    expect(view.invoices.map((i) => [i.number, i.balance_cents])).toEqual([
      ["F-1", 60000],
      ["F-2", 0],
    ]);
    // the visit is on the timeline with the address
    const actions = json<{ data: { kind: string; summary: string }[] }>(
      await owner.get(`/api/v1/actions?client_id=${clientA}`),
    ).data;
    expect(actions.find((a) => a.kind === "portal_visit")?.summary).toContain("203.0.113.7");
    // a reload the same day from the same address is the same visit; another address is another
    json(await portal("GET", `/api/portal/${tokenOf(created)}`));
    json(await portal("GET", `/api/portal/${tokenOf(created)}`, undefined, "198.51.100.20"));
    const visits = json<{ data: { kind: string; summary: string }[] }>(
      await owner.get(`/api/v1/actions?client_id=${clientA}`),
    ).data.filter((a) => a.kind === "portal_visit");
    expect(visits.map((v) => v.summary.match(/IP ([\d.]+)/)?.[1]).sort()).toEqual([
      "198.51.100.20",
      "203.0.113.7",
    ]);
    expect(actions.some((a) => a.kind === "portal_link_created")).toBe(true);

    const qr = await portal("GET", `/api/portal/${tokenOf(created)}/qr.png`);
    expect(qr.statusCode).toBe(200);
    expect(qr.headers["content-type"]).toBe("image/png");
    expect(qr.rawPayload.subarray(1, 4).toString()).toBe("PNG");
    // a paid invoice has nothing to pay: no QR code
    expectError(
      await portal("GET", `/api/portal/${tokenOf(created)}/qr.png?invoice_id=${paidA}`),
      404,
      "not_found",
    );

    const pdf = await portal("GET", `/api/portal/${tokenOf(created)}/invoices/${invoiceA}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(await pdfText(pdf.rawPayload)).toContain("F-1");
  });

  it("creating a new link revokes the previous one; a revoked or expired token is 404 everywhere", async () => {
    const first = await link(clientA);
    const second = await link(clientA);
    json(await portal("GET", `/api/portal/${tokenOf(second)}`));
    const revokedToken = tokenOf(first);
    const routes = [
      ["GET", ""],
      ...Object.values(PORTAL_CASES).map(
        (c) => [c.method, c.path({ invoice: invoiceA, quote: quoteA }), c.body] as const,
      ),
    ] as const;
    const before = await invoiceOf(invoiceA);
    for (const [method, path, body] of routes) {
      const res = await portal(method, `/api/portal/${revokedToken}${path}`, body);
      expectError(res, 404, "not_found");
    }
    // revoked by the staff
    expect((await owner.delete(`/api/v1/clients/${clientA}/portal-link`)).statusCode).toBe(204);
    expect(
      json<{ link: Link | null }>(await owner.get(`/api/v1/clients/${clientA}/portal-link`)).link,
    ).toBeNull();
    expectError(await portal("GET", `/api/portal/${tokenOf(second)}`), 404, "not_found");
    // expired: the link's date is past
    const third = await link(clientA);
    await s.ctx.db
      .updateTable("portal_link")
      .set({ expires_at: "2025-06-30T07:59:59.000Z" })
      .where("id", "=", third.id)
      .execute();
    for (const [method, path, body] of routes) {
      expectError(await portal(method, `/api/portal/${tokenOf(third)}${path}`, body), 404, "not_found");
    }
    // unknown and malformed tokens: the same answer
    expectError(
      await portal("GET", "/api/portal/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
      404,
      "not_found",
    );
    expectError(await portal("GET", "/api/portal/%27%20or%201=1"), 404, "not_found");
    expect(await invoiceOf(invoiceA)).toEqual(before);
    expect(await quoteStatus(quoteA)).toBe("sent");
    const payments = await s.ctx.db
      .selectFrom("payment")
      .select("id")
      .where("state", "=", "declared")
      .execute();
    expect(payments).toEqual([]);
  });

  it("walks every portal route with client A's token and the ids of client A2 and of another organization: 404, nothing changed", async () => {
    const token = tokenOf(await link(clientA));
    const doc = (await s.app.inject({ method: "GET", url: "/api/docs/json" })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith("/api/portal/"))
      .flatMap(([path, operations]) => Object.keys(operations).map((m) => `${m} ${path}`))
      .filter((key) => key !== "get /api/portal/{token}");
    expect(routes.sort()).toEqual(Object.keys(PORTAL_CASES).sort());
    const beforeA2 = await invoiceOf(invoiceA2);
    const beforeB = await invoiceOf(invoiceB, other);
    const actionsA2 = (await owner.get(`/api/v1/actions?client_id=${clientA2}`)).body;
    const foreignIds: Ids[] = [
      { invoice: invoiceA2, quote: quoteA2 },
      { invoice: invoiceB, quote: quoteB },
      { invoice: "not-an-id", quote: "not-an-id" },
    ];
    for (const foreign of foreignIds) {
      for (const [key, c] of Object.entries(PORTAL_CASES)) {
        if (c.own) continue;
        const res = await portal(c.method, `/api/portal/${token}${c.path(foreign)}`, c.body);
        expect(res.statusCode, `${key} ${foreign.invoice}: ${res.body}`).toBe(404);
        expect(res.json()).toMatchObject({ error: { code: "not_found" } });
        expect(res.body).not.toContain("Garage Petit");
        expect(res.body).not.toContain("Client de B");
      }
    }
    expect(await invoiceOf(invoiceA2)).toEqual(beforeA2);
    expect(await invoiceOf(invoiceB, other)).toEqual(beforeB);
    expect(await quoteStatus(quoteA2)).toBe("sent");
    expect(await quoteStatus(quoteB, other)).toBe("sent");
    expect((await owner.get(`/api/v1/actions?client_id=${clientA2}`)).body).toBe(actionsA2);
    const declared = await s.ctx.db
      .selectFrom("payment")
      .select("id")
      .where("state", "=", "declared")
      .execute();
    expect(declared).toEqual([]);
    const tasks = await s.ctx.db.selectFrom("task").select("id").where("kind", "=", "settlement").execute();
    expect(tasks).toEqual([]);
    // the staff routes: another organization's client is unknown, and B cannot reach A's client
    expectError(await other.post(`/api/v1/clients/${clientA}/portal-link`), 404, "not_found");
    expectError(await other.delete(`/api/v1/clients/${clientA}/portal-link`), 404, "not_found");
    expectError(await other.get(`/api/v1/clients/${clientA}/portal-link`), 404, "not_found");
    json(await portal("GET", `/api/portal/${token}`));
  });

  it("a declared payment leaves the balance alone and pauses the invoice's reminders", async () => {
    const token = tokenOf(await link(clientA));
    // a bad declaration: 400 with the fields, nothing written
    const bad = await portal("POST", `/api/portal/${token}/invoices/${invoiceA}/declared-payments`, {
      date: "2025-07-15",
      amount_cents: 0,
      method: "transfer",
    });
    expect(expectError(bad, 400, "invalid_input")).toContain("amount_cents");
    const future = await portal("POST", `/api/portal/${token}/invoices/${invoiceA}/declared-payments`, {
      date: "2025-07-15",
      amount_cents: 100,
      method: "transfer",
    });
    expect(expectError(future, 400, "invalid_input")).toEqual(["date"]);
    const paid = await portal("POST", `/api/portal/${token}/invoices/${paidA}/declared-payments`, {
      date: "2025-06-29",
      amount_cents: 100,
      method: "transfer",
    });
    expectError(paid, 409, "conflict");
    expect((await invoiceOf(invoiceA)).hold_kind).toBeNull();

    const declared = json<{ payment_id: string; hold_until: string }>(
      await portal("POST", `/api/portal/${token}/invoices/${invoiceA}/declared-payments`, {
        date: "2025-06-29",
        amount_cents: 60000,
        method: "transfer",
        reference: "VIR ROUX 0629",
      }),
      201,
    );
    expect(declared.hold_until).toBe("2025-07-07");
    const after = await invoiceOf(invoiceA);
    expect(after.balance_cents).toBe(60000);
    expect(after.paid_cents).toBe(0);
    expect(after.status).toBe("open");
    expect(after.hold_kind).toBe("manual");
    expect(after.hold_until).toBe("2025-07-07");
    const payment = json<{ state: string; amount_cents: number }>(
      await owner.get(`/api/v1/payments/${declared.payment_id}`),
    );
    expect(payment).toMatchObject({ state: "declared", amount_cents: 60000 });
    const view = json<View>(await portal("GET", `/api/portal/${token}`));
    expect(view.owed_cents).toBe(60000);
    expect(view.invoices.find((i) => i.id === invoiceA)?.declared_cents).toBe(60000);
    expect(view.declared_payments).toEqual([
      expect.objectContaining({ amount_cents: 60000, invoice_number: "F-1" }),
    ]);
    const actions = json<{ data: { kind: string; summary: string }[] }>(
      await owner.get(`/api/v1/actions?client_id=${clientA}`),
    ).data;
    const action = actions.find((a) => a.kind === "portal_payment_declared");
    expect(action?.summary).toContain("Paiement déclaré sur le portail");
    expect(action?.summary).toContain("203.0.113.7");
    // the run of today: client A2's overdue invoice is reminded, client A's declared one is not
    json(await owner.post("/api/v1/dunning/run", { date: "2025-06-30", send: false }));
    const outbox = json<{ data: { invoices: { id: string }[] }[] }>(await owner.get("/api/v1/outbox")).data;
    const reminded = outbox.flatMap((m) => m.invoices.map((i) => i.id));
    expect(reminded).toContain(invoiceA2);
    expect(reminded).not.toContain(invoiceA);
    // the dashboard does not count it as collected
    const dashboard = json<{ outstanding_cents: number }>(await owner.get("/api/v1/dashboard"));
    expect(dashboard.outstanding_cents).toBe(120000);
  });

  it("« Contester » disputes the invoice like the staff's dispute", async () => {
    const token = tokenOf(await link(clientA));
    expect(
      expectError(
        await portal("POST", `/api/portal/${token}/invoices/${invoiceA}/dispute`, { reason: " " }),
        400,
        "invalid_input",
      ),
    ).toContain("reason");
    const res = await portal("POST", `/api/portal/${token}/invoices/${invoiceA}/dispute`, {
      reason: "Travaux non terminés",
    });
    expect(res.statusCode, res.body).toBe(204);
    const detail = json<InvoiceDetail & { dispute_reason: string | null }>(
      await owner.get(`/api/v1/invoices/${invoiceA}`),
    );
    expect(detail.disputed).toBe(true);
    expect(detail.dispute_reason).toBe("Travaux non terminés");
    expectError(
      await portal("POST", `/api/portal/${token}/invoices/${invoiceA}/dispute`, { reason: "encore" }),
      409,
      "conflict",
    );
    const kinds = json<{ data: { kind: string }[] }>(
      await owner.get(`/api/v1/actions?client_id=${clientA}`),
    ).data.map((a) => a.kind);
    expect(kinds).toContain("portal_dispute");
    expect(kinds).toContain("dispute_opened");
  });

  it("lists the quotes awaiting an answer; « Accepter » records the name, the IP and issues the deposit invoice", async () => {
    const token = tokenOf(await link(clientA));
    const expired = await quote(owner, clientA, "D-OLD", "2025-06-25");
    const draft = await quote(owner, clientA, "D-DRAFT", "2025-07-20", true);
    const refused = await quote(owner, clientA, "D-2", "2025-07-10");
    const view = json<View & { quotes: { id: string; number: string; deposit_cents: number }[] }>(
      await portal("GET", `/api/portal/${token}`),
    );
    // sent and within validity only, soonest validity first
    expect(view.quotes.map((q) => [q.number, q.deposit_cents])).toEqual([
      ["D-2", 18000],
      ["D-1", 18000],
    ]);
    // the PDF of a sent quote; a draft is not the client's to see
    const pdf = await portal("GET", `/api/portal/${token}/quotes/${quoteA}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(await pdfText(pdf.rawPayload)).toContain("D-1");
    expectError(await portal("GET", `/api/portal/${token}/quotes/${draft}/pdf`), 404, "not_found");
    expectError(
      await portal("POST", `/api/portal/${token}/quotes/${draft}/accept`, { name: "Paul Roux" }),
      404,
      "not_found",
    );
    // a name is required; past its validity it cannot be accepted
    expect(
      expectError(
        await portal("POST", `/api/portal/${token}/quotes/${quoteA}/accept`, { name: "  " }),
        400,
        "invalid_input",
      ),
    ).toContain("name");
    expectError(
      await portal("POST", `/api/portal/${token}/quotes/${expired}/accept`, { name: "Paul Roux" }),
      409,
      "conflict",
    );
    expect(await quoteStatus(quoteA)).toBe("sent");
    expect(await quoteStatus(expired)).toBe("expired"); // read as expired, nothing recorded

    const accepted = json<{ status: string; deposit_invoice_id: string | null }>(
      await portal("POST", `/api/portal/${token}/quotes/${quoteA}/accept`, { name: "Paul Roux" }),
    );
    expect(accepted.status).toBe("accepted");
    const detail = json<{
      status: string;
      accepted_at: string | null;
      acceptance: { by: string | null; how: string; ip: string | null; name: string | null };
      invoices: { id: string; kind: string; total_cents: number }[];
    }>(await owner.get(`/api/v1/quotes/${quoteA}`));
    expect(detail.status).toBe("accepted");
    expect(detail.accepted_at).not.toBeNull();
    expect(detail.acceptance).toEqual({ by: null, how: "portal", ip: "203.0.113.7", name: "Paul Roux" });
    // the deposit invoice, issued as a staff acceptance issues it, and shown to the client
    expect(detail.invoices).toEqual([expect.objectContaining({ kind: "deposit", total_cents: 18000 })]);
    expect(accepted.deposit_invoice_id).toBe(detail.invoices[0]?.id);
    const after = json<View & { quotes: { id: string }[] }>(await portal("GET", `/api/portal/${token}`));
    expect(after.quotes.map((q) => q.id)).toEqual([refused]);
    expect(
      after.invoices.some((i) => i.id === accepted.deposit_invoice_id && i.balance_cents === 18000),
    ).toBe(true);
    // accepting again changes nothing (no second deposit invoice); refusing an accepted quote is refused
    json(await portal("POST", `/api/portal/${token}/quotes/${quoteA}/accept`, { name: "Paul Roux" }));
    expect(json<{ invoices: unknown[] }>(await owner.get(`/api/v1/quotes/${quoteA}`)).invoices).toHaveLength(
      1,
    );
    expectError(
      await portal("POST", `/api/portal/${token}/quotes/${quoteA}/refuse`, { name: "Paul Roux" }),
      409,
      "conflict",
    );

    // « Refuser »
    expect(
      json<{ status: string }>(
        await portal("POST", `/api/portal/${token}/quotes/${refused}/refuse`, {
          name: "Paul Roux",
          reason: "Trop cher",
        }),
      ).status,
    ).toBe("refused");
    expect(await quoteStatus(refused)).toBe("refused");
    const actions = json<{ data: { kind: string; summary: string }[] }>(
      await owner.get(`/api/v1/actions?client_id=${clientA}`),
    ).data;
    expect(actions.filter((a) => a.kind === "portal_quote_accepted")).toHaveLength(1);
    expect(actions.find((a) => a.kind === "portal_quote_accepted")?.summary).toBe(
      "Devis D-1 accepté sur le portail par Paul Roux (IP 203.0.113.7)",
    );
    expect(actions.find((a) => a.kind === "portal_quote_refused")?.summary).toBe(
      "Devis D-2 refusé sur le portail par Paul Roux : Trop cher (IP 203.0.113.7)",
    );
    expect(actions.some((a) => a.kind === "quote_accepted")).toBe(true);
  });

  it("« Demander un échéancier » gives the staff a task and a timeline entry, and creates no plan", async () => {
    const token = tokenOf(await link(clientA));
    for (const installments of [1, 37, 2.5]) {
      expect(
        expectError(
          await portal("POST", `/api/portal/${token}/plan-request`, { installments }),
          400,
          "invalid_input",
        ),
      ).toContain("installments");
    }
    const created = json<{ task_id: string }>(
      await portal("POST", `/api/portal/${token}/plan-request`, {
        installments: 4,
        message: "Trésorerie tendue cet été",
      }),
      201,
    );
    const task = await s.ctx.db
      .selectFrom("task")
      .selectAll()
      .where("id", "=", created.task_id)
      .executeTakeFirstOrThrow();
    expect(task).toMatchObject({
      organization_id: owner.orgId,
      client_id: clientA,
      kind: "settlement",
      state: "open",
      due_on: "2025-06-30",
      title: "Préparer l'échéancier demandé sur le portail (4 échéances) — Boulangerie Roux",
    });
    expect(JSON.parse(task.data)).toMatchObject({ installments: 4, message: "Trésorerie tendue cet été" });
    const actions = json<{ data: { kind: string; summary: string }[] }>(
      await owner.get(`/api/v1/actions?client_id=${clientA}`),
    ).data;
    expect(actions.find((a) => a.kind === "portal_plan_requested")?.summary).toBe(
      "Échéancier demandé sur le portail : 4 échéances : « Trésorerie tendue cet été » (IP 203.0.113.7)",
    );
    // once per link and day: a second request writes nothing
    expectError(
      await portal("POST", `/api/portal/${token}/plan-request`, { installments: 3 }),
      409,
      "conflict",
    );
    const count = await s.ctx.db
      .selectFrom("task")
      .select("id")
      .where("client_id", "=", clientA)
      .where("kind", "=", "settlement")
      .execute();
    expect(count).toHaveLength(1);
    expect(await s.ctx.db.selectFrom("payment_plan").select("id").execute()).toEqual([]);
    expect((await invoiceOf(invoiceA)).hold_kind).not.toBe("plan");
  });

  it("the staff confirm a declared payment (allocated, balance down) or reject one (the pause lifted)", async () => {
    const token = tokenOf(await link(clientA));
    const fresh = await invoice(owner, clientA, "F-9", "2025-06-15");
    const declare = async (amount: number) =>
      json<{ payment_id: string }>(
        await portal("POST", `/api/portal/${token}/invoices/${fresh}/declared-payments`, {
          date: "2025-06-28",
          amount_cents: amount,
          method: "cheque",
          reference: "CHQ 1234567",
        }),
        201,
      ).payment_id;
    const first = await declare(20000);
    // in today's actions, first, with the payment to verify
    const actions = json<{
      today_actions: {
        kind: string;
        payment_id: string | null;
        number: string | null;
        amount_cents: number;
      }[];
    }>(await owner.get("/api/v1/dashboard")).today_actions;
    expect(actions[0]).toMatchObject({
      kind: "declared_payment",
      payment_id: first,
      number: "F-9",
      amount_cents: 20000,
    });
    // another organization, a viewer, an unknown id: nothing moves
    expectError(await other.post(`/api/v1/payments/${first}/confirm`, {}), 404, "not_found");
    expectError(await other.post(`/api/v1/payments/${first}/reject`, {}), 404, "not_found");
    const viewer = await memberWithRole(owner, "viewer");
    expectError(await viewer.post(`/api/v1/payments/${first}/confirm`, {}), 403, "forbidden");
    expectError(await owner.post(`/api/v1/payments/${paidA}/confirm`, {}), 404, "not_found");
    expect((await invoiceOf(fresh)).hold_kind).toBe("manual");

    const confirmed = json<{ id: string; state: string; amount_cents: number; method: string }>(
      await owner.post(`/api/v1/payments/${first}/confirm`, {}),
    );
    expect(confirmed).toMatchObject({ state: "confirmed", amount_cents: 20000, method: "cheque" });
    const after = await invoiceOf(fresh);
    expect(after).toMatchObject({
      paid_cents: 20000,
      balance_cents: 40000,
      status: "partially_paid",
      hold_kind: null,
    });
    expect(await s.ctx.db.selectFrom("payment").select("id").where("id", "=", first).execute()).toEqual([]);
    expectError(await owner.post(`/api/v1/payments/${first}/confirm`, {}), 404, "not_found");
    expect(
      json<{ today_actions: { payment_id: string | null }[] }>(
        await owner.get("/api/v1/dashboard"),
      ).today_actions.some((a) => a.payment_id === first),
    ).toBe(false);

    // rejected: removed, the balance unchanged, the pause lifted, on the timeline
    const second = await declare(40000);
    expect((await invoiceOf(fresh)).hold_kind).toBe("manual");
    expect(
      (await owner.post(`/api/v1/payments/${second}/reject`, { reason: "Chèque jamais reçu" })).statusCode,
    ).toBe(204);
    expect(await invoiceOf(fresh)).toMatchObject({ balance_cents: 40000, hold_kind: null });
    expect(await s.ctx.db.selectFrom("payment").select("id").where("id", "=", second).execute()).toEqual([]);
    const timeline = json<{ data: { kind: string; summary: string }[] }>(
      await owner.get(`/api/v1/actions?invoice_id=${fresh}`),
    ).data;
    expect(timeline.find((a) => a.kind === "declared_payment_rejected")?.summary.replace(/\s/g, " ")).toBe(
      "Paiement déclaré rejeté : 400,00 € du 28/06/2025 non reçu : Chèque jamais reçu",
    );
    expect(timeline.some((a) => a.kind === "declared_payment_confirmed")).toBe(true);
    expect(timeline.some((a) => a.kind === "hold_lifted")).toBe(true);
  });

  it("keeps tokens out of the logs", () => {
    expect(loggedUrl("/p/abcDEF123_-xyz?x=1")).toBe("/p/…");
    expect(loggedUrl("/api/portal/abcDEF123_-xyz/invoices/1/pdf")).toBe("/api/portal/…/invoices/1/pdf");
  });

  it("needs clients:write to create or revoke a link; rate-limits failed tokens per address", async () => {
    const viewer = await memberWithRole(owner, "viewer");
    expectError(await viewer.post(`/api/v1/clients/${clientA}/portal-link`), 403, "forbidden");
    expectError(await viewer.delete(`/api/v1/clients/${clientA}/portal-link`), 403, "forbidden");
    json(await viewer.get(`/api/v1/clients/${clientA}/portal-link`));
    const good = tokenOf(await link(clientA));
    for (let i = 0; i < 30; i++) {
      expectError(
        await portal("GET", `/api/portal/unknown-token-${i}-xxxxxxxxxxxxxxxxxx`, undefined, "198.51.100.9"),
        404,
        "not_found",
      );
    }
    expectError(await portal("GET", `/api/portal/${good}`, undefined, "198.51.100.9"), 429, "rate_limited");
    // another address is not held back
    json(await portal("GET", `/api/portal/${good}`, undefined, "198.51.100.10"));
  });
});
