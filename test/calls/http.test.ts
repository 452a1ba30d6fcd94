import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, json } from "../http/ledger-fixtures.js";
import { testDialects } from "../support/databases.js";
import { type Agent, memberWithRole, signUp, startTestServer, type TestServer } from "../support/http.js";

const LINE = { description: "Dépannage", quantity_milli: 1000, unit_price_cents: 50000, vat_rate_bp: 2000 };

interface Sheet {
  client: { name: string };
  best_phone: { phone: string; name: string | null } | null;
  contacts: { name: string | null; is_billing: boolean }[];
  invoices: {
    id: string;
    number: string;
    days_late: number;
    balance_cents: number;
    penalty_cents: number | null;
  }[];
  totals: { balance_cents: number; claim_cents: number };
  score: { grade: string | null; tone: string; late_invoices: number };
  script: {
    tone: string;
    opening: string;
    proposals: { kind: string; link: string | null; date: string | null }[];
  };
  history: { kind: string; summary: string }[];
  calls: { outcome: string; notes: string | null }[];
  promises: { state: string }[];
}

describe.each(testDialects())("calls API (%s)", (dialect) => {
  let s: TestServer;
  let owner: Agent;
  let viewer: Agent;
  let clientId: string;
  let invoices: { id: string; number: string }[];

  async function counts() {
    const calls = await s.ctx.db
      .selectFrom("call")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const promises = await s.ctx.db
      .selectFrom("promise")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const actions = await s.ctx.db
      .selectFrom("action")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const tasks = await s.ctx.db
      .selectFrom("task")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return [calls.n, promises.n, actions.n, tasks.n].map(Number);
  }

  beforeAll(async () => {
    // today is 2025-06-30 in Paris
    s = await startTestServer(dialect);
    owner = await signUp(s.app, { organization: "Plomberie Martin" });
    viewer = await memberWithRole(owner, "viewer");
    const client = json<{ id: string }>(
      await owner.post("/api/v1/clients", {
        kind: "business",
        name: "Boulangerie Dupont",
        contacts: [
          { name: "Standard", phone: "01 23 45 67 89" },
          { name: "Compta", email: "compta@dupont.fr", phone: "06 11 22 33 44", is_billing: true },
        ],
      }),
      201,
    );
    clientId = client.id;
    invoices = [];
    for (const [number, due] of [
      ["F-1", "2025-05-20"],
      ["F-2", "2025-06-10"],
      ["F-3", "2025-07-20"],
    ] as const) {
      invoices.push(
        json<{ id: string; number: string }>(
          await owner.post("/api/v1/invoices", {
            client_id: clientId,
            number,
            issue_date: "2025-04-20",
            due_date: due,
            lines: [LINE],
          }),
          201,
        ),
      );
    }
  });
  afterAll(() => s.close());

  it("serves the call sheet: billing number first, each invoice with days late and its claim, a script", async () => {
    const sheet = json<Sheet>(await viewer.get(`/api/v1/clients/${clientId}/call-sheet`));
    expect(sheet.best_phone).toEqual({
      contact_id: expect.any(String),
      name: "Compta",
      phone: "06 11 22 33 44",
    });
    expect(sheet.contacts.map((c) => c.name)).toEqual(["Compta", "Standard"]);
    expect(sheet.invoices.map((i) => [i.number, i.days_late])).toEqual([
      ["F-1", 41],
      ["F-2", 20],
      ["F-3", 0],
    ]);
    expect(sheet.invoices[0]?.penalty_cents).toBeGreaterThan(0);
    expect(sheet.totals.claim_cents).toBeGreaterThan(sheet.totals.balance_cents);
    expect(sheet.score.late_invoices).toBe(2);
    expect(sheet.script.proposals.map((p) => p.kind)).toEqual(["payment_date", "bill"]);
    // the client's score appears on its page and in the list
    const detail = json<{ score: { value: number | null; grade: string | null } }>(
      await viewer.get(`/api/v1/clients/${clientId}`),
    );
    expect(detail.score.grade).toBe(sheet.score.grade);
    const list = json<{ data: { score: { grade: string | null } }[] }>(await viewer.get("/api/v1/clients"));
    expect(list.data[0]?.score.grade).toBe(sheet.score.grade);
    const score = json<{ grade: string | null; tone: string }>(
      await viewer.get(`/api/v1/clients/${clientId}/score`),
    );
    expect(score.tone).toBe(sheet.script.tone);
  });

  it("serves the call sheet as a PDF", async () => {
    const res = await viewer.get(`/api/v1/clients/${clientId}/call-sheet.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toContain("fiche-appel-boulangerie-dupont-2025-06-30.pdf");
    expect(res.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("refuses bad input with a 400 and writes nothing; viewers cannot log calls", async () => {
    const before = await counts();
    const url = `/api/v1/clients/${clientId}/calls`;
    for (const body of [
      { outcome: "busy" },
      { outcome: "reached", promise: { amount_cents: 0, promised_on: "2025-07-10" } },
      { outcome: "reached", promise: { amount_cents: 100, promised_on: "2025-06-01" } },
      {
        outcome: "reached",
        promise: { amount_cents: 100, promised_on: "2025-07-10", invoice_ids: ["nope"] },
      },
      { outcome: "voicemail", promise: { amount_cents: 100, promised_on: "2025-07-10" } },
      { outcome: "call_back" },
      { outcome: "reached", dispute: { invoice_id: invoices[0]?.id, reason: " " } },
      { outcome: "reached", extra: true },
    ]) {
      expectError(await owner.post(url, body), 400, "invalid_input");
    }
    const past = { outcome: "reached", promise: { amount_cents: 100, promised_on: "2025-06-01" } };
    const fr = (await owner.post(url, past)).json() as {
      error: { details: { path: string; message: string }[] };
    };
    expect(fr.error.details).toEqual([
      { path: "promise.promised_on", message: "La date (01/06/2025) est déjà passée" },
    ]);
    const en = (await owner.post(url, past, { headers: { "accept-language": "en" } })).json() as {
      error: { message: string };
    };
    expect(en.error.message).toBe("The date (1 Jun 2025) has already passed");
    expectError(await viewer.post(url, { outcome: "reached" }), 403, "forbidden");
    expectError(await owner.post("/api/v1/clients/unknown/calls", { outcome: "reached" }), 404, "not_found");
    expect(await counts()).toEqual(before);
  });

  it("logs a call with a dispute, a call back and a payment plan request", async () => {
    const logged = json<{ id: string; task_ids: string[]; dispute_invoice_id: string; tone: string }>(
      await owner.post(`/api/v1/clients/${clientId}/calls`, {
        outcome: "call_back",
        notes: "Le gérant conteste F-2",
        call_back_on: "2025-07-03",
        dispute: { invoice_id: invoices[1]?.id, reason: "Travaux non terminés" },
        plan_requested: true,
      }),
      201,
    );
    expect(logged.dispute_invoice_id).toBe(invoices[1]?.id);
    expect(logged.task_ids).toHaveLength(2);
    const f2 = json<{ disputed: boolean }>(await owner.get(`/api/v1/invoices/${invoices[1]?.id}`));
    expect(f2.disputed).toBe(true);
    const today = json<{ tasks: { kind: string; title: string; due_on: string }[] }>(
      await owner.get("/api/v1/dunning/today"),
    );
    expect(today.tasks.map((t) => [t.kind, t.title])).toContainEqual([
      "settlement",
      "Préparer l'échéancier — Boulangerie Dupont",
    ]);
    const task = await s.ctx.db
      .selectFrom("task")
      .select(["kind", "due_on"])
      .where("idempotency_key", "=", `call:${logged.id}:call_back`)
      .executeTakeFirstOrThrow();
    expect(task).toEqual({ kind: "call", due_on: "2025-07-03" });
    const sheet = json<Sheet>(await owner.get(`/api/v1/clients/${clientId}/call-sheet`));
    expect(sheet.calls[0]).toMatchObject({ outcome: "call_back", notes: "Le gérant conteste F-2" });
    const kinds = sheet.history.map((h) => h.kind);
    expect(kinds).toEqual(expect.arrayContaining(["call", "dispute_opened", "plan_requested"]));
    // disputing it again is a conflict, nothing written
    const before = await counts();
    expectError(
      await owner.post(`/api/v1/clients/${clientId}/calls`, {
        outcome: "reached",
        dispute: { invoice_id: invoices[1]?.id, reason: "encore" },
      }),
      409,
      "conflict",
    );
    expect(await counts()).toEqual(before);
  });

  it("a promise on chosen invoices holds those only; the promises list and cancel", async () => {
    const logged = json<{
      promise: { id: string; holds_client: boolean; hold_until: string; invoice_ids: string[] };
    }>(
      await owner.post(`/api/v1/clients/${clientId}/calls`, {
        outcome: "reached",
        promise: {
          amount_cents: 60_000,
          promised_on: "2025-07-04",
          invoice_ids: [invoices[0]?.id],
          grace_days: 2,
        },
      }),
      201,
    );
    expect(logged.promise).toMatchObject({
      holds_client: false,
      hold_until: "2025-07-06",
      invoice_ids: [invoices[0]?.id],
    });
    const f1 = json<{ hold_kind: string | null; hold_until: string | null }>(
      await owner.get(`/api/v1/invoices/${invoices[0]?.id}`),
    );
    expect(f1).toMatchObject({ hold_kind: "promise", hold_until: "2025-07-06" });
    const f3 = json<{ hold_kind: string | null }>(await owner.get(`/api/v1/invoices/${invoices[2]?.id}`));
    expect(f3.hold_kind).toBeNull();
    const open = json<{ data: { id: string }[] }>(await viewer.get("/api/v1/promises?state=open"));
    expect(open.data.map((p) => p.id)).toEqual([logged.promise.id]);
    expectError(await viewer.post(`/api/v1/promises/${logged.promise.id}/cancel`), 403, "forbidden");
    json(await owner.post(`/api/v1/promises/${logged.promise.id}/cancel`));
    expectError(await owner.post(`/api/v1/promises/${logged.promise.id}/cancel`), 409, "conflict");
    expect(json<{ data: unknown[] }>(await viewer.get("/api/v1/promises?state=open")).data).toEqual([]);
    const after = json<{ hold_kind: string | null }>(await owner.get(`/api/v1/invoices/${invoices[0]?.id}`));
    expect(after.hold_kind).toBeNull();
  });

  it("the client's timeline names the invoices of each promise entry", async () => {
    type Entry = { kind: string; invoice_number: string | null; invoice_numbers: string[] };
    const timeline = async (kind: string) =>
      json<{ data: Entry[] }>(await viewer.get(`/api/v1/actions?client_id=${clientId}&kind=${kind}`)).data;
    // the promise of the test before, on F-1 alone: held on that invoice, then cancelled on the client
    expect((await timeline("promise_cancelled"))[0]?.invoice_numbers).toEqual(["F-1"]);
    // a promise of every open invoice holds the client: its cancellation names them all, by due date
    const logged = json<{ promise: { id: string; holds_client: boolean } }>(
      await owner.post(`/api/v1/clients/${clientId}/calls`, {
        outcome: "reached",
        promise: { amount_cents: 10_000, promised_on: "2025-07-08" },
      }),
      201,
    );
    expect(logged.promise.holds_client).toBe(true);
    json(await owner.post(`/api/v1/promises/${logged.promise.id}/cancel`));
    const cancelled = await timeline("promise_cancelled");
    expect(cancelled).toHaveLength(2);
    expect(cancelled[0]).toMatchObject({ invoice_number: null, invoice_numbers: ["F-1", "F-2", "F-3"] });
    // an entry on one invoice names that invoice
    const disputes = await timeline("dispute_opened");
    expect(disputes.map((d) => d.invoice_numbers)).toEqual([["F-2"]]);
    const calls = await timeline("call");
    expect(calls.every((c) => c.invoice_numbers.length === 0)).toBe(true);
    const sheet = json<{ history: Entry[] }>(await owner.get(`/api/v1/clients/${clientId}/call-sheet`));
    expect(sheet.history.find((h) => h.kind === "promise_cancelled")?.invoice_numbers).toEqual([
      "F-1",
      "F-2",
      "F-3",
    ]);
  });

  it("the promises' grace period is an organization setting, 0 to 30 days, used by the next promise", async () => {
    type Org = { promise_grace_days: number; updated_at: string };
    const before = json<Org>(await owner.get("/api/v1/organization"));
    expect(before.promise_grace_days).toBe(3);
    for (const bad of [31, -1, 1.5]) {
      const res = await owner.patch("/api/v1/organization", { promise_grace_days: bad });
      expect(res.statusCode, res.body).toBe(400);
      expect((res.json() as { error: { details: unknown } }).error.details).toEqual([
        { path: "promise_grace_days", message: "Le délai de grâce va de 0 à 30 jours" },
      ]);
    }
    expectError(await viewer.patch("/api/v1/organization", { promise_grace_days: 7 }), 403, "forbidden");
    expect(json<Org>(await owner.get("/api/v1/organization"))).toEqual(before);
    expect(
      json<Org>(await owner.patch("/api/v1/organization", { promise_grace_days: 7 })).promise_grace_days,
    ).toBe(7);
    expect(json<Org>(await viewer.get("/api/v1/organization")).promise_grace_days).toBe(7);
    const logged = json<{ promise: { id: string; hold_until: string } }>(
      await owner.post(`/api/v1/clients/${clientId}/calls`, {
        outcome: "reached",
        promise: { amount_cents: 5_000, promised_on: "2025-07-08", invoice_ids: [invoices[2]?.id] },
      }),
      201,
    );
    expect(logged.promise.hold_until).toBe("2025-07-15");
    json(await owner.post(`/api/v1/promises/${logged.promise.id}/cancel`));
    // 0 is a setting too (checked the day after the promised date)
    expect(
      json<Org>(await owner.patch("/api/v1/organization", { promise_grace_days: 0 })).promise_grace_days,
    ).toBe(0);
  });
});
