// A statement's credits matched with the open invoices: a transfer naming its invoice is recorded as a payment at
// once (the invoice paid, its reminders stopped), a partial payment is proposed, a tax refund stays unmatched; the
// same statement again changes nothing; the payer's IBAN is learned for the next statement.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { createPortalLink } from "../../src/app/portal/create-portal-link.js";
import { declarePortalPayment } from "../../src/app/portal/declare-payment.js";
import { resolvePortalToken } from "../../src/app/portal/resolve-portal-token.js";
import { confirmBankMatch } from "../../src/app/statements/confirm-bank-match.js";
import { importStatement } from "../../src/app/statements/import-statement.js";
import { matchTransactions } from "../../src/app/statements/match-transactions.js";
import { setBankLineState } from "../../src/app/statements/set-bank-line-state.js";
import { undoBankMatch } from "../../src/app/statements/undo-bank-match.js";
import type { Organization } from "../../src/db/schema.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";

const csv = (...rows: string[]) =>
  Buffer.from(
    ["Compte;FR76 3000 4005 6800 0123 4567 890", "Date;Libellé;Débit;Crédit", ...rows].join("\n"),
    "utf8",
  );

describe.each(testDialects())("bank statement matching (%s)", (dialect) => {
  let t: TestDatabase;
  let org: Organization;
  let martin: string;
  let durand: string;
  const ctx = (): AppContext => testContext(t, { now: "2026-12-07T09:00:00Z" });
  const invoice = (id: string) =>
    ctx()
      .db.selectFrom("invoice")
      .select(["status", "paid_cents", "next_action_on"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
  const importAndMatch = async (bytes: Buffer) => {
    const imported = await importStatement({ ctx: ctx(), org, userId: null, bytes });
    return {
      imported,
      report: await matchTransactions({ ctx: ctx(), org, userId: null, ids: imported.new_ids }),
    };
  };
  let f42: string;
  let f43: string;
  let f50: string;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    org = await testOrganization(ctx(), "Atelier Morel");
    martin = await makeClient(ctx(), org, { name: "SARL Martin Menuiserie" });
    durand = await makeClient(ctx(), org, { name: "Boulangerie Durand" });
    f42 = await makeInvoice(ctx(), org, martin, {
      number: "F2026-0042",
      total_cents: 144_000,
      issue_date: "2026-10-15",
      due_date: "2026-11-14",
    });
    f43 = await makeInvoice(ctx(), org, martin, {
      number: "F2026-0043",
      total_cents: 60_000,
      issue_date: "2026-10-20",
      due_date: "2026-11-19",
    });
    f50 = await makeInvoice(ctx(), org, durand, {
      number: "F2026-0050",
      total_cents: 250_000,
      issue_date: "2026-10-25",
      due_date: "2026-11-24",
    });
  });
  afterAll(() => t?.drop());

  it("records the sure match, proposes the partial payment, leaves the tax refund unmatched", async () => {
    // both invoices are in the dunning run: the one paid leaves it, the one only proposed stays
    await t.db
      .updateTable("invoice")
      .set({ next_action_on: "2026-12-10" })
      .where("id", "in", [f42, f50])
      .execute();
    const { imported, report } = await importAndMatch(
      csv(
        "02/12/2026;VIR SEPA RECU /DE SARL MARTIN MENUISERIE /MOTIF FACT F2026-0042;;1 440,00",
        "03/12/2026;VIR SEPA RECU /DE BOULANGERIE DURAND /MOTIF ACOMPTE F 2026 50;;1 000,00",
        "04/12/2026;VIR SEPA RECU /DE DGFIP /MOTIF REMBOURSEMENT TVA;;3 215,00",
      ),
    );
    expect(imported.new_credits).toBe(3);
    expect(report.auto_matched.map((m) => [m.invoices, m.amount_cents])).toEqual([[["F2026-0042"], 144_000]]);
    expect(report.auto_matched[0]?.reasons.map((r) => r.code)).toContain("number_in_text");
    expect(report.proposed.map((m) => [m.invoices, m.amount_cents])).toEqual([[["F2026-0050"], 100_000]]);
    expect(report.unmatched.map((u) => [u.amount_cents, u.label])).toEqual([
      [321_500, "VIR SEPA RECU /DE DGFIP /MOTIF REMBOURSEMENT TVA"],
    ]);

    // the invoice is paid, out of the dunning run; the payment names the bank line
    expect(await invoice(f42)).toMatchObject({ status: "paid", next_action_on: null });
    expect(await invoice(f50)).toMatchObject({ status: "open", next_action_on: "2026-12-10" });
    expect(Number((await invoice(f42)).paid_cents)).toBe(144_000);
    const payment = await ctx()
      .db.selectFrom("payment")
      .innerJoin("bank_transaction", "bank_transaction.payment_id", "payment.id")
      .select([
        "payment.method",
        "payment.source",
        "payment.bank_transaction_id",
        "bank_transaction.id as line",
        "bank_transaction.match_state",
      ])
      .where("payment.organization_id", "=", org.id)
      .executeTakeFirstOrThrow();
    expect(payment).toMatchObject({ method: "transfer", source: "bank", match_state: "matched" });
    expect(payment.bank_transaction_id).toBe(payment.line);
    // the others wait, nothing recorded for them
    expect(await invoice(f50)).toMatchObject({ status: "open" });
    const states = await ctx()
      .db.selectFrom("bank_transaction")
      .select(["match_state", "match_score", "match_reasons"])
      .where("organization_id", "=", org.id)
      .orderBy("booking_date")
      .execute();
    expect(states.map((s) => s.match_state)).toEqual(["matched", "proposed", "unmatched"]);
    // the proposal keeps its score and best candidate, the unmatched line its reasons (written set-based)
    const [, proposal, unmatched] = states.map((s) => ({
      score: s.match_score === null ? null : Number(s.match_score),
      kept: JSON.parse(s.match_reasons ?? "null"),
    }));
    expect(proposal?.score).toBe(report.proposed[0]?.score);
    expect(proposal?.kept.best.invoices.map((i: { number: string }) => i.number)).toEqual(["F2026-0050"]);
    expect(unmatched?.score).toBeNull();
    expect(unmatched?.kept.best).toBeNull();
    expect(unmatched?.kept.reasons.map((r: { code: string }) => r.code)).toEqual(
      report.unmatched[0]?.reasons.map((r) => r.code),
    );
  });

  it("the same statement imported again adds and matches nothing", async () => {
    const { imported, report } = await importAndMatch(
      csv(
        "02/12/2026;VIR SEPA RECU /DE SARL MARTIN MENUISERIE /MOTIF FACT F2026-0042;;1 440,00",
        "03/12/2026;VIR SEPA RECU /DE BOULANGERIE DURAND /MOTIF ACOMPTE F 2026 50;;1 000,00",
        "04/12/2026;VIR SEPA RECU /DE DGFIP /MOTIF REMBOURSEMENT TVA;;3 215,00",
      ),
    );
    expect(imported).toMatchObject({ credits: 3, new_credits: 0 });
    expect(report).toEqual({ auto_matched: [], proposed: [], unmatched: [] });
    const payments = await ctx()
      .db.selectFrom("payment")
      .select("id")
      .where("organization_id", "=", org.id)
      .execute();
    expect(payments).toHaveLength(1);
  });

  it("matches a mangled number (no prefix, a letter O for a zero) with the exact balance", async () => {
    const { report } = await importAndMatch(
      csv("05/12/2026;VIR SEPA RECU /DE SARL MARTIN /MOTIF 2O26.43;;600,00"),
    );
    expect(report.auto_matched.map((m) => m.invoices)).toEqual([["F2026-0043"]]);
    expect(await invoice(f43)).toMatchObject({ status: "paid" });
  });

  const lineOf = async (bankRefPart: string) =>
    (
      await ctx()
        .db.selectFrom("bank_transaction")
        .selectAll()
        .where("organization_id", "=", org.id)
        .execute()
    ).find((l) => l.label.includes(bankRefPart)) as {
      id: string;
      match_state: string;
      payment_id: string | null;
    };

  it("confirms a proposal: the partial payment recorded, the payer's name learned for the next statement", async () => {
    const line = await lineOf("ACOMPTE F 2026 50");
    expect(line.match_state).toBe("proposed");
    await confirmBankMatch({ ctx: ctx(), org, userId: null, lineId: line.id });
    expect(await invoice(f50)).toMatchObject({ status: "partially_paid" });
    expect(Number((await invoice(f50)).paid_cents)).toBe(100_000);
    const aliases = await ctx()
      .db.selectFrom("payer_alias")
      .select(["client_id", "kind", "value"])
      .where("organization_id", "=", org.id)
      .where("kind", "=", "name")
      .execute();
    expect(aliases).toEqual([{ client_id: durand, kind: "name", value: "boulangerie durand" }]);
    // confirmed twice: refused, nothing more recorded
    const again = await confirmBankMatch({ ctx: ctx(), org, userId: null, lineId: line.id }).catch(
      (e: unknown) => e,
    );
    expect(again).toMatchObject({ code: "conflict" });
  });

  it("a payment declared on the portal is confirmed by its bank line, not recorded twice", async () => {
    const { token } = await createPortalLink({ ctx: ctx(), org, userId: null, clientId: durand });
    const access = await resolvePortalToken({ ctx: ctx(), token, ip: "203.0.113.9", env: {} });
    const declared = await declarePortalPayment({
      ctx: ctx(),
      access,
      invoiceId: f50,
      input: { date: "2026-12-05", amount_cents: 150_000, method: "transfer", reference: "VIR 5 DEC" },
    });
    const { report } = await importAndMatch(
      csv("06/12/2026;VIR SEPA RECU /DE BOULANGERIE DURAND /MOTIF SOLDE FACTURE F2026-0050;;1 500,00"),
    );
    expect(report.auto_matched.map((m) => m.invoices)).toEqual([["F2026-0050"]]);
    expect(await invoice(f50)).toMatchObject({ status: "paid" });
    const payments = await ctx()
      .db.selectFrom("payment")
      .select(["id", "state", "bank_transaction_id", "amount_cents"])
      .where("organization_id", "=", org.id)
      .where("client_id", "=", durand)
      .execute();
    expect(payments.map((p) => p.state).sort()).toEqual(["confirmed", "confirmed"]);
    expect(payments.some((p) => p.id === declared.payment_id)).toBe(false);
    expect(payments.filter((p) => p.bank_transaction_id !== null)).toHaveLength(2);
    const confirmedEntry = await ctx()
      .db.selectFrom("action")
      .select("kind")
      .where("organization_id", "=", org.id)
      .where("kind", "=", "declared_payment_confirmed")
      .execute();
    expect(confirmedEntry).toHaveLength(1);
  });

  it("undo restores the invoice as it was: owed again, back in the dunning run, the line unmatched", async () => {
    const line = await lineOf("MOTIF FACT F2026-0042");
    expect(line.match_state).toBe("matched");
    await undoBankMatch({ ctx: ctx(), org, userId: null, lineId: line.id });
    expect(await invoice(f42)).toMatchObject({ status: "open" });
    expect(Number((await invoice(f42)).paid_cents)).toBe(0);
    expect((await invoice(f42)).next_action_on).not.toBeNull();
    expect(await lineOf("MOTIF FACT F2026-0042")).toMatchObject({
      match_state: "unmatched",
      payment_id: null,
    });
    const payment = await ctx()
      .db.selectFrom("payment")
      .select("id")
      .where("id", "=", line.payment_id as string)
      .execute();
    expect(payment).toEqual([]);
    const undone = await undoBankMatch({ ctx: ctx(), org, userId: null, lineId: line.id }).catch(
      (e: unknown) => e,
    );
    expect(undone).toMatchObject({ code: "conflict" });
  });

  it("splits a line over two invoices chosen by hand, refuses more than the line, ignores and restores", async () => {
    const line = await lineOf("MOTIF FACT F2026-0042");
    const tooMuch = await confirmBankMatch({
      ctx: ctx(),
      org,
      userId: null,
      lineId: line.id,
      allocations: [
        { invoice_id: f42, amount_cents: 144_000 },
        { invoice_id: f43, amount_cents: 1 },
      ],
    }).catch((e: unknown) => e);
    expect(tooMuch).toMatchObject({ code: "invalid_input", messageCode: "bank.allocations_exceed_line" });
    expect(await invoice(f42)).toMatchObject({ status: "open" });
    await confirmBankMatch({
      ctx: ctx(),
      org,
      userId: null,
      lineId: line.id,
      allocations: [{ invoice_id: f42, amount_cents: 100_000 }],
    });
    expect(await invoice(f42)).toMatchObject({ status: "partially_paid" });

    const refund = await lineOf("REMBOURSEMENT TVA");
    await setBankLineState({ ctx: ctx(), org, lineId: refund.id, to: "ignore" });
    expect((await lineOf("REMBOURSEMENT TVA")).match_state).toBe("ignored");
    await setBankLineState({ ctx: ctx(), org, lineId: refund.id, to: "restore" });
    expect((await lineOf("REMBOURSEMENT TVA")).match_state).toBe("unmatched");
    const matchedOne = await setBankLineState({ ctx: ctx(), org, lineId: line.id, to: "ignore" }).catch(
      (e: unknown) => e,
    );
    expect(matchedOne).toMatchObject({ code: "conflict" });
  });

  it("a cheque remittance pays the invoice whose cheque was declared, among several of the same amount", async () => {
    const ids: string[] = [];
    for (const [k, name] of ["Plomberie Arnaud", "Cabinet Bernard", "SCI Carpentier"].entries()) {
      const client = await makeClient(ctx(), org, { name });
      ids.push(
        await makeInvoice(ctx(), org, client, {
          number: `F2026-010${k}`,
          total_cents: 45_000,
          issue_date: "2026-11-02",
          due_date: "2026-12-02",
        }),
      );
    }
    // before any declaration: three invoices of 450 €, a remittance says nothing more
    const before = await matchTransactions({
      ctx: ctx(),
      org,
      userId: null,
      apply: false,
      ids: (
        await importStatement({
          ctx: ctx(),
          org,
          userId: null,
          bytes: csv("01/12/2026;REMISE CHEQUE N 7034511;;450,00"),
        })
      ).new_ids,
    });
    expect(before.auto_matched).toEqual([]);
    const bernard = ids[1] as string;
    const invoiceRow = await ctx()
      .db.selectFrom("invoice")
      .select("client_id")
      .where("id", "=", bernard)
      .executeTakeFirstOrThrow();
    const { token } = await createPortalLink({
      ctx: ctx(),
      org,
      userId: null,
      clientId: invoiceRow.client_id,
    });
    const access = await resolvePortalToken({ ctx: ctx(), token, ip: "203.0.113.9", env: {} });
    const declared = await declarePortalPayment({
      ctx: ctx(),
      access,
      invoiceId: bernard,
      input: { date: "2026-12-03", amount_cents: 45_000, method: "cheque", reference: "0098765" },
    });
    const { report } = await importAndMatch(csv("06/12/2026;REMISE CHEQUE N 7034512;;450,00"));
    expect(report.auto_matched.map((m) => m.invoices)).toEqual([["F2026-0101"]]);
    expect(report.auto_matched[0]?.reasons.map((r) => r.code)).toContain("declared_payment");
    expect(await invoice(bernard)).toMatchObject({ status: "paid" });
    for (const other of [ids[0], ids[2]] as string[])
      expect(await invoice(other)).toMatchObject({ status: "open" });
    // the declared cheque became the payment of the line, not a second one
    const payments = await ctx()
      .db.selectFrom("payment")
      .select(["id", "state", "bank_transaction_id", "method"])
      .where("organization_id", "=", org.id)
      .where("client_id", "=", invoiceRow.client_id)
      .execute();
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ state: "confirmed", method: "cheque" });
    expect(payments[0]?.bank_transaction_id).not.toBeNull();
    expect(payments.some((p) => p.id === declared.payment_id)).toBe(false);
    // the pause the declaration set is lifted, the timeline says the declared payment was confirmed
    const held = await ctx()
      .db.selectFrom("invoice")
      .select(["hold_kind", "hold_reason"])
      .where("id", "=", bernard)
      .executeTakeFirstOrThrow();
    expect(held).toEqual({ hold_kind: null, hold_reason: null });
    const kinds = await ctx()
      .db.selectFrom("action")
      .select("kind")
      .where("invoice_id", "=", bernard)
      .where("kind", "in", ["declared_payment_confirmed", "hold_lifted", "payment"])
      .execute();
    expect(kinds.map((k) => k.kind).sort()).toEqual(["declared_payment_confirmed", "hold_lifted", "payment"]);
  });
  it("a payment short by bank fees: the invoice partly paid stays in the dunning run, on its date", async () => {
    const client = await makeClient(ctx(), org, { name: "SARL Frais Bancaires" });
    const f70 = await makeInvoice(ctx(), org, client, {
      number: "F2026-0070",
      total_cents: 80_000,
      issue_date: "2026-10-20",
      due_date: "2026-11-19",
    });
    await t.db.updateTable("invoice").set({ next_action_on: "2026-12-12" }).where("id", "=", f70).execute();
    const { report } = await importAndMatch(
      csv("05/12/2026;VIR SEPA RECU /DE SARL FRAIS BANCAIRES /MOTIF FACT F2026-0070;;799,25"),
    );
    expect(report.auto_matched.map((m) => [m.invoices, m.amount_cents])).toEqual([[["F2026-0070"], 79_925]]);
    expect(await invoice(f70)).toMatchObject({ status: "partially_paid", next_action_on: "2026-12-12" });
    expect(Number((await invoice(f70)).paid_cents)).toBe(79_925);
  });
});
