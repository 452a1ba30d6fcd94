import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../support/databases.js";
import { type Agent, signUp, startTestServer, type TestServer } from "../support/http.js";
import { addClient, expectError, json } from "./ledger-fixtures.js";

const LINES = [
  { description: "Réparation fuite", quantity_milli: 1000, unit_price_cents: 50_000, vat_rate_bp: 2000 },
];

describe.each(testDialects())("POST /api/v1/quotes/:id/send with email (%s)", (dialect) => {
  let s: TestServer;
  let owner: Agent;
  let n = 0;
  const outbox = (quoteId: string) =>
    s.ctx.db.selectFrom("outbox").select(["template_key", "state"]).where("quote_id", "=", quoteId).execute();
  const draft = async (clientId: string) => {
    n += 1;
    return json<{ id: string; status: string }>(
      await owner.post("/api/v1/quotes", {
        client_id: clientId,
        number: `D-${n}`,
        issue_date: "2025-06-20",
        valid_until: "2025-07-20",
        deposit_percent: 30,
        lines: LINES,
      }),
      201,
    );
  };

  beforeAll(async () => {
    s = await startTestServer(dialect);
    owner = await signUp(s.app, { organization: "Plomberie Martin" });
  });
  afterAll(async () => s?.close());

  it("marks sent without e-mail by default, queues the e-mail with email: true, refuses a client without e-mail", async () => {
    const client = json<{ id: string }>(
      await owner.post("/api/v1/clients", {
        kind: "business",
        name: "Boulangerie Dupont",
        contacts: [{ name: "Compta", email: "compta@dupont.fr", is_billing: true }],
      }),
      201,
    ).id;
    const marked = await draft(client);
    expect(json<{ status: string }>(await owner.post(`/api/v1/quotes/${marked.id}/send`, {})).status).toBe(
      "sent",
    );
    expect(await outbox(marked.id)).toEqual([]);
    // no body at all, as before `email` existed: marked sent, nothing queued
    const bodiless = await draft(client);
    json(await owner.request("POST", `/api/v1/quotes/${bodiless.id}/send`));
    expect(await outbox(bodiless.id)).toEqual([]);
    // already sent by hand: e-mailing it later still works, once
    for (let i = 0; i < 2; i++) json(await owner.post(`/api/v1/quotes/${marked.id}/send`, { email: true }));
    expect(await outbox(marked.id)).toEqual([{ template_key: "quote.sent", state: "pending" }]);
    // the Boîte d'envoi shows it like the others: listed, and previewed as it would leave today
    const [row] = await s.ctx.db
      .selectFrom("outbox")
      .select("id")
      .where("quote_id", "=", marked.id)
      .execute();
    const listed = json<{ data: { id: string }[] }>(await owner.get("/api/v1/outbox")).data;
    expect(listed.map((m) => m.id)).toContain(row?.id);
    const preview = json<{ subject: string; text_body: string; recipients: { address: string }[] }>(
      await owner.get(`/api/v1/outbox/${row?.id}`),
    );
    expect(preview.subject.replace(/\s/g, " ")).toMatch(/^Devis n° D-\d+ – Plomberie Martin$/);
    expect(preview.text_body).toContain("600,00");
    expect(preview.recipients.map((r) => r.address)).toEqual(["compta@dupont.fr"]);

    expectError(await owner.post(`/api/v1/quotes/${marked.id}/send`, { email: "yes" }), 400, "invalid_input");

    const bare = await draft(await addClient(s, owner.orgId, "Fleuriste Sans Mail"));
    const res = await owner.post(`/api/v1/quotes/${bare.id}/send`, { email: true });
    expectError(res, 409, "conflict");
    expect(res.json().error.message).toContain("Fleuriste Sans Mail");
    expect(await outbox(bare.id)).toEqual([]);
    expect(json<{ status: string }>(await owner.get(`/api/v1/quotes/${bare.id}`)).status).toBe("draft");
  });
});
