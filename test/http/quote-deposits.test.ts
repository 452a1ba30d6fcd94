import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../support/databases.js";
import { type Agent, memberWithRole, signUp, startTestServer, type TestServer } from "../support/http.js";
import { pdfText } from "../support/pdf-text.js";
import { addClient, expectError, json, snapshot } from "./ledger-fixtures.js";

interface QuoteInvoice {
  id: string;
  kind: string;
  number: string;
  total_cents: number;
  paid_cents: number;
  balance_cents: number;
}

interface Quote {
  id: string;
  number: string;
  status: string;
  deposit_cents: number;
  sent_at: string | null;
  refused_at: string | null;
  accepted_at: string | null;
  invoices: QuoteInvoice[];
  warning: string | null;
}

interface InvoiceDetail {
  id: string;
  kind: string;
  number: string;
  total_cents: number;
  total_ht_cents: number;
  total_vat_cents: number;
  lines: { description: string; unit_price_cents: number; vat_rate_bp: number; total_ht_cents: number }[];
}

const LINES = [
  { description: "Réparation fuite", quantity_milli: 3000, unit_price_cents: 3333, vat_rate_bp: 2000 },
  { description: "Isolation", quantity_milli: 1000, unit_price_cents: 10000, vat_rate_bp: 550 },
];

