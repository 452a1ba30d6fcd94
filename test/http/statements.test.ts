// The bank statement API: an upload imports and matches (a sure match recorded at once), the reconciliation lists
// show proposals with their reasons, a confirmation records the payment and learns the payer, a split by hand, undo,
// reject / ignore / restore, a bad file refused whole with its line, a viewer reads but does not write.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Organization } from "../../src/db/schema.js";
import { testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";
import { type Agent, memberWithRole, signUp, startTestServer, type TestServer } from "../support/http.js";
import { multipartBody } from "../support/multipart.js";
import { type ErrorBody, json, organizationOf, type Page } from "./ledger-fixtures.js";

interface Reason {
  code: string;
  params: Record<string, string | number>;
  message: string;
}
interface LineInvoice {
  id: string;
  number: string;
  client: string | null;
  amount_cents: number;
  balance_cents: number | null;
}
interface BankLine {
  id: string;
  booking_date: string;
  amount_cents: number;
  label: string;
  state: string;
  score: number | null;
  best: { score: number; invoices: LineInvoice[]; reasons: Reason[] } | null;
  reasons: Reason[];
  payment_id: string | null;
  invoices: LineInvoice[];
}
interface ImportReport {
  transactions: number;
  credits: number;
  new_credits: number;
  auto_matched: { id: string; invoices: string[]; amount_cents: number; reasons: { code: string }[] }[];
  proposed: { id: string; invoices: string[]; amount_cents: number; reasons: { code: string }[] }[];
  unmatched: { id: string; amount_cents: number; label: string }[];
}

const csv = (...rows: string[]) =>
  Buffer.from(
    ["Compte;FR76 3000 4005 6800 0123 4567 890", "Date;Libellé;Débit;Crédit", ...rows].join("\n"),
    "utf8",
  );

describe.each(testDialects())("statements API (%s)", (dialect) => {
  let s: TestServer;
  let owner: Agent;
  let viewer: Agent;
  let org: Organization;
  let durand: string;
  let f42: string;
  let f50: string;
  let f60: string;
  let f61: string;

  const upload = (content: Buffer, agent: Agent = owner, fields: Record<string, string> = {}) => {
    const body = multipartBody(fields, { name: "file", filename: "releve.csv", content, type: "text/csv" });
    return agent.request("POST", "/api/v1/statements", body.payload, { headers: body.headers });
  };
  const lines = async (state: string, agent: Agent = owner) =>
    json<Page<BankLine>>(await agent.get(`/api/v1/bank-lines?state=${state}`)).data;
  const invoice = (id: string) =>
    s.ctx.db
      .selectFrom("invoice")
      .select(["status", "paid_cents"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow()
      .then((r) => ({ status: r.status, paid_cents: Number(r.paid_cents) }));
  const count = async (table: "bank_statement" | "bank_transaction" | "payment") =>
    (await s.ctx.db.selectFrom(table).select("id").where("organization_id", "=", org.id).execute()).length;

  beforeAll(async () => {
    s = await startTestServer(dialect, { now: "2026-12-07T09:00:00Z" });
    owner = await signUp(s.app, { organization: "Atelier Morel" });
    viewer = await memberWithRole(owner, "viewer");
    org = await organizationOf(s, owner);
    const martin = await makeClient(s.ctx, org, { name: "SARL Martin Menuiserie" });
    durand = await makeClient(s.ctx, org, { name: "Boulangerie Durand" });
    const petit = await makeClient(s.ctx, org, { name: "Garage Petit" });
    const invoiceOf = (client: string, number: string, total_cents: number) =>
      makeInvoice(s.ctx, org, client, {
        number,
        total_cents,
        issue_date: "2026-10-15",
        due_date: "2026-11-14",
      });
    f42 = await invoiceOf(martin, "F2026-0042", 144_000);
    f50 = await invoiceOf(durand, "F2026-0050", 250_000);
    f60 = await invoiceOf(petit, "F2026-0060", 30_000);
    f61 = await invoiceOf(petit, "F2026-0061", 45_000);
  });
  afterAll(async () => s?.close());

  it("imports and matches: the sure match recorded, the partial payment proposed, the others unmatched", async () => {
    const report = json<ImportReport>(
      await upload(
        csv(
          "02/12/2026;VIR SEPA RECU /DE SARL MARTIN MENUISERIE /MOTIF FACT F2026-0042;;1 440,00",
          "03/12/2026;VIR SEPA RECU /DE DURAND JEAN-PIERRE /MOTIF ACOMPTE F 2026 50;;1 000,00",
          "04/12/2026;VIR SEPA RECU /DE DGFIP /MOTIF REMBOURSEMENT TVA;;3 215,00",
          "04/12/2026;VIR SEPA RECU /DE SCI LES TILLEULS /MOTIF REGLEMENT;;750,00",
          "05/12/2026;PRLV SEPA EDF;85,00;",
        ),
      ),
    );
    expect(report).toMatchObject({ transactions: 5, credits: 4, new_credits: 4 });
    expect(report.auto_matched.map((m) => m.invoices)).toEqual([["F2026-0042"]]);
    expect(report.proposed.map((m) => [m.invoices, m.amount_cents])).toEqual([[["F2026-0050"], 100_000]]);
    expect(report.unmatched.map((u) => u.amount_cents).sort()).toEqual([321_500, 75_000].sort());
    expect(await invoice(f42)).toEqual({ status: "paid", paid_cents: 144_000 });

    // the same file again adds nothing
    const again = json<ImportReport>(
      await upload(
        csv(
          "02/12/2026;VIR SEPA RECU /DE SARL MARTIN MENUISERIE /MOTIF FACT F2026-0042;;1 440,00",
          "03/12/2026;VIR SEPA RECU /DE DURAND JEAN-PIERRE /MOTIF ACOMPTE F 2026 50;;1 000,00",
          "04/12/2026;VIR SEPA RECU /DE DGFIP /MOTIF REMBOURSEMENT TVA;;3 215,00",
          "04/12/2026;VIR SEPA RECU /DE SCI LES TILLEULS /MOTIF REGLEMENT;;750,00",
          "05/12/2026;PRLV SEPA EDF;85,00;",
        ),
      ),
    );
    expect(again).toMatchObject({ new_credits: 0, auto_matched: [], proposed: [], unmatched: [] });
  });

  it("lists each state with the proposal's invoices, client, amounts and reasons in words", async () => {
    const proposed = await lines("proposed", viewer);
    expect(proposed).toHaveLength(1);
    const line = proposed[0] as BankLine;
    expect(line).toMatchObject({ booking_date: "2026-12-03", amount_cents: 100_000, state: "proposed" });
    expect(line.score).toBe(line.best?.score);
    expect(line.best?.invoices).toEqual([
      expect.objectContaining({
        id: f50,
        number: "F2026-0050",
        client: "Boulangerie Durand",
        amount_cents: 100_000,
        balance_cents: 250_000,
      }),
    ]);
    expect(line.best?.reasons.map((r) => r.code)).toContain("number_in_text");
    // the reasons in words, in the request's language
    const words = line.best?.reasons.find((r) => r.code === "number_in_text")?.message;
    expect(words).toContain("F2026-0050");
    expect(words).not.toBe("number_in_text");
    const english = json<Page<BankLine>>(
      await viewer.get("/api/v1/bank-lines?state=proposed", { headers: { "accept-language": "en" } }),
    ).data[0]?.best?.reasons.find((r) => r.code === "number_in_text")?.message;
    expect(english).toContain("F2026-0050");
    expect(english).not.toBe(words);

    const matched = await lines("matched");
    expect(matched).toHaveLength(1);
    expect(matched[0]?.payment_id).toEqual(expect.any(String));
    expect(matched[0]?.invoices).toEqual([
      expect.objectContaining({
        id: f42,
        number: "F2026-0042",
        client: "SARL Martin Menuiserie",
        amount_cents: 144_000,
      }),
    ]);
    const unmatched = await lines("unmatched");
    expect(unmatched.map((l) => l.amount_cents).sort()).toEqual([321_500, 75_000].sort());
    expect(unmatched.every((l) => l.reasons.length > 0 || l.best === null)).toBe(true);

    // pages: newest first, a cursor to the next one
    const first = json<Page<BankLine>>(await owner.get("/api/v1/bank-lines?state=unmatched&limit=1"));
    expect(first.data.map((l) => l.booking_date)).toEqual(["2026-12-04"]);
    expect(first.next_cursor).not.toBeNull();
    const second = json<Page<BankLine>>(
      await owner.get(`/api/v1/bank-lines?state=unmatched&limit=1&cursor=${first.next_cursor}`),
    );
    expect(second.data).toHaveLength(1);
    expect(second.data[0]?.id).not.toBe(first.data[0]?.id);
    expect(second.next_cursor).toBeNull();
  });

  it("a viewer reads the lists but may not import nor answer", async () => {
    const [line] = await lines("proposed", viewer);
    expect((await upload(csv("06/12/2026;VIR X;;1,00"), viewer)).statusCode).toBe(403);
    for (const action of ["confirm", "reject", "ignore", "restore", "undo"]) {
      const res = await viewer.post(`/api/v1/bank-lines/${line?.id}/${action}`);
      expect(res.statusCode, action).toBe(403);
    }
    expect((await lines("proposed")).map((l) => l.id)).toEqual([line?.id]);
  });

  it("confirms a proposal: the invoice partially paid, the payer's name learned for the next statement", async () => {
    const [line] = await lines("proposed");
    const res = json<{ payment_id: string }>(await owner.post(`/api/v1/bank-lines/${line?.id}/confirm`));
    expect(res.payment_id).toEqual(expect.any(String));
    expect(await invoice(f50)).toEqual({ status: "partially_paid", paid_cents: 100_000 });
    const aliases = await s.ctx.db
      .selectFrom("payer_alias")
      .select(["client_id", "value"])
      .where("organization_id", "=", org.id)
      .where("kind", "=", "name")
      .execute();
    expect(aliases).toEqual([{ client_id: durand, value: expect.stringContaining("durand jean") }]);
    // confirmed twice: 409, nothing more
    const again = await owner.post(`/api/v1/bank-lines/${line?.id}/confirm`);
    expect(again.statusCode).toBe(409);

    // the next payment from that payer, without any invoice number: recognised by the alias
    const next = json<ImportReport>(
      await upload(csv("08/12/2026;VIR SEPA RECU /DE DURAND JEAN-PIERRE /MOTIF SOLDE;;1 500,00")),
    );
    const found = [...next.auto_matched, ...next.proposed];
    expect(found.map((m) => m.invoices)).toEqual([["F2026-0050"]]);
    expect(found[0]?.reasons.map((r) => r.code)).toContain("payer_alias");
  });

  it("splits an unmatched line over two invoices chosen by hand; refuses more than the line", async () => {
    const line = (await lines("unmatched")).find((l) => l.amount_cents === 75_000) as BankLine;
    const tooMuch = await owner.post(`/api/v1/bank-lines/${line.id}/confirm`, {
      allocations: [
        { invoice_id: f60, amount_cents: 30_000 },
        { invoice_id: f61, amount_cents: 45_001 },
      ],
    });
    expect(tooMuch.statusCode).toBe(400);
    expect((tooMuch.json() as ErrorBody).error.details?.[0]).toMatchObject({ path: "allocations" });
    expect(await invoice(f60)).toEqual({ status: "open", paid_cents: 0 });
    // nothing proposed for it: confirming without allocations is a 409
    expect((await owner.post(`/api/v1/bank-lines/${line.id}/confirm`)).statusCode).toBe(409);

    json(
      await owner.post(`/api/v1/bank-lines/${line.id}/confirm`, {
        allocations: [
          { invoice_id: f60, amount_cents: 30_000 },
          { invoice_id: f61, amount_cents: 45_000 },
        ],
      }),
    );
    expect(await invoice(f60)).toEqual({ status: "paid", paid_cents: 30_000 });
    expect(await invoice(f61)).toEqual({ status: "paid", paid_cents: 45_000 });
    const matched = (await lines("matched")).find((l) => l.id === line.id);
    expect(matched?.invoices.map((i) => [i.number, i.amount_cents])).toEqual([
      ["F2026-0060", 30_000],
      ["F2026-0061", 45_000],
    ]);
  });

  it("another organization's invoice in the allocations of its own line: 404, nothing written", async () => {
    const stranger = await signUp(s.app, { organization: "Autre SARL" });
    const own = json<ImportReport>(
      await upload(csv("07/12/2026;VIR SEPA RECU /DE INCONNU /MOTIF DIVERS;;99,00"), stranger),
    );
    const lineId = own.unmatched[0]?.id;
    const res = await stranger.post(`/api/v1/bank-lines/${lineId}/confirm`, {
      allocations: [{ invoice_id: f61, amount_cents: 9_900 }],
    });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain("Garage Petit");
    const theirs = json<Page<BankLine>>(await stranger.get("/api/v1/bank-lines?state=unmatched")).data;
    expect(theirs.map((l) => l.id)).toEqual([lineId]);
    expect(await invoice(f61)).toEqual({ status: "paid", paid_cents: 45_000 });
  });

  it("undo puts the invoice back to open and the line back to unmatched", async () => {
    const line = (await lines("matched")).find((l) => l.invoices.some((i) => i.id === f42)) as BankLine;
    expect((await owner.post(`/api/v1/bank-lines/${line.id}/undo`)).statusCode).toBe(204);
    expect(await invoice(f42)).toEqual({ status: "open", paid_cents: 0 });
    expect((await lines("unmatched")).map((l) => l.id)).toContain(line.id);
    expect((await owner.post(`/api/v1/bank-lines/${line.id}/undo`)).statusCode).toBe(409);
  });

  it("rejects a proposal, ignores and restores a line; a matched line answers 409", async () => {
    // a partial payment naming its invoice (open again since the undo above): proposed, never recorded on its own
    const partial = json<ImportReport>(
      await upload(
        csv("10/12/2026;VIR SEPA RECU /DE SARL MARTIN MENUISERIE /MOTIF ACOMPTE FACT F2026-0042;;500,00"),
      ),
    );
    expect(partial.proposed.map((m) => m.invoices)).toEqual([["F2026-0042"]]);
    const proposal = (await lines("proposed")).find((l) => l.amount_cents === 50_000) as BankLine;
    expect((await owner.post(`/api/v1/bank-lines/${proposal.id}/reject`)).statusCode).toBe(204);
    const rejected = (await lines("unmatched")).find((l) => l.id === proposal.id);
    expect(rejected).toMatchObject({ state: "unmatched", best: null, score: null });
    expect(await invoice(f42)).toEqual({ status: "open", paid_cents: 0 });
    const refund = (await lines("unmatched")).find((l) => l.amount_cents === 321_500) as BankLine;
    expect((await owner.post(`/api/v1/bank-lines/${refund.id}/ignore`)).statusCode).toBe(204);
    expect((await lines("ignored")).map((l) => l.id)).toEqual([refund.id]);
    expect((await lines("unmatched")).map((l) => l.id)).not.toContain(refund.id);
    expect((await owner.post(`/api/v1/bank-lines/${refund.id}/restore`)).statusCode).toBe(204);
    expect(await lines("ignored")).toEqual([]);
    const matched = (await lines("matched"))[0] as BankLine;
    expect((await owner.post(`/api/v1/bank-lines/${matched.id}/ignore`)).statusCode).toBe(409);
  });

  it("matches again: a line whose invoice came later recorded, the lines the user answered left to them", async () => {
    const early = json<ImportReport>(
      await upload(csv("11/12/2026;VIR SEPA RECU /DE BOULANGERIE DURAND /MOTIF FACT F2026-0099;;610,00")),
    );
    expect(early.unmatched.map((u) => u.amount_cents)).toEqual([61_000]);
    await makeInvoice(s.ctx, org, durand, {
      number: "F2026-0099",
      total_cents: 61_000,
      issue_date: "2026-11-20",
      due_date: "2026-12-20",
    });
    expect((await viewer.post("/api/v1/bank-lines/match")).statusCode).toBe(403);
    const res = await owner.post("/api/v1/bank-lines/match");
    expect(res.statusCode).toBe(200);
    const again = json<ImportReport & { lines: number }>(res);
    expect(again.auto_matched.map((m) => m.invoices)).toEqual([["F2026-0099"]]);
    expect(again.lines).toBe(again.auto_matched.length + again.proposed.length + again.unmatched.length);
    // the match undone and the proposal rejected above stay the user's: F2026-0042 is still owed in full
    expect(await invoice(f42)).toEqual({ status: "open", paid_cents: 0 });
  });

  it("refuses a bad file whole, naming its line; nothing written", async () => {
    const before = await Promise.all([count("bank_statement"), count("bank_transaction"), count("payment")]);
    const res = await upload(
      csv(
        "09/12/2026;VIR SEPA RECU /DE X /MOTIF F2026-0061;;450,00",
        "31/02/2026;VIR SEPA RECU /DE Y;;12,00",
      ),
    );
    expect(res.statusCode).toBe(400);
    const body = res.json() as ErrorBody;
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.details).toEqual([expect.objectContaining({ path: "line:4" })]);
    expect(body.error.details?.[0]?.message).toContain("31/02/2026");
    expect(await Promise.all([count("bank_statement"), count("bank_transaction"), count("payment")])).toEqual(
      before,
    );
    // a file that is no statement, a bad map, no file
    expect((await upload(Buffer.from("bonjour"))).statusCode).toBe(400);
    expect((await upload(csv("09/12/2026;X;;1,00"), owner, { map: '{"Libellé":"nope"}' })).statusCode).toBe(
      400,
    );
    const empty = multipartBody({ format: "csv" });
    const none = await owner.request("POST", "/api/v1/statements", empty.payload, { headers: empty.headers });
    expect(none.statusCode).toBe(400);
  });

  it("reads a CSV whose headers are named by the map", async () => {
    const content = Buffer.from(
      ["Jour;Texte;Somme", "10/12/2026;VIR SEPA RECU /DE GARAGE PETIT /MOTIF DIVERS;12,34"].join("\n"),
      "utf8",
    );
    const report = json<ImportReport>(
      await upload(content, owner, {
        format: "csv",
        map: JSON.stringify({ Jour: "booking_date", Texte: "label", Somme: "amount" }),
      }),
    );
    expect(report).toMatchObject({ transactions: 1, credits: 1, new_credits: 1 });
  });
});
