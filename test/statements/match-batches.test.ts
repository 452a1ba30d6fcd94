// A statement longer than one batch of decisions (decide-bank-lines.ts LINES_PER_BATCH, a thousand here): the batches are recorded
// while the next lines are decided, and the result is the one of a single pass — every automatic match recorded
// once, an invoice paid in an early batch not paid again by a later line of the same amount, the lines that pay
// nothing left unmatched with their reasons, whatever batch they fall in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { importStatement } from "../../src/app/statements/import-statement.js";
import { matchTransactions } from "../../src/app/statements/match-transactions.js";
import { newId } from "../../src/db/ids.js";
import { insertInvoicesSkippingExisting } from "../../src/db/repositories/invoices.js";
import type { NewInvoice, Organization } from "../../src/db/schema.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient } from "../support/factories.js";

const PER_BATCH = 1_000;
const INVOICES = 2 * PER_BATCH + 300;
const AT = "2026-11-01T08:00:00.000Z";
const euros = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, "0")}`;
const totalOf = (i: number) => 10_000 + i * 7;

describe.each(testDialects())("a statement of several batches (%s)", (dialect) => {
  let t: TestDatabase;
  let org: Organization;
  const ctx = (): AppContext => testContext(t, { now: "2026-12-07T09:00:00Z" });

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    org = await testOrganization(ctx(), "Atelier Lots");
    const client = await makeClient(ctx(), org, { name: "SAS Grands Comptes" });
    const rows: NewInvoice[] = [];
    for (let i = 0; i < INVOICES; i++)
      rows.push({
        id: newId(),
        organization_id: org.id,
        client_id: client,
        quote_id: null,
        kind: "invoice",
        number: `L2026-${String(i).padStart(5, "0")}`,
        issue_date: "2026-10-01",
        delivery_date: null,
        due_date: "2026-10-31",
        currency: "EUR",
        total_ht_cents: null,
        total_vat_cents: null,
        total_ttc_cents: totalOf(i),
        paid_cents: 0,
        status: "open",
        penalty_clause: "default",
        indemnity_applies: 1,
        source: "created",
        disputed: 0,
        notes: null,
        created_at: AT,
        updated_at: AT,
      } as NewInvoice);
    await insertInvoicesSkippingExisting(t.db, rows);
  });
  afterAll(() => t?.drop());

  it("records each automatic match once, across batches, and a later line does not pay an invoice again", async () => {
    const lines: string[] = [];
    for (let i = 0; i < INVOICES; i++) {
      const day = String(1 + Math.floor((3 * i) / INVOICES)).padStart(2, "0");
      lines.push(
        `${day}/12/2026;VIR SEPA RECU /DE SAS GRANDS COMPTES /MOTIF FACT L2026-${String(i).padStart(5, "0")};;${euros(totalOf(i))}`,
      );
      // a tax refund now and then, in every batch
      if (i % 400 === 0)
        lines.push(`${day}/12/2026;VIR SEPA RECU /DE DGFIP /MOTIF REMBOURSEMENT TVA ${i};;${i + 1},00`);
    }
    // the first invoice named again on the last day, for its whole amount: already paid by then
    lines.push(
      `04/12/2026;VIR SEPA RECU /DE SAS GRANDS COMPTES /MOTIF FACT L2026-00000;;${euros(totalOf(0))}`,
    );
    const bytes = Buffer.from(
      ["Compte;FR76 3000 4005 6800 0123 4567 890", "Date;Libellé;Débit;Crédit", ...lines].join("\n"),
      "utf8",
    );
    const imported = await importStatement({ ctx: ctx(), org, userId: null, bytes });
    expect(imported.new_ids).toHaveLength(lines.length);
    const report = await matchTransactions({
      ctx: ctx(),
      org,
      userId: null,
      ids: imported.new_ids,
      linesPerBatch: PER_BATCH,
    });

    expect(report.auto_matched).toHaveLength(INVOICES);
    const refunds = Math.ceil(INVOICES / 400);
    expect(report.unmatched.length + report.proposed.length).toBe(refunds + 1);
    expect(report.unmatched.filter((u) => u.label.includes("DGFIP"))).toHaveLength(refunds);

    const invoices = await t.db
      .selectFrom("invoice")
      .select(["number", "status", "paid_cents", "total_ttc_cents"])
      .where("organization_id", "=", org.id)
      .execute();
    expect(invoices.filter((i) => i.status !== "paid")).toEqual([]);
    for (const i of invoices) expect(Number(i.paid_cents), i.number).toBe(Number(i.total_ttc_cents));
    const payments = await t.db
      .selectFrom("payment")
      .select(["bank_transaction_id"])
      .where("organization_id", "=", org.id)
      .execute();
    expect(payments).toHaveLength(INVOICES);
    expect(new Set(payments.map((p) => p.bank_transaction_id)).size).toBe(INVOICES);

    const states = await t.db
      .selectFrom("bank_transaction")
      .select(["match_state", "label", "match_reasons"])
      .where("organization_id", "=", org.id)
      .execute();
    const count = (s: string) => states.filter((l) => l.match_state === s).length;
    expect(count("matched")).toBe(INVOICES);
    expect(count("unmatched") + count("proposed")).toBe(refunds + 1);
    // every line left to the user keeps its reasons, whatever batch it was decided in
    for (const l of states.filter((s) => s.match_state !== "matched"))
      expect(JSON.parse(l.match_reasons ?? "null"), l.label).toHaveProperty("reasons");
    // the repeated line came last: the invoice was paid by then, so it is not matched to it again
    const repeated = states.filter((l) => l.label.includes("L2026-00000"));
    expect(repeated.map((l) => l.match_state).sort()).toEqual([
      "matched",
      expect.not.stringMatching(/^matched$/),
    ]);
  });
});
