import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, type Permission, ROLES, type Role } from "../../src/core/accounts/permissions.js";
import { testDialects } from "../support/databases.js";
import { type Agent, memberWithRole, signUp, startTestServer, type TestServer } from "../support/http.js";

/**
 * The role × route matrix: every `/api/v1` route, called by each role of the SAME organization, is allowed
 * (never 401/403) exactly when the role holds the route's permission, refused with 403 otherwise, and a refused
 * call changes nothing. Without a session every non-public route answers 401; a state-changing request without
 * the CSRF token answers 403. The routes come from the OpenAPI document (like test/http/tenancy.test.ts), so a
 * new route without an entry in ACCESS fails the test until it gets one.
 *
 * ACCESS pins what each route declares in `config.access` (src/http/auth.ts): changing a route's permission
 * means changing this table too, in the same review. Permissions that grant the same roles (say
 * `dunning:write` and `dunning:approve`) cannot be told apart by four roles: the table says which one is meant.
 *
 * How a call is made, so that an allowed call never changes the fixture and a refused one could:
 * - refused (and unauthenticated) calls use the organization's real ids and, where given, a valid body: were
 *   the guard missing, they would change something, and the fingerprint of the organization's rows would show it;
 * - allowed GETs use the real ids (reads change nothing);
 * - allowed state-changing calls use an unknown id and a malformed JSON body: they pass the access check
 *   (`onRequest`, before the body is parsed) and stop at 400/404 before any handler runs.
 */
type Rule = "public" | "user" | Permission;

