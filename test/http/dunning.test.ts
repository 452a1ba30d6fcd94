import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../support/databases.js";
import { type Agent, memberWithRole, signUp, startTestServer, type TestServer } from "../support/http.js";
import { expectError, json } from "./ledger-fixtures.js";

const LINE = { description: "Dépannage", quantity_milli: 1000, unit_price_cents: 50000, vat_rate_bp: 2000 };

describe.each(testDialects())("dunning API (%s)", (dialect) => {
  let s: TestServer;
  let owner: Agent;
  let viewer: Agent;
  let clientId: string;

  beforeAll(async () => {
    // today is 2025-06-30 in Paris
    s = await startTestServer(dialect);
    owner = await signUp(s.app, { organization: "Plomberie Martin" });
    viewer = await memberWithRole(owner, "viewer");
    const client = json<{ id: string }>(
      await owner.post("/api/v1/clients", {
        kind: "business",
        name: "Boulangerie Dupont",
        contacts: [{ email: "compta@dupont.fr", is_billing: true }],
      }),
      201,
    );
    clientId = client.id;
    json(
      await owner.post("/api/v1/invoices", {
        client_id: clientId,
        number: "F-1",
        issue_date: "2025-05-01",
        due_date: "2025-06-20",
        lines: [LINE],
      }),
      201,
    );
  });
  afterAll(() => s.close());

  it("runs today, refuses a future day unless it is a dry run, and lets only managers run", async () => {
    const future = await owner.post("/api/v1/dunning/run", { date: "2025-07-15" });
    expect(expectError(future, 400, "invalid_input")).toContain("date");
    const dry = json<{ planned: unknown[] }>(
      await owner.post("/api/v1/dunning/run", { date: "2025-07-15", dry_run: true }),
    );
    expect(dry.planned).toHaveLength(1);
    expectError(await viewer.post("/api/v1/dunning/run", {}), 403, "forbidden");
    const run = json<{ date: string; planned: { invoices: string[]; offset_days: number }[]; sent: number }>(
      await owner.post("/api/v1/dunning/run", {}),
    );
    // due 20 June, today 30 June: J+8 is the latest step due (J−5 and J+1 passed over)
    expect(run).toMatchObject({ date: "2025-06-30", sent: 1 });
    expect(run.planned.map((p) => [p.invoices, p.offset_days])).toEqual([[["F-1"], 8]]);
    const outbox = json<{ data: { state: string; transport: string; subject: string }[] }>(
      await viewer.get("/api/v1/outbox"),
    );
    expect(outbox.data).toMatchObject([{ state: "sent", transport: "local" }]);
    expect(outbox.data[0]?.subject).toContain("F-1");
    const today = json<{ approvals: unknown[]; tasks: unknown[] }>(await viewer.get("/api/v1/dunning/today"));
    expect(today.approvals).toEqual([]);
  });

  it("validates holds: a promise needs an end date, not in the past; a viewer cannot set one", async () => {
    const noDate = await owner.request("PUT", `/api/v1/clients/${clientId}/hold`, { kind: "promise" });
    expect(expectError(noDate, 400, "invalid_input")).toContain("until");
    const past = await owner.request("PUT", `/api/v1/clients/${clientId}/hold`, {
      kind: "promise",
      until: "2025-06-01",
    });
    expect(expectError(past, 400, "invalid_input")).toContain("until");
    expectError(
      await viewer.request("PUT", `/api/v1/clients/${clientId}/hold`, { kind: "manual" }),
      403,
      "forbidden",
    );
    const ok = json<{ kind: string; until: string }>(
      await owner.request("PUT", `/api/v1/clients/${clientId}/hold`, {
        kind: "promise",
        until: "2025-07-10",
        reason: "Virement annoncé",
      }),
    );
    expect(ok).toEqual({ kind: "promise", until: "2025-07-10", reason: "Virement annoncé" });
    const lifted = json<{ kind: null }>(await owner.request("DELETE", `/api/v1/clients/${clientId}/hold`));
    expect(lifted.kind).toBeNull();
  });
});