describe.each(testDialects())("quotes: states, deposits, final invoice (%s)", (dialect) => {
  let s: TestServer;
  let owner: Agent;
  let client: string;
  let n = 0;

  /** A quote in `status` (the clock is 2025-06-30). */
  const quote = async (over: Record<string, unknown> = {}, send = true): Promise<Quote> => {
    n += 1;
    const q = json<Quote>(
      await owner.post("/api/v1/quotes", {
        client_id: client,
        number: `D-${n}`,
        issue_date: "2025-06-20",
        valid_until: "2025-07-20",
        deposit_percent: 30,
        lines: LINES,
        ...over,
      }),
      201,
    );
    return send ? json<Quote>(await owner.post(`/api/v1/quotes/${q.id}/send`, {})) : q;
  };
  const quoteRow = (id: string) =>
    s.ctx.db.selectFrom("quote").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    s = await startTestServer(dialect);
    owner = await signUp(s.app, { organization: "Plomberie Martin" });
    client = await addClient(s, owner.orgId, "Boulangerie Dupont");
  });
  afterAll(async () => s?.close());

  it("accepting issues the deposit invoice (AC-<number>, per VAT rate) and warns until it is paid", async () => {
    const q = await quote();
    expect(q).toMatchObject({
      status: "sent",
      sent_at: "2025-06-30T08:00:00.000Z",
      invoices: [],
      warning: null,
    });
    const accepted = json<Quote>(await owner.post(`/api/v1/quotes/${q.id}/accept`, {}));
    expect(accepted).toMatchObject({ status: "accepted", deposit_cents: 6765, warning: "deposit_unpaid" });
    expect(accepted.invoices).toEqual([
      expect.objectContaining({
        kind: "deposit",
        number: `AC-${q.number}`,
        total_cents: 6765,
        balance_cents: 6765,
      }),
    ]);
    const depositId = accepted.invoices[0]?.id ?? "";
    const deposit = json<InvoiceDetail>(await owner.get(`/api/v1/invoices/${depositId}`));
    expect(deposit).toMatchObject({
      kind: "deposit",
      total_cents: 6765,
      total_ht_cents: 6000,
      total_vat_cents: 765,
    });
    expect(deposit.lines.map((l) => [l.vat_rate_bp, l.total_ht_cents])).toEqual([
      [2000, 3000],
      [550, 3000],
    ]);
    expect(deposit.lines[0]?.description).toContain("Acompte de 30 % sur le devis");
    const row = await s.ctx.db
      .selectFrom("invoice")
      .select(["quote_id", "due_date", "issue_date"])
      .where("id", "=", depositId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ quote_id: q.id, due_date: "2025-06-30", issue_date: "2025-06-30" });

    // accepting again changes nothing: no second deposit invoice
    const before = await snapshot(s, owner.orgId);
    json(await owner.patch(`/api/v1/quotes/${q.id}`, { status: "accepted" }));
    expect(await snapshot(s, owner.orgId)).toEqual(before);

    json(
      await owner.post("/api/v1/payments", {
        date: "2025-06-30",
        amount_cents: 6765,
        method: "transfer",
        allocations: [{ invoice_id: depositId, amount_cents: 6765 }],
      }),
      201,
    );
    expect(json<Quote>(await owner.get(`/api/v1/quotes/${q.id}`)).warning).toBeNull();

    // the final invoice deducts the deposit: deposit + final = the quote, to the cent
    const final = json<InvoiceDetail>(await owner.post(`/api/v1/quotes/${q.id}/final-invoice`, {}), 201);
    expect(final).toMatchObject({
      kind: "invoice",
      number: `F-${q.number}`,
      total_cents: 22549 - 6765,
      total_ht_cents: 19999 - 6000,
      total_vat_cents: 2550 - 765,
    });
    expect(final.lines.map((l) => [l.vat_rate_bp, l.total_ht_cents])).toEqual([
      [2000, 9999],
      [550, 10000],
      [2000, -3000],
      [550, -3000],
    ]);
    expect(final.lines[2]?.description).toContain(`Déduction de l'acompte facturé (facture AC-${q.number})`);
    const after = json<Quote>(await owner.get(`/api/v1/quotes/${q.id}`));
    expect(after.invoices.map((i) => i.kind)).toEqual(["deposit", "invoice"]);

    const same = await snapshot(s, owner.orgId);
    expectError(await owner.post(`/api/v1/quotes/${q.id}/final-invoice`, {}), 409, "conflict");
    expect(await snapshot(s, owner.orgId)).toEqual(same);
  });

  it("a deposit number already used is refused and nothing changes; a free one is taken", async () => {
    const q = await quote();
    const before = await snapshot(s, owner.orgId);
    const taken = `AC-D-1`;
    expect(
      expectError(
        await owner.post(`/api/v1/quotes/${q.id}/accept`, { deposit_number: taken }),
        409,
        "conflict",
      ),
    ).toEqual(["deposit_number"]);
    expect(await snapshot(s, owner.orgId)).toEqual(before);
    expect((await quoteRow(q.id)).status).toBe("sent");
    const ok = json<Quote>(
      await owner.post(`/api/v1/quotes/${q.id}/accept`, { deposit_number: "FA-2025-100" }),
    );
    expect(ok.invoices.map((i) => i.number)).toEqual(["FA-2025-100"]);
    // the default number skips a number already used: AC-<number>, then AC-<number>-2
    const next = await quote();
    json(
      await owner.post("/api/v1/invoices", {
        client_id: client,
        number: `AC-${next.number}`,
        issue_date: "2025-06-01",
        total_ttc_cents: 1000,
      }),
      201,
    );
    const fallback = json<Quote>(await owner.post(`/api/v1/quotes/${next.id}/accept`, {}));
    expect(fallback.invoices.map((i) => i.number)).toEqual([`AC-${next.number}-2`]);
  });

  it("no deposit asked: no deposit invoice, no warning, the final invoice is the whole quote", async () => {
    const q = await quote({ deposit_percent: 0 });
    const accepted = json<Quote>(await owner.post(`/api/v1/quotes/${q.id}/accept`, {}));
    expect(accepted).toMatchObject({ invoices: [], warning: null, deposit_cents: 0 });
    const final = json<InvoiceDetail>(await owner.post(`/api/v1/quotes/${q.id}/final-invoice`, {}), 201);
    expect(final.total_cents).toBe(22549);
  });

  it("refuses wrong moves with 409 and changes nothing", async () => {
    const draft = await quote({}, false);
    const lapsed = await quote({ issue_date: "2025-05-01", valid_until: "2025-06-29" });
    const refused = await quote();
    json(await owner.post(`/api/v1/quotes/${refused.id}/refuse`, {}));
    const before = await snapshot(s, owner.orgId);
    const rows = await Promise.all([draft, lapsed, refused].map((q) => quoteRow(q.id)));

    const res = await owner.post(`/api/v1/quotes/${draft.id}/accept`, {});
    expectError(res, 409, "conflict");
    expect(res.json().error.message).toContain("brouillon");
    expectError(await owner.post(`/api/v1/quotes/${draft.id}/refuse`, {}), 409, "conflict");
    expectError(await owner.post(`/api/v1/quotes/${draft.id}/final-invoice`, {}), 409, "conflict");
    const late = await owner.post(`/api/v1/quotes/${lapsed.id}/accept`, {});
    expectError(late, 409, "conflict");
    expect(late.json().error.message).toContain("29/06/2025");
    expectError(await owner.post(`/api/v1/quotes/${refused.id}/accept`, {}), 409, "conflict");
    expectError(await owner.post(`/api/v1/quotes/${refused.id}/send`, {}), 409, "conflict");
    // sending a sent quote again is a no-op (200), like any move to the status it has
    json(await owner.post(`/api/v1/quotes/${lapsed.id}/send`, {}));

    expect(await snapshot(s, owner.orgId)).toEqual(before);
    expect(await Promise.all([draft, lapsed, refused].map((q) => quoteRow(q.id)))).toEqual(rows);

    // a sent quote past its validity reads as expired; the refused one records when
    expect(json<Quote>(await owner.get(`/api/v1/quotes/${lapsed.id}`)).status).toBe("expired");
    expect(json<Quote>(await owner.get(`/api/v1/quotes/${refused.id}`))).toMatchObject({
      status: "refused",
      refused_at: "2025-06-30T08:00:00.000Z",
    });
  });

  it("only managers and owners move quotes; a viewer reads the PDF; the acceptance records how", async () => {
    const q = await quote();
    const viewer = await memberWithRole(owner, "viewer");
    const collector = await memberWithRole(owner, "collector");
    const before = await snapshot(s, owner.orgId);
    for (const agent of [viewer, collector]) {
      for (const verb of ["accept", "refuse", "send", "final-invoice"]) {
        expectError(await agent.post(`/api/v1/quotes/${q.id}/${verb}`, {}), 403, "forbidden");
      }
      expect((await agent.get(`/api/v1/quotes/${q.id}/quote.pdf`)).statusCode).toBe(200);
    }
    expect(await snapshot(s, owner.orgId)).toEqual(before);
    expectError(await owner.post(`/api/v1/quotes/${q.id}/accept`, { how: "portal" }), 400, "invalid_input");
    const signed = json<Quote & { acceptance: unknown }>(
      await owner.post(`/api/v1/quotes/${q.id}/accept`, { how: "signed" }),
    );
    expect(signed.acceptance).toEqual({ by: owner.userId, how: "signed", ip: null, name: null });
    const en = await owner.post(
      `/api/v1/quotes/${q.id}/refuse`,
      {},
      { headers: { "accept-language": "en" } },
    );
    expectError(en, 409, "conflict");
    expect(en.json().error.message).toBe(`Quote ${q.number} is already accepted: it no longer changes.`);
  });

  it("downloads the quote PDF", async () => {
    const q = await quote();
    const res = await owner.get(`/api/v1/quotes/${q.id}/quote.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    const text = await pdfText(res.rawPayload);
    expect(text).toContain(`Devis n° ${q.number}`);
    expect(text).toContain("Bon pour accord");
    expect(text).toContain("Boulangerie Dupont");
  });
});