const ACCESS: Record<string, Rule> = {
  "get /api/v1/auth/config": "public",
  "post /api/v1/auth/signup": "public",
  "post /api/v1/auth/login": "public",
  "post /api/v1/auth/logout": "user",
  "get /api/v1/session": "user",
  "patch /api/v1/session": "user",
  "post /api/v1/organizations": "user",
  "get /api/v1/organization": "ledger:read",
  "patch /api/v1/organization": "organization:write",
  "get /api/v1/members": "members:read",
  "patch /api/v1/members/{userId}": "members:write",
  "delete /api/v1/members/{userId}": "members:write",
  "post /api/v1/invitations": "members:write",
  "get /api/v1/invitations": "members:read",
  "delete /api/v1/invitations/{id}": "members:write",
  "get /api/v1/invitations/lookup": "public",
  "post /api/v1/invitations/accept": "public",
  "get /api/v1/dashboard": "ledger:read",
  "get /api/v1/clients": "ledger:read",
  "post /api/v1/clients": "clients:write",
  "get /api/v1/clients/{id}": "ledger:read",
  "patch /api/v1/clients/{id}": "clients:write",
  "post /api/v1/clients/{id}/contacts": "contacts:write",
  "patch /api/v1/contacts/{id}": "contacts:write",
  "delete /api/v1/contacts/{id}": "contacts:write",
  "get /api/v1/invoices": "ledger:read",
  "post /api/v1/invoices": "invoices:write",
  "get /api/v1/invoices/next-number": "invoices:write",
  "get /api/v1/invoices/{id}": "ledger:read",
  "get /api/v1/invoices/{id}/duplicate.pdf": "ledger:read",
  "get /api/v1/invoices/{id}/invoice.pdf": "ledger:read",
  "get /api/v1/invoices/{id}/facturx.pdf": "ledger:read",
  "get /api/v1/invoices/{id}/einvoice.xml": "ledger:read",
  "patch /api/v1/invoices/{id}": "invoices:dispute",
  "post /api/v1/invoices/{id}/credit-notes": "invoices:write",
  "get /api/v1/payments": "ledger:read",
  "post /api/v1/payments": "payments:write",
  "get /api/v1/payments/{id}": "ledger:read",
  "post /api/v1/invoices/{id}/received-cheques": "payments:write",
  "post /api/v1/payments/{id}/confirm": "payments:write",
  "post /api/v1/payments/{id}/reject": "payments:write",
  "post /api/v1/statements": "payments:write",
  "get /api/v1/bank-lines": "ledger:read",
  "post /api/v1/bank-lines/match": "payments:write",
  "post /api/v1/bank-lines/{id}/confirm": "payments:write",
  "post /api/v1/bank-lines/{id}/reject": "payments:write",
  "post /api/v1/bank-lines/{id}/ignore": "payments:write",
  "post /api/v1/bank-lines/{id}/restore": "payments:write",
  "post /api/v1/bank-lines/{id}/undo": "payments:write",
  "get /api/v1/quotes": "ledger:read",
  "post /api/v1/quotes": "quotes:write",
  "get /api/v1/quotes/{id}": "ledger:read",
  "patch /api/v1/quotes/{id}": "quotes:write",
  "post /api/v1/quotes/{id}/send": "quotes:write",
  "post /api/v1/quotes/{id}/refuse": "quotes:write",
  "post /api/v1/quotes/{id}/accept": "quotes:write",
  "post /api/v1/quotes/{id}/final-invoice": "quotes:write",
  "get /api/v1/quotes/{id}/quote.pdf": "ledger:read",
  "get /api/v1/actions": "ledger:read",
  "post /api/v1/actions": "actions:write",
  "get /api/v1/documents": "ledger:read",
  "post /api/v1/documents": "documents:write",
  "get /api/v1/documents/{id}/content": "ledger:read",
  "delete /api/v1/documents/{id}": "documents:write",
  "post /api/v1/imports/invoices/preview": "imports:write",
  "post /api/v1/imports/invoices": "imports:write",
  "get /api/v1/exports/tracking.xlsx": "ledger:read",
  "get /api/v1/forecast": "ledger:read",
  "get /api/v1/forecast.xlsx": "ledger:read",
  "get /api/v1/aging": "ledger:read",
  "get /api/v1/indicators": "ledger:read",
  "get /api/v1/aging.xlsx": "ledger:read",
  "get /api/v1/aging.pdf": "ledger:read",
  "get /api/v1/collected.json": "ledger:read",
  "get /api/v1/collected.csv": "ledger:read",
  "get /api/v1/rates": "ledger:read",
  "put /api/v1/rates": "organization:write",
  "get /api/v1/invoices/{id}/claim": "ledger:read",
  "post /api/v1/law/penalties": "ledger:read",
  "get /api/v1/invoices/{id}/compliance": "ledger:read",
  "get /api/v1/law/prescription": "ledger:read",
  "get /api/v1/clients/{id}/procedures": "ledger:read",
  "get /api/v1/dunning/sequences": "ledger:read",
  "post /api/v1/dunning/sequences": "dunning:write",
  "get /api/v1/dunning/sequences/{id}": "ledger:read",
  "put /api/v1/dunning/sequences/{id}": "dunning:write",
  "delete /api/v1/dunning/sequences/{id}": "dunning:write",
  "get /api/v1/dunning/templates": "ledger:read",
  "get /api/v1/dunning/templates/{key}/{locale}": "ledger:read",
  "put /api/v1/dunning/templates/{key}/{locale}": "dunning:write",
  "delete /api/v1/dunning/templates/{key}/{locale}": "dunning:write",
  "post /api/v1/dunning/templates/preview": "ledger:read",
  "post /api/v1/dunning/run": "dunning:write",
  "get /api/v1/dunning/today": "ledger:read",
  "get /api/v1/outbox": "ledger:read",
  "get /api/v1/outbox/{id}": "ledger:read",
  "post /api/v1/outbox/{id}/approve": "dunning:approve",
  "post /api/v1/outbox/{id}/cancel": "dunning:approve",
  "post /api/v1/outbox/{id}/retry": "dunning:approve",
  "post /api/v1/outbox/{id}/mark-sent": "actions:write",
  "patch /api/v1/outbox/{id}/letter": "actions:write",
  "post /api/v1/tasks/{id}/done": "actions:write",
  "put /api/v1/clients/{id}/hold": "invoices:dispute",
  "delete /api/v1/clients/{id}/hold": "invoices:dispute",
  "put /api/v1/invoices/{id}/hold": "invoices:dispute",
  "delete /api/v1/invoices/{id}/hold": "invoices:dispute",
  "get /api/v1/dunning/smtp": "dunning:write",
  "put /api/v1/dunning/smtp": "organization:write",
  "post /api/v1/plans/preview": "dunning:write",
  "post /api/v1/plans": "dunning:write",
  "get /api/v1/plans": "ledger:read",
  "get /api/v1/plans/{id}": "ledger:read",
  "post /api/v1/plans/{id}/sign": "dunning:write",
  "post /api/v1/plans/{id}/activate": "dunning:write",
  "post /api/v1/plans/{id}/cancel": "dunning:write",
  "get /api/v1/plans/{id}/acknowledgement.pdf": "dunning:write",
  "get /api/v1/clients/{id}/score": "ledger:read",
  "get /api/v1/clients/{id}/call-sheet": "ledger:read",
  "get /api/v1/clients/{id}/call-sheet.pdf": "ledger:read",
  "post /api/v1/clients/{id}/calls": "actions:write",
  "get /api/v1/clients/{id}/calls": "ledger:read",
  "get /api/v1/promises": "ledger:read",
  "post /api/v1/promises/{id}/cancel": "actions:write",
  "post /api/v1/bills": "payments:write",
  "get /api/v1/bills": "ledger:read",
  "get /api/v1/bills/{id}": "ledger:read",
  "post /api/v1/bills/{id}/accept": "payments:write",
  "post /api/v1/bills/{id}/present": "payments:write",
  "post /api/v1/bills/{id}/pay": "payments:write",
  "post /api/v1/bills/{id}/unpaid": "payments:write",
  "post /api/v1/bills/{id}/cancel": "payments:write",
  "get /api/v1/bills/{id}/pdf": "ledger:read",
  "get /api/v1/clients/{id}/litigation": "ledger:read",
  "post /api/v1/recovery-cases": "dunning:approve",
  "get /api/v1/recovery-cases": "ledger:read",
  "get /api/v1/recovery-cases/{id}": "ledger:read",
  "post /api/v1/recovery-cases/{id}/procedures": "dunning:approve",
  "patch /api/v1/recovery-procedures/{id}": "dunning:approve",
  "post /api/v1/recovery-cases/{id}/hand-over": "dunning:approve",
  "post /api/v1/recovery-cases/{id}/close": "dunning:approve",
  "get /api/v1/recovery-cases/{id}/file.zip": "ledger:read",
  "get /api/v1/recovery-cases/{id}/requete.pdf": "ledger:read",
  "get /api/v1/recovery-cases/{id}/small-claims.pdf": "ledger:read",
  "get /api/v1/recovery-cases/{id}/bordereau.pdf": "ledger:read",
  "get /api/v1/recovery-cases/{id}/summary.pdf": "ledger:read",
  "get /api/v1/clients/{id}/portal-link": "ledger:read",
  "post /api/v1/clients/{id}/portal-link": "clients:write",
  "delete /api/v1/clients/{id}/portal-link": "clients:write",
};

