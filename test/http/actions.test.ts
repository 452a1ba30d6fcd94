import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordPayment } from "../../src/app/payments/record-payment.js";
import { parseIsoDate } from "../../src/core/calendar.js";
import type { Cents } from "../../src/core/money.js";
import { unwrap } from "../../src/core/result.js";
import { newId } from "../../src/db/ids.js";
import { insertActions } from "../../src/db/repositories/actions.js";
import { findOrganization } from "../../src/db/repositories/organizations.js";
import type { Organization } from "../../src/db/schema.js";
import { testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";
import { type Agent, memberWithRole, signUp, startTestServer, type TestServer } from "../support/http.js";

interface Action {
  id: string;
  kind: string;
  occurred_on: string;
  occurred_at: string;
  summary: string;
  client_id: string | null;
  invoice_id: string | null;
  invoice_number: string | null;
  user_name: string | null;
  data: Record<string, unknown>;
}

interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] | null };
}

async function organization(server: TestServer, agent: Agent): Promise<Organization> {
  const org = await findOrganization(server.ctx.db, agent.orgId);
  if (!org) throw new Error("no organization");
  return org;
}

describe.each(testDialects())("timeline API on %s", (dialect) => {
  let server: TestServer;
  let owner: Agent;
  let stranger: Agent;
  let org: Organization;
  let clientId: string;
  let invoiceId: string;
  let otherClientId: string;
  let theirClientId: string;
  let theirInvoiceId: string;

  async function timeline(query: Record<string, string>): Promise<Action[]> {
    const res = await owner.get("/api/v1/actions", { query });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as Page<Action>).data;
  }

  beforeAll(async () => {
    server = await startTestServer(dialect);
    owner = await signUp(server.app, { name: "Paul Martin" });
    stranger = await signUp(server.app);
    org = await organization(server, owner);
    clientId = await makeClient(server.ctx, org, { name: "Boulangerie Dupont" });
    otherClientId = await makeClient(server.ctx, org, { name: "Café de la Gare" });
    invoiceId = await makeInvoice(server.ctx, org, clientId, {
      number: "F-2025-0042",
      due_date: "2025-05-31",
    });
    const theirs = await organization(server, stranger);
    theirClientId = await makeClient(server.ctx, theirs, { name: "Leur client" });
    theirInvoiceId = await makeInvoice(server.ctx, theirs, theirClientId, { number: "L-1" });
  });
  afterAll(async () => server?.close());

  it("writes a note on a client, by the caller, dated today", async () => {
    const res = await owner.post("/api/v1/actions", {
      kind: "note",
      client_id: clientId,
      summary: "  Appelle toujours le mardi.  ",
    });
    expect(res.statusCode, res.body).toBe(201);
    const action = res.json() as Action;
    expect(action).toEqual({
      id: action.id,
      kind: "note",
      occurred_on: "2025-06-30",
      occurred_at: "2025-06-30T08:00:00.000Z",
      summary: "Appelle toujours le mardi.",
      client_id: clientId,
      invoice_id: null,
      invoice_number: null,
      invoice_numbers: [],
      user_name: "Paul Martin",
      data: {},
    });
  });

  it("writes a call on an invoice: the invoice implies its client", async () => {
    const res = await owner.post("/api/v1/actions", {
      kind: "call",
      invoice_id: invoiceId,
      summary: "Promet un virement vendredi",
      occurred_on: "2025-06-27",
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      kind: "call",
      client_id: clientId,
      invoice_id: invoiceId,
      invoice_number: "F-2025-0042",
      invoice_numbers: ["F-2025-0042"],
      occurred_on: "2025-06-27",
    });
    const both = await owner.post("/api/v1/actions", {
      kind: "note",
      client_id: clientId,
      invoice_id: invoiceId,
      summary: "Les deux",
    });
    expect(both.statusCode).toBe(201);
  });

  it("refuses what cannot be written, and writes nothing then", async () => {
    const before = await timeline({ limit: "500" });
    const cases: [unknown, string | null][] = [
      [{ kind: "note", summary: "Sans cible" }, "client_id"],
      [{ kind: "note", client_id: clientId, summary: "" }, "summary"],
      [{ kind: "note", client_id: clientId, summary: "   " }, "summary"],
      [{ kind: "note", client_id: clientId, summary: "x".repeat(2001) }, "summary"],
      [{ kind: "reminder", client_id: clientId, summary: "x" }, "kind"],
      [{ kind: "note", client_id: clientId, summary: "x", occurred_on: "2025-07-01" }, "occurred_on"],
      [{ kind: "note", client_id: clientId, summary: "x", occurred_on: "2025-02-30" }, "occurred_on"],
      [{ kind: "note", client_id: clientId, summary: "x", occurred_on: "30/06/2025" }, "occurred_on"],
      [{ kind: "note", client_id: otherClientId, invoice_id: invoiceId, summary: "x" }, "invoice_id"],
      [{ kind: "note", client_id: clientId, summary: "x", user_id: owner.userId }, null],
    ];
    for (const [body, path] of cases) {
      const res = await owner.post("/api/v1/actions", body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      if (path) expect((res.json() as ErrorBody).error.details?.map((d) => d.path)).toContain(path);
    }
    const future = await owner.post("/api/v1/actions", {
      kind: "note",
      client_id: clientId,
      summary: "x",
      occurred_on: "2025-07-01",
    });
    expect((future.json() as ErrorBody).error.message).toContain("dans le futur");
    expect(await timeline({ limit: "500" })).toEqual(before);
  });

  it("answers 404 for another organization's client or invoice", async () => {
    const before = await timeline({ limit: "500" });
    for (const body of [
      { kind: "note", client_id: theirClientId, summary: "x" },
      { kind: "note", invoice_id: theirInvoiceId, summary: "x" },
      { kind: "call", client_id: clientId, invoice_id: theirInvoiceId, summary: "x" },
      { kind: "note", client_id: "unknown", summary: "x" },
    ]) {
      const res = await owner.post("/api/v1/actions", body);
      expect(res.statusCode, JSON.stringify(body)).toBe(404);
    }
    expect((await owner.get("/api/v1/actions", { query: { client_id: theirClientId } })).statusCode).toBe(
      404,
    );
    expect((await owner.get("/api/v1/actions", { query: { invoice_id: theirInvoiceId } })).statusCode).toBe(
      404,
    );
    expect(await timeline({ limit: "500" })).toEqual(before);
    // Their timeline is theirs: none of ours shows, and ours shows none of theirs.
    await stranger.post("/api/v1/actions", { kind: "note", client_id: theirClientId, summary: "Chez eux" });
    const theirs = (await stranger.get("/api/v1/actions")).json() as Page<Action>;
    expect(theirs.data.map((a) => a.summary)).toEqual(["Chez eux"]);
    expect((await timeline({ limit: "500" })).map((a) => a.summary)).not.toContain("Chez eux");
  });

  it("shows a client's timeline with its invoices' actions, newest first, paged and filtered by kind", async () => {
    const { ctx } = server;
    // An action on the invoice only (no client_id), as older imports wrote them.
    await insertActions(ctx.db, [
      {
        id: newId(),
        organization_id: org.id,
        client_id: null,
        invoice_id: invoiceId,
        user_id: null,
        kind: "reminder",
        occurred_on: "2025-06-10",
        occurred_at: "2025-06-10T07:00:00.000Z",
        summary: "Relance par e-mail",
        data: JSON.stringify({ step: 1 }),
        idempotency_key: `${invoiceId}:1`,
        created_at: "2025-06-10T07:00:00.000Z",
        updated_at: "2025-06-10T07:00:00.000Z",
      },
    ]);
    await recordPayment({
      ctx,
      org,
      invoice: { id: invoiceId },
      amount: 10000 as Cents,
      date: unwrap(parseIsoDate("2025-06-28")),
      method: "transfer",
    });
    await owner.post("/api/v1/actions", { kind: "note", client_id: otherClientId, summary: "Autre client" });

    const all = await timeline({ client_id: clientId });
    expect(all.map((a) => a.summary)).not.toContain("Autre client");
    const reminder = all.find((a) => a.kind === "reminder");
    expect(reminder).toMatchObject({ invoice_number: "F-2025-0042", data: { step: 1 }, user_name: null });
    const keys = all.map((a) => `${a.occurred_at}|${a.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
    // Written at the same instant (the test clock): the later id first.
    expect(all.map((a) => a.kind)).toEqual(["payment", "note", "note", "call", "reminder"]);

    const pages: Action[][] = [];
    let cursor: string | null = null;
    do {
      const res = await owner.get("/api/v1/actions", {
        query: { client_id: clientId, limit: "2", ...(cursor ? { cursor } : {}) },
      });
      const page = res.json() as Page<Action>;
      pages.push(page.data);
      cursor = page.next_cursor;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(all);

    expect((await timeline({ invoice_id: invoiceId })).map((a) => a.kind)).toEqual([
      "payment",
      "note",
      "call",
      "reminder",
    ]);
    expect((await timeline({ client_id: clientId, kind: "call,reminder" })).map((a) => a.kind)).toEqual([
      "call",
      "reminder",
    ]);
    expect((await timeline({ client_id: otherClientId })).map((a) => a.summary)).toEqual(["Autre client"]);
    expect((await owner.get("/api/v1/actions", { query: { cursor: "###" } })).statusCode).toBe(400);
    expect((await owner.get("/api/v1/actions", { query: { client: clientId } })).statusCode).toBe(400);
  });

  it("lets collectors write notes and calls, not viewers", async () => {
    const viewer = await memberWithRole(owner, "viewer");
    const collector = await memberWithRole(owner, "collector");
    const before = await timeline({ limit: "500" });
    const denied = await viewer.post("/api/v1/actions", {
      kind: "note",
      client_id: clientId,
      summary: "Non",
    });
    expect(denied.statusCode).toBe(403);
    expect(await timeline({ limit: "500" })).toEqual(before);
    expect((await viewer.get("/api/v1/actions", { query: { client_id: clientId } })).statusCode).toBe(200);
    const res = await collector.post("/api/v1/actions", {
      kind: "call",
      client_id: clientId,
      summary: "Messagerie",
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as Action).user_name).toBe("Membre collector");
  });
});
