// « Rapprocher à nouveau » and the lines never decided: a line that named an invoice not yet in Relance is matched
// once the invoice exists; a statement imported without matching (or by a process stopped before it matched) is
// matched by the next import; a proposal the user rejected and a match the user undid stay theirs (even ignored and
// restored); a line the matcher left, ignored and restored, is matched again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { importStatement } from "../../src/app/statements/import-statement.js";
import { linesOfImport, matchBankLines } from "../../src/app/statements/match-bank-lines.js";
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

describe.each(testDialects())("matching again (%s)", (dialect) => {
  let t: TestDatabase;
  let org: Organization;
  let client: string;
  const ctx = (): AppContext => testContext(t, { now: "2026-12-07T09:00:00Z" });
  const lineOf = (label: string) =>
    ctx()
      .db.selectFrom("bank_transaction")
      .selectAll()
      .where("organization_id", "=", org.id)
      .where("label", "like", `%${label}%`)
      .executeTakeFirstOrThrow();
  const importAndMatch = async (bytes: Buffer) => {
    const imported = await importStatement({ ctx: ctx(), org, userId: null, bytes });
    const ids = await linesOfImport(ctx(), org, imported.new_ids);
    return matchTransactions({ ctx: ctx(), org, userId: null, ids });
  };

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    org = await testOrganization(ctx(), "Atelier Reprise");
    client = await makeClient(ctx(), org, { name: "SARL Petit Bois" });
  });
  afterAll(() => t?.drop());

  it("matches a line once the invoice it names exists", async () => {
    const report = await importAndMatch(
      csv("01/12/2026;VIR SEPA RECU /DE SARL PETIT BOIS /MOTIF FACT F2026-0101;;1 200,00"),
    );
    expect(report.unmatched).toHaveLength(1);
    expect((await lineOf("F2026-0101")).match_state).toBe("unmatched");

    await makeInvoice(ctx(), org, client, {
      number: "F2026-0101",
      total_cents: 120_000,
      issue_date: "2026-11-01",
      due_date: "2026-12-01",
    });
    const again = await matchBankLines({ ctx: ctx(), org, userId: null });
    expect(again.lines).toBe(1);
    expect(again.auto_matched.map((m) => m.invoices)).toEqual([["F2026-0101"]]);
    expect((await lineOf("F2026-0101")).match_state).toBe("matched");
    // nothing left to match: a second time does nothing
    expect((await matchBankLines({ ctx: ctx(), org, userId: null })).lines).toBe(0);
  });

  it("matches the lines of a statement imported without matching at the next import", async () => {
    await makeInvoice(ctx(), org, client, {
      number: "F2026-0102",
      total_cents: 50_000,
      issue_date: "2026-11-02",
      due_date: "2026-12-02",
    });
    await makeInvoice(ctx(), org, client, {
      number: "F2026-0103",
      total_cents: 70_000,
      issue_date: "2026-11-03",
      due_date: "2026-12-03",
    });
    // imported, then the process stopped (or --no-match): the line waits, undecided
    await importStatement({
      ctx: ctx(),
      org,
      userId: null,
      bytes: csv("02/12/2026;VIR SEPA RECU /DE SARL PETIT BOIS /MOTIF FACT F2026-0102;;500,00"),
    });
    expect(await lineOf("F2026-0102")).toMatchObject({ match_state: "unmatched", match_reasons: null });
    const report = await importAndMatch(
      csv("03/12/2026;VIR SEPA RECU /DE SARL PETIT BOIS /MOTIF FACT F2026-0103;;700,00"),
    );
    expect(report.auto_matched.map((m) => m.invoices[0]).sort()).toEqual(["F2026-0102", "F2026-0103"]);
    expect((await lineOf("F2026-0102")).match_state).toBe("matched");
  });

  it("leaves a rejected proposal and an undone match to the user, matches a restored line again", async () => {
    const f104 = await makeInvoice(ctx(), org, client, {
      number: "F2026-0104",
      total_cents: 80_000,
      issue_date: "2026-11-04",
      due_date: "2026-12-04",
    });
    await makeInvoice(ctx(), org, client, {
      number: "F2026-0105",
      total_cents: 90_000,
      issue_date: "2026-11-05",
      due_date: "2026-12-05",
    });
    const report = await importAndMatch(
      csv(
        "04/12/2026;VIR SEPA RECU /DE SARL PETIT BOIS /MOTIF ACOMPTE FACT F2026-0104;;300,00",
        "05/12/2026;VIR SEPA RECU /DE SARL PETIT BOIS /MOTIF FACT F2026-0105;;900,00",
        "06/12/2026;VIR SEPA RECU /DE SARL PETIT BOIS /MOTIF FACT F2026-0888;;250,00",
      ),
    );
    expect(report.proposed.map((m) => m.invoices)).toEqual([["F2026-0104"]]);
    expect(report.auto_matched.map((m) => m.invoices[0])).toEqual(["F2026-0105"]);
    expect(report.unmatched).toHaveLength(1); // F2026-0888 is not entered yet
    const partial = await lineOf("ACOMPTE FACT F2026-0104");
    await setBankLineState({ ctx: ctx(), org, lineId: partial.id, to: "reject" });
    const undone = await lineOf("MOTIF FACT F2026-0105");
    await undoBankMatch({ ctx: ctx(), org, userId: null, lineId: undone.id });
    // ignored then restored: the undone match stays undone; the line the matcher left is matched again
    await setBankLineState({ ctx: ctx(), org, lineId: undone.id, to: "ignore" });
    await setBankLineState({ ctx: ctx(), org, lineId: undone.id, to: "restore" });
    const ignored = await lineOf("MOTIF FACT F2026-0888");
    await setBankLineState({ ctx: ctx(), org, lineId: ignored.id, to: "ignore" });
    await setBankLineState({ ctx: ctx(), org, lineId: ignored.id, to: "restore" });
    await makeInvoice(ctx(), org, client, {
      number: "F2026-0888",
      total_cents: 25_000,
      issue_date: "2026-11-06",
      due_date: "2026-12-06",
    });

    const again = await matchBankLines({ ctx: ctx(), org, userId: null });
    expect(again.lines).toBe(1);
    expect(again.auto_matched.map((m) => m.invoices)).toEqual([["F2026-0888"]]);
    expect(await lineOf("ACOMPTE FACT F2026-0104")).toMatchObject({
      match_state: "unmatched",
      match_reasons: null,
    });
    expect(await lineOf("MOTIF FACT F2026-0105")).toMatchObject({
      match_state: "unmatched",
      payment_id: null,
    });
    // the next import does not take them either: they were answered, not undecided
    await importAndMatch(csv("07/12/2026;VIR SEPA RECU /DE DGFIP /MOTIF REMBOURSEMENT TVA;;120,00"));
    expect((await lineOf("MOTIF FACT F2026-0105")).match_state).toBe("unmatched");
    const f104Row = await ctx()
      .db.selectFrom("invoice")
      .select("paid_cents")
      .where("id", "=", f104)
      .executeTakeFirstOrThrow();
    expect(Number(f104Row.paid_cents)).toBe(0);
  });
});