const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const LINE = { description: "Prestation", quantity_milli: 1000, unit_price_cents: 10000, vat_rate_bp: 2000 };

/** Valid bodies for the most harmful refused calls: without the guard, each would succeed. */
const BODIES: Record<string, unknown> = {
  "patch /api/v1/organization": { name: "Organisation volée" },
  "post /api/v1/invitations": { email: "intrus@example.fr", role: "owner" },
  "patch /api/v1/members/{userId}": { role: "owner" },
  "post /api/v1/clients": { kind: "business", name: "Client intrus" },
  "patch /api/v1/clients/{id}": { name: "Volé SARL" },
  "post /api/v1/clients/{id}/contacts": { name: "Intrus", email: "intrus@example.fr" },
  "patch /api/v1/contacts/{id}": { name: "Intrus" },
  "patch /api/v1/invoices/{id}": { disputed: true, dispute_reason: "intrus" },
  "post /api/v1/invoices/{id}/credit-notes": {
    issue_date: "2025-06-30",
    amount_cents: 100,
    reason: "intrus",
  },
  "post /api/v1/payments": {
    date: "2025-06-20",
    amount_cents: 100,
    method: "cheque",
    allocations: [{ invoice_id: "{invoice}", amount_cents: 100 }],
  },
  "post /api/v1/actions": { kind: "note", client_id: "{client}", summary: "intrus" },
  "patch /api/v1/quotes/{id}": { status: "sent" },
  "post /api/v1/dunning/sequences": { name: "Séquence intruse", seed: "business" },
  "put /api/v1/dunning/templates/{key}/{locale}": {
    subject: "Intrus",
    text: "Bonjour",
    html: "<p>Bonjour</p>",
  },
  "post /api/v1/dunning/run": { date: "2025-06-01", send: false },
  "put /api/v1/clients/{id}/hold": { kind: "manual" },
  "put /api/v1/invoices/{id}/hold": { kind: "manual" },
};

interface Ids {
  client: string;
  contact: string;
  invoice: string;
  payment: string;
  quote: string;
  sequence: string;
  invitation: string;
}

/** The tables of one organization, as text: every row, so that any insert, update or delete shows. */
const TABLES = [
  "membership",
  "client",
  "contact",
  "quote",
  "quote_line",
  "invoice",
  "invoice_line",
  "payment",
  "allocation",
  "document",
  "action",
  "task",
  "dunning_sequence",
  "dunning_step",
  "message_template",
  "outbox",
  "invitation",
  "audit_log",
  "call",
  "promise",
  "payment_plan",
  "bill_of_exchange",
  "recovery_case",
  "portal_link",
  "invoice_series",
] as const;

