import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../support/databases.js";
import { type Agent, memberWithRole, signUp, startTestServer, type TestServer } from "../support/http.js";
import { multipartBody } from "../support/multipart.js";

/**
 * Every route with an id in its path, walked by another organization's owner with this organization's ids:
 * each must answer 404 (never 403, never the data) and change nothing. The list of routes comes from the
 * OpenAPI document, so a new route without a case here fails the test until it gets one.
 */
const LINE = { description: "Prestation", quantity_milli: 1000, unit_price_cents: 10000, vat_rate_bp: 2000 };

interface Ids {
  client: string;
  contact: string;
  invoice: string;
  payment: string;
  quote: string;
  document: string;
  invitation: string;
  member: string;
  sequence: string;
  outbox: string;
  task: string;
  promise: string;
  plan: string;
  bill: string;
  recovery: string;
  procedure: string;
  bankLine: string;
}

const STEP = {
  offset_days: 1,
  channel: "email",
  template_key: "b2b.reminder_1",
  tone: "friendly",
  label: "Relance",
};
/** A's own version of a template: never shown to another organization. */
const A_TEMPLATE = { subject: "Relance pour Client de A", text: "Bonjour", html: "<p>Bonjour</p>" };

/** A valid body for each route with a path id, so that validation passes and the ownership check decides. */
const CASES: Record<string, { id: keyof Ids; body?: unknown }> = {
  "patch /api/v1/members/{userId}": { id: "member", body: { role: "manager" } },
  "delete /api/v1/members/{userId}": { id: "member" },
  "delete /api/v1/invitations/{id}": { id: "invitation" },
  "get /api/v1/clients/{id}": { id: "client" },
  "patch /api/v1/clients/{id}": { id: "client", body: { name: "Volé SARL" } },
  "post /api/v1/clients/{id}/contacts": {
    id: "client",
    body: { name: "Intrus", email: "intrus@example.fr" },
  },
  "patch /api/v1/contacts/{id}": { id: "contact", body: { name: "Intrus" } },
  "delete /api/v1/contacts/{id}": { id: "contact" },
  "get /api/v1/invoices/{id}": { id: "invoice" },
  "get /api/v1/invoices/{id}/claim": { id: "invoice" },
  "get /api/v1/invoices/{id}/duplicate.pdf": { id: "invoice" },
  "get /api/v1/invoices/{id}/invoice.pdf": { id: "invoice" },
  "get /api/v1/invoices/{id}/facturx.pdf": { id: "invoice" },
  "get /api/v1/invoices/{id}/einvoice.xml": { id: "invoice" },
  "get /api/v1/invoices/{id}/compliance": { id: "invoice" },
  "get /api/v1/clients/{id}/procedures": { id: "client" },
  "patch /api/v1/invoices/{id}": { id: "invoice", body: { disputed: true, dispute_reason: "intrus" } },
  "post /api/v1/invoices/{id}/credit-notes": {
    id: "invoice",
    body: { issue_date: "2025-06-30", amount_cents: 100, reason: "intrus" },
  },
  "post /api/v1/invoices/{id}/received-cheques": {
    id: "invoice",
    body: { amount_cents: 100, received_on: "2025-06-30" },
  },
  "get /api/v1/payments/{id}": { id: "payment" },
  "post /api/v1/payments/{id}/confirm": { id: "payment", body: {} },
  "post /api/v1/payments/{id}/reject": { id: "payment", body: {} },
  "get /api/v1/quotes/{id}": { id: "quote" },
  "patch /api/v1/quotes/{id}": { id: "quote", body: { status: "sent" } },
  "post /api/v1/quotes/{id}/send": { id: "quote" },
  "post /api/v1/quotes/{id}/refuse": { id: "quote" },
  "post /api/v1/quotes/{id}/accept": { id: "quote", body: {} },
  "post /api/v1/quotes/{id}/final-invoice": { id: "quote", body: {} },
  "get /api/v1/quotes/{id}/quote.pdf": { id: "quote" },
  "get /api/v1/documents/{id}/content": { id: "document" },
  "delete /api/v1/documents/{id}": { id: "document" },
  "get /api/v1/dunning/sequences/{id}": { id: "sequence" },
  "put /api/v1/dunning/sequences/{id}": { id: "sequence", body: { name: "Volée", steps: [STEP] } },
  "delete /api/v1/dunning/sequences/{id}": { id: "sequence" },
  "get /api/v1/outbox/{id}": { id: "outbox" },
  "post /api/v1/outbox/{id}/approve": { id: "outbox" },
  "post /api/v1/outbox/{id}/cancel": { id: "outbox" },
  "post /api/v1/outbox/{id}/retry": { id: "outbox" },
  "post /api/v1/outbox/{id}/mark-sent": { id: "outbox" },
  "patch /api/v1/outbox/{id}/letter": { id: "outbox", body: { number: "1A 000 000 0000 0" } },
  "post /api/v1/tasks/{id}/done": { id: "task" },
  "put /api/v1/clients/{id}/hold": { id: "client", body: { kind: "manual" } },
  "delete /api/v1/clients/{id}/hold": { id: "client" },
  "put /api/v1/invoices/{id}/hold": { id: "invoice", body: { kind: "manual" } },
  "delete /api/v1/invoices/{id}/hold": { id: "invoice" },
  "get /api/v1/clients/{id}/score": { id: "client" },
  "get /api/v1/clients/{id}/call-sheet": { id: "client" },
  "get /api/v1/clients/{id}/call-sheet.pdf": { id: "client" },
  "get /api/v1/clients/{id}/calls": { id: "client" },
  "post /api/v1/clients/{id}/calls": {
    id: "client",
    body: { outcome: "reached", notes: "intrus", promise: { amount_cents: 100, promised_on: "2025-07-20" } },
  },
  "post /api/v1/promises/{id}/cancel": { id: "promise" },
  "get /api/v1/plans/{id}": { id: "plan" },
  "post /api/v1/plans/{id}/sign": { id: "plan", body: {} },
  "post /api/v1/plans/{id}/activate": { id: "plan" },
  "post /api/v1/plans/{id}/cancel": { id: "plan" },
  "get /api/v1/plans/{id}/acknowledgement.pdf": { id: "plan" },
  "get /api/v1/bills/{id}": { id: "bill" },
  "get /api/v1/bills/{id}/pdf": { id: "bill" },
  "post /api/v1/bills/{id}/accept": { id: "bill", body: {} },
  "post /api/v1/bills/{id}/present": { id: "bill", body: {} },
  "post /api/v1/bills/{id}/pay": { id: "bill", body: {} },
  "post /api/v1/bills/{id}/unpaid": { id: "bill", body: {} },
  "post /api/v1/bills/{id}/cancel": { id: "bill", body: {} },
  "get /api/v1/clients/{id}/litigation": { id: "client" },
  "get /api/v1/recovery-cases/{id}": { id: "recovery" },
  "post /api/v1/recovery-cases/{id}/procedures": {
    id: "recovery",
    body: { kind: "lawyer", mandatee_name: "Me B" },
  },
  "patch /api/v1/recovery-procedures/{id}": { id: "procedure", body: { notes: "Volé" } },
  "post /api/v1/recovery-cases/{id}/hand-over": {
    id: "recovery",
    body: { to: "lawyer", mandatee_name: "Me B" },
  },
  "post /api/v1/recovery-cases/{id}/close": { id: "recovery", body: { outcome: "paid" } },
  "get /api/v1/recovery-cases/{id}/file.zip": { id: "recovery" },
  "get /api/v1/recovery-cases/{id}/requete.pdf": { id: "recovery" },
  "get /api/v1/recovery-cases/{id}/small-claims.pdf": { id: "recovery" },
  "get /api/v1/recovery-cases/{id}/bordereau.pdf": { id: "recovery" },
  "get /api/v1/recovery-cases/{id}/summary.pdf": { id: "recovery" },
  "post /api/v1/bank-lines/{id}/confirm": {
    id: "bankLine",
    body: { allocations: [{ invoice_id: "x", amount_cents: 100 }] },
  },
  "post /api/v1/bank-lines/{id}/reject": { id: "bankLine" },
  "post /api/v1/bank-lines/{id}/ignore": { id: "bankLine" },
  "post /api/v1/bank-lines/{id}/restore": { id: "bankLine" },
  "post /api/v1/bank-lines/{id}/undo": { id: "bankLine" },
  "get /api/v1/clients/{id}/portal-link": { id: "client" },
  "post /api/v1/clients/{id}/portal-link": { id: "client" },
  "delete /api/v1/clients/{id}/portal-link": { id: "client" },
};