describe.each(testDialects())("role × route matrix on %s", (dialect) => {
  let s: TestServer;
  let agents: Record<Role, Agent>;
  let ids: Ids;
  let routes: [method: string, path: string][];

  async function fingerprint(): Promise<string> {
    const orgId = agents.owner.orgId;
    const parts: string[] = [];
    const org = await s.t.db.selectFrom("organization").selectAll().where("id", "=", orgId).execute();
    parts.push(JSON.stringify(org));
    for (const table of TABLES) {
      const rows = await s.t.db
        .selectFrom(table)
        .selectAll()
        .where("organization_id", "=", orgId)
        .orderBy("id")
        .execute();
      parts.push(`${table}:${rows.length}:${JSON.stringify(rows)}`);
    }
    return parts.join("\n");
  }

  /** The path with real ids (for refused calls and allowed reads). */
  function realUrl(path: string): string {
    const byResource: Record<string, string> = {
      clients: ids.client,
      contacts: ids.contact,
      invoices: ids.invoice,
      payments: ids.payment,
      quotes: ids.quote,
      sequences: ids.sequence,
      invitations: ids.invitation,
      members: agents.viewer.userId,
    };
    return path
      .replace("{key}/{locale}", "b2b.reminder_1/fr")
      .replace(
        /([a-z-]+)\/\{[^}]+\}/g,
        (_m, resource: string) => `${resource}/${byResource[resource] ?? UNKNOWN}`,
      )
      .replace(/\{[^}]+\}/g, UNKNOWN);
  }

  function unknownUrl(path: string): string {
    return path.replace("{key}/{locale}", "b2b.reminder_1/fr").replace(/\{[^}]+\}/g, UNKNOWN);
  }

  function realBody(key: string): unknown {
    const body = BODIES[key];
    if (body === undefined) return {};
    return JSON.parse(
      JSON.stringify(body)
        .replaceAll('"{invoice}"', JSON.stringify(ids.invoice))
        .replaceAll('"{client}"', JSON.stringify(ids.client)),
    );
  }

  function call(
    agent: Agent | null,
    method: string,
    url: string,
    payload: string | undefined,
    csrf = true,
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {};
    if (agent) headers.cookie = `relance_session=${agent.cookie}`;
    if (agent && csrf && method !== "GET") headers["x-csrf-token"] = agent.csrf;
    if (payload !== undefined) headers["content-type"] = "application/json";
    return s.app.inject({
      method: method.toUpperCase() as "GET",
      url,
      headers,
      ...(payload !== undefined ? { payload } : {}),
    });
  }

  beforeAll(async () => {
    s = await startTestServer(dialect);
    const owner = await signUp(s.app, { organization: "Atelier Matrice" });
    agents = {
      owner,
      manager: await memberWithRole(owner, "manager"),
      collector: await memberWithRole(owner, "collector"),
      viewer: await memberWithRole(owner, "viewer"),
    };
    const client = await owner.post("/api/v1/clients", {
      kind: "business",
      name: "Client Matrice",
      contacts: [{ name: "Compta", email: "compta@client-matrice.fr", is_billing: true }],
    });
    expect(client.statusCode, client.body).toBe(201);
    const clientBody = client.json() as { id: string; contacts: { id: string }[] };
    const invoice = await owner.post("/api/v1/invoices", {
      client_id: clientBody.id,
      number: "M-001",
      issue_date: "2025-05-01",
      due_date: "2025-05-31",
      lines: [LINE],
    });
    expect(invoice.statusCode, invoice.body).toBe(201);
    const invoiceId = (invoice.json() as { id: string }).id;
    const payment = await owner.post("/api/v1/payments", {
      date: "2025-06-15",
      amount_cents: 2000,
      method: "transfer",
      allocations: [{ invoice_id: invoiceId, amount_cents: 2000 }],
    });
    expect(payment.statusCode, payment.body).toBe(201);
    const quote = await owner.post("/api/v1/quotes", {
      client_id: clientBody.id,
      number: "DM-001",
      issue_date: "2025-06-01",
      deposit_percent: 30,
      lines: [LINE],
    });
    expect(quote.statusCode, quote.body).toBe(201);
    const sequence = await owner.post("/api/v1/dunning/sequences", {
      name: "Séquence Matrice",
      seed: "business",
    });
    expect(sequence.statusCode, sequence.body).toBe(201);
    const invitation = await owner.post("/api/v1/invitations", {
      email: "pending@example.fr",
      role: "viewer",
    });
    expect(invitation.statusCode, invitation.body).toBe(201);
    ids = {
      client: clientBody.id,
      contact: clientBody.contacts[0]?.id ?? "",
      invoice: invoiceId,
      payment: (payment.json() as { id: string }).id,
      quote: (quote.json() as { id: string }).id,
      sequence: (sequence.json() as { id: string }).id,
      invitation: (invitation.json() as { id: string }).id,
    };
    const doc = (await s.app.inject({ method: "GET", url: "/api/docs/json" })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      // the client portal's routes take a token, not a session: test/http/portal.test.ts walks them
      if (!path.startsWith("/api/v1/")) continue;
      for (const method of Object.keys(operations)) if (method !== "head") routes.push([method, path]);
    }
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it("has an access rule in the table for every route, and no stale entry", () => {
    const keys = routes.map(([method, path]) => `${method} ${path}`);
    for (const key of keys) expect(ACCESS[key], `no access rule for ${key}: add one to ACCESS`).toBeDefined();
    expect(Object.keys(ACCESS).filter((key) => !keys.includes(key))).toEqual([]);
    expect(keys.length).toBeGreaterThan(100);
  });

  it("allows each role exactly what its permissions grant, and a refused call changes nothing", async () => {
    const before = await fingerprint();
    const failures: string[] = [];
    let refused = 0;
    for (const [method, path] of routes) {
      const key = `${method} ${path}`;
      const rule = ACCESS[key];
      if (!rule) continue;
      for (const role of ROLES) {
        const allowed = rule === "public" || rule === "user" || can(role, rule);
        const agent = agents[role];
        let res: LightMyRequestResponse;
        if (!allowed) {
          refused += 1;
          res = await call(
            agent,
            method,
            realUrl(path),
            method === "get" ? undefined : JSON.stringify(realBody(key)),
          );
          if (res.statusCode !== 403 || !res.body.includes('"forbidden"'))
            failures.push(`${key} as ${role}: expected 403, got ${res.statusCode} ${res.body.slice(0, 120)}`);
          continue;
        }
        res =
          method === "get"
            ? await call(agent, method, realUrl(path), undefined)
            : await call(agent, method, unknownUrl(path), "{");
        if (res.statusCode === 401 || res.statusCode === 403 || res.statusCode >= 500)
          failures.push(
            `${key} as ${role}: expected allowed, got ${res.statusCode} ${res.body.slice(0, 120)}`,
          );
      }
    }
    expect(failures).toEqual([]);
    expect(refused).toBeGreaterThan(100);
    expect(await fingerprint()).toBe(before);
    // every member is still signed in and still holds the same role
    for (const role of ROLES) {
      const session = await agents[role].get("/api/v1/session");
      expect(session.statusCode, `${role}: ${session.body}`).toBe(200);
    }
  }, 60_000);

  it("answers 401 without a session on every route that is not public, and changes nothing", async () => {
    const before = await fingerprint();
    const failures: string[] = [];
    for (const [method, path] of routes) {
      const key = `${method} ${path}`;
      if (ACCESS[key] === "public") continue;
      const res = await call(
        null,
        method,
        realUrl(path),
        method === "get" ? undefined : JSON.stringify(realBody(key)),
      );
      if (res.statusCode !== 401) failures.push(`${key}: expected 401, got ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
    expect(await fingerprint()).toBe(before);
  });

  it("answers 403 to a state-changing request without the CSRF token, or with another session's", async () => {
    const before = await fingerprint();
    const failures: string[] = [];
    const owner = agents.owner;
    const otherToken = agents.manager.csrf;
    for (const [method, path] of routes) {
      const key = `${method} ${path}`;
      // public routes never read the session (JSON-only, each opens a fresh session): no token to check
      if (method === "get" || ACCESS[key] === "public") continue;
      const url = realUrl(path);
      const body = JSON.stringify(realBody(key));
      const missing = await call(owner, method, url, body, false);
      if (missing.statusCode !== 403 || !missing.body.includes('"forbidden"'))
        failures.push(`${key} without token: ${missing.statusCode}`);
      const wrong = await s.app.inject({
        method: method.toUpperCase() as "POST",
        url,
        headers: {
          cookie: `relance_session=${owner.cookie}`,
          "x-csrf-token": otherToken,
          "content-type": "application/json",
        },
        payload: body,
      });
      if (wrong.statusCode !== 403) failures.push(`${key} with another session's token: ${wrong.statusCode}`);
    }
    expect(failures).toEqual([]);
    expect(await fingerprint()).toBe(before);
  });
});