/**
 * Routes whose path names something every organization has (a template key and language), not a row: another
 * organization reaches its own, never A's (A's version stays out of the answer and unchanged).
 */
const SHARED: Record<string, { url: string; body?: unknown }> = {
  "get /api/v1/dunning/templates/{key}/{locale}": { url: "/api/v1/dunning/templates/b2b.reminder_1/fr" },
  "put /api/v1/dunning/templates/{key}/{locale}": {
    url: "/api/v1/dunning/templates/b2b.reminder_1/fr",
    body: { subject: "Relance de B", text: "Bonjour", html: "<p>Bonjour</p>" },
  },
  "delete /api/v1/dunning/templates/{key}/{locale}": { url: "/api/v1/dunning/templates/b2b.reminder_1/fr" },
};

describe.each(testDialects())("tenancy on %s", (dialect) => {
  let s: TestServer;
  let a: Agent;
  let b: Agent;
  let ids: Ids;
  let snapshot: string;

  /** What org A looks like to its owner: compared before and after the walk. */
  async function snapshotOfA(): Promise<string> {
    const parts = await Promise.all(
      [
        `/api/v1/clients/${ids.client}`,
        `/api/v1/invoices/${ids.invoice}`,
        `/api/v1/payments/${ids.payment}`,
        `/api/v1/quotes/${ids.quote}`,
        "/api/v1/members",
        "/api/v1/invitations",
        `/api/v1/documents?client_id=${ids.client}`,
        `/api/v1/actions?client_id=${ids.client}`,
        "/api/v1/dashboard",
        "/api/v1/dunning/sequences",
        "/api/v1/dunning/templates/b2b.reminder_1/fr",
        "/api/v1/outbox",
        "/api/v1/dunning/today",
        `/api/v1/clients/${ids.client}/calls`,
        "/api/v1/promises",
        `/api/v1/bills?client_id=${ids.client}`,
        `/api/v1/recovery-cases/${ids.recovery}`,
        "/api/v1/bank-lines?state=unmatched",
      ].map(async (url) => {
        const res = await a.get(url);
        expect(res.statusCode, url).toBe(200);
        return res.body;
      }),
    );
    return parts.join("\n");
  }

  beforeAll(async () => {
    s = await startTestServer(dialect);
    a = await signUp(s.app, { organization: "Atelier A" });
    b = await signUp(s.app, { organization: "Bureau B" });
    const client = await a.post("/api/v1/clients", {
      kind: "business",
      name: "Client de A",
      contacts: [{ name: "Compta", email: "compta@client-a.fr", is_billing: true }],
    });
    expect(client.statusCode, client.body).toBe(201);
    const clientBody = client.json() as { id: string; contacts: { id: string }[] };
    const invoice = await a.post("/api/v1/invoices", {
      client_id: clientBody.id,
      number: "A-001",
      issue_date: "2025-05-01",
      due_date: "2025-05-31",
      lines: [LINE],
    });
    expect(invoice.statusCode, invoice.body).toBe(201);
    const invoiceId = (invoice.json() as { id: string }).id;
    const payment = await a.post("/api/v1/payments", {
      date: "2025-06-15",
      amount_cents: 2000,
      method: "transfer",
      allocations: [{ invoice_id: invoiceId, amount_cents: 2000 }],
    });
    expect(payment.statusCode, payment.body).toBe(201);
    const quote = await a.post("/api/v1/quotes", {
      client_id: clientBody.id,
      number: "D-001",
      issue_date: "2025-06-01",
      deposit_percent: 30,
      lines: [LINE],
    });
    expect(quote.statusCode, quote.body).toBe(201);
    const upload = multipartBody(
      { kind: "delivery_note", client_id: clientBody.id },
      {
        name: "file",
        filename: "bon.pdf",
        content: Buffer.from("%PDF-1.4\n%%EOF\n"),
        type: "application/pdf",
      },
    );
    const document = await a.request("POST", "/api/v1/documents", upload.payload, {
      headers: upload.headers,
    });
    expect(document.statusCode, document.body).toBe(201);
    const invitation = await a.post("/api/v1/invitations", { email: "pending@example.fr", role: "viewer" });
    expect(invitation.statusCode, invitation.body).toBe(201);
    const member = await memberWithRole(a, "collector");
    const sequence = await a.post("/api/v1/dunning/sequences", { name: "Séquence de A", seed: "business" });
    expect(sequence.statusCode, sequence.body).toBe(201);
    const own = await a.request("PUT", "/api/v1/dunning/templates/b2b.reminder_1/fr", A_TEMPLATE);
    expect(own.statusCode, own.body).toBe(200);
    // the dunning run of A: the first reminder (an outbox message), then the call (a task)
    const run = await a.post("/api/v1/dunning/run", { date: "2025-06-01", send: false });
    expect(run.statusCode, run.body).toBe(200);
    const call = await a.post("/api/v1/dunning/run", { date: "2025-06-16", send: false });
    expect(call.statusCode, call.body).toBe(200);
    const promised = await a.post(`/api/v1/clients/${clientBody.id}/calls`, {
      outcome: "reached",
      promise: { amount_cents: 2000, promised_on: "2025-07-15" },
    });
    expect(promised.statusCode, promised.body).toBe(201);
    const plan = await a.post("/api/v1/plans", {
      client_id: clientBody.id,
      count: 2,
      first_on: "2025-07-30",
    });
    expect(plan.statusCode, plan.body).toBe(201);
    // withdrawn: an invoice of a plan not finished cannot go on a bill of exchange
    const withdrawn = await a.post(`/api/v1/plans/${(plan.json() as { id: string }).id}/cancel`);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const bill = await a.post("/api/v1/bills", {
      client_id: clientBody.id,
      due_on: "2025-07-31",
      issue_place: "Lyon",
      domiciliation_bank: "Banque de A",
    });
    expect(bill.statusCode, bill.body).toBe(201);
    // the bill's invoice cannot go to court while the bill is pending: the case is another client's
    const debtor = await a.post("/api/v1/clients", { kind: "business", name: "Débiteur de A" });
    expect(debtor.statusCode, debtor.body).toBe(201);
    const debtorId = (debtor.json() as { id: string }).id;
    const unpaid = await a.post("/api/v1/invoices", {
      client_id: debtorId,
      number: "A-002",
      issue_date: "2025-04-01",
      due_date: "2025-05-01",
      lines: [LINE],
    });
    expect(unpaid.statusCode, unpaid.body).toBe(201);
    const recovery = await a.post("/api/v1/recovery-cases", { client_id: debtorId });
    expect(recovery.statusCode, recovery.body).toBe(201);
    const recoveryId = (recovery.json() as { id: string }).id;
    const procedure = await a.post(`/api/v1/recovery-cases/${recoveryId}/procedures`, { kind: "injunction" });
    expect(procedure.statusCode, procedure.body).toBe(201);
    // a bank statement of A: one credit that pays nothing (unmatched)
    const statement = multipartBody(
      {},
      {
        name: "file",
        filename: "releve.csv",
        content: Buffer.from("Date;Libellé;Débit;Crédit\n02/06/2025;VIR SEPA RECU /DE INCONNU;;12,34\n"),
        type: "text/csv",
      },
    );
    const imported = await a.request("POST", "/api/v1/statements", statement.payload, {
      headers: statement.headers,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const bankLine = (imported.json() as { unmatched: { id: string }[] }).unmatched[0]?.id ?? "";
    const outbox = (await a.get("/api/v1/outbox")).json() as { data: { id: string }[] };
    const today = (await a.get("/api/v1/dunning/today")).json() as { tasks: { id: string }[] };
    expect(outbox.data).toHaveLength(1);
    expect(today.tasks.length).toBeGreaterThan(0);
    ids = {
      outbox: outbox.data[0]?.id ?? "",
      promise: (promised.json() as { promise: { id: string } }).promise.id,
      plan: (plan.json() as { id: string }).id,
      bill: (bill.json() as { id: string }).id,
      recovery: recoveryId,
      procedure: (procedure.json() as { procedures: { id: string }[] }).procedures[0]?.id ?? "",
      task: today.tasks[0]?.id ?? "",
      client: clientBody.id,
      contact: clientBody.contacts[0]?.id ?? "",
      invoice: invoiceId,
      payment: (payment.json() as { id: string }).id,
      quote: (quote.json() as { id: string }).id,
      document: (document.json() as { id: string }).id,
      invitation: (invitation.json() as { id: string }).id,
      member: member.userId,
      sequence: (sequence.json() as { id: string }).id,
      bankLine,
    };
    snapshot = await snapshotOfA();
  });
  afterAll(async () => {
    await s?.close();
  });

  it("answers 404 to another organization on every route with an id, and changes nothing", async () => {
    const doc = (await s.app.inject({ method: "GET", url: "/api/docs/json" })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const walked: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      if (!path.includes("{")) continue;
      // the client portal's routes take a token, not a session: test/http/portal.test.ts walks each of them with
      // a token of one client and the ids of another client and of another organization
      if (path.startsWith("/api/portal/")) continue;
      for (const method of Object.keys(operations)) {
        const key = `${method} ${path}`;
        const shared = SHARED[key];
        if (shared) {
          const res = await b.request(method.toUpperCase() as "GET", shared.url, shared.body);
          expect(res.statusCode, `${key}: ${res.body}`).toBe(200);
          expect(res.body).not.toContain(A_TEMPLATE.subject);
          walked.push(key);
          continue;
        }
        const c = CASES[key];
        expect(c, `no tenancy case for ${key}: add one`).toBeDefined();
        if (!c) continue;
        const url = path.replace(/\{[^}]+\}/, ids[c.id]);
        const res = await b.request(method.toUpperCase() as "GET", url, c.body);
        expect(res.statusCode, `${key}: ${res.body}`).toBe(404);
        expect(res.json()).toMatchObject({ error: { code: "not_found" } });
        expect(res.body).not.toContain("Client de A");
        walked.push(key);
      }
    }
    expect(walked.length).toBe(Object.keys(CASES).length + Object.keys(SHARED).length);
    expect(await snapshotOfA()).toBe(snapshot);
  });

  it("refuses another organization's ids inside bodies, and changes nothing", async () => {
    const attempts: [string, unknown][] = [
      [
        "/api/v1/invoices",
        {
          client_id: ids.client,
          number: "B-1",
          issue_date: "2025-06-01",
          due_date: "2025-06-30",
          total_ttc_cents: 100,
        },
      ],
      [
        "/api/v1/quotes",
        {
          client_id: ids.client,
          number: "DB-1",
          issue_date: "2025-06-01",
          deposit_percent: 0,
          lines: [LINE],
        },
      ],
      [
        "/api/v1/payments",
        {
          date: "2025-06-20",
          amount_cents: 100,
          method: "cheque",
          allocations: [{ invoice_id: ids.invoice, amount_cents: 100 }],
        },
      ],
      ["/api/v1/actions", { kind: "note", client_id: ids.client, summary: "intrus" }],
      ["/api/v1/actions", { kind: "note", invoice_id: ids.invoice, summary: "intrus" }],
      ["/api/v1/dunning/sequences", { name: "Copie volée", copy_of: ids.sequence }],
      ["/api/v1/dunning/templates/preview", { locale: "fr", invoice_id: ids.invoice, ...A_TEMPLATE }],
    ];
    for (const [url, body] of attempts) {
      const res = await b.post(url, body);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(404);
    }
    const upload = multipartBody(
      { kind: "other", invoice_id: ids.invoice },
      { name: "file", filename: "x.pdf", content: Buffer.from("%PDF-1.4\n%%EOF\n"), type: "application/pdf" },
    );
    const doc = await b.request("POST", "/api/v1/documents", upload.payload, { headers: upload.headers });
    expect(doc.statusCode, doc.body).toBe(404);
    const switchTo = await b.patch("/api/v1/session", { organization_id: a.orgId });
    expect(switchTo.statusCode).toBe(404);
    expect(await snapshotOfA()).toBe(snapshot);
  });

  it("never shows another organization's rows in lists and filters", async () => {
    for (const url of [
      "/api/v1/clients",
      "/api/v1/invoices",
      "/api/v1/payments",
      "/api/v1/quotes",
      "/api/v1/actions",
      "/api/v1/documents",
      "/api/v1/members",
      "/api/v1/invitations",
      "/api/v1/bank-lines?state=unmatched",
    ]) {
      const res = await b.get(url);
      expect(res.statusCode, url).toBe(200);
      const data = (res.json() as { data: { id?: string; user_id?: string; email?: string }[] }).data;
      const own = url.endsWith("members") ? 1 : 0;
      expect(data.length, url).toBe(own);
    }
    for (const url of [
      `/api/v1/invoices?client_id=${ids.client}`,
      `/api/v1/payments?invoice_id=${ids.invoice}`,
      `/api/v1/payments?client_id=${ids.client}`,
      `/api/v1/quotes?client_id=${ids.client}`,
      `/api/v1/actions?client_id=${ids.client}`,
      `/api/v1/documents?invoice_id=${ids.invoice}`,
    ]) {
      const res = await b.get(url);
      // A foreign id in a filter is either unknown (404) or matches nothing: never A's rows.
      expect([200, 404], `${url}: ${res.statusCode}`).toContain(res.statusCode);
      if (res.statusCode === 200) expect((res.json() as { data: unknown[] }).data, url).toEqual([]);
    }
    const dashboard = (await b.get("/api/v1/dashboard")).json() as {
      outstanding_cents: number;
      counts: { invoices: number };
    };
    expect(dashboard.outstanding_cents).toBe(0);
    expect(dashboard.counts.invoices).toBe(0);
  });

  // last: it gives B a client, which the list test above expects B not to have
  it("refuses another organization's sequence as a client's own, and changes nothing", async () => {
    const ownClient = await b.post("/api/v1/clients", { kind: "business", name: "Client de B" });
    expect(ownClient.statusCode, ownClient.body).toBe(201);
    const chooseA = await b.patch(`/api/v1/clients/${(ownClient.json() as { id: string }).id}`, {
      dunning_sequence_id: ids.sequence,
    });
    expect(chooseA.statusCode, chooseA.body).toBe(404);
    expect(await snapshotOfA()).toBe(snapshot);
  });
});
