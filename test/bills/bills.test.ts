import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueBill } from "../../src/app/bills/issue-bill.js";
import { moveBill } from "../../src/app/bills/move-bill.js";
import { openBillPdf } from "../../src/app/bills/open-bill-pdf.js";
import type { AppContext } from "../../src/app/context.js";
import { runDunning } from "../../src/app/dunning/run-dunning.js";
import { isAppError } from "../../src/app/errors.js";
import type { Organization } from "../../src/db/schema.js";
import { tempFilesDir } from "../dunning/support.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";
import { pdfText } from "../support/pdf-text.js";

/** Expects `work` to fail with an AppError of this code and message code. */
async function refused(work: Promise<unknown>, code: string, messageCode: string) {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isAppError(error), String(error)).toBe(true);
  if (isAppError(error)) expect([error.code, error.messageCode]).toEqual([code, messageCode]);
}

describe.each(testDialects())("bills of exchange (%s)", (dialect) => {
  let t: TestDatabase;
  let ctx: AppContext;
  let org: Organization;
  let now = Date.parse("2026-04-01T08:00:00Z");
  const files = tempFilesDir();
  const setToday = (iso: string) => {
    now = Date.parse(`${iso}T08:00:00Z`);
  };

  async function business(name: string): Promise<string> {
    const id = await makeClient(ctx, org, { name, siren: "732829320" });
    await ctx.db
      .updateTable("client")
      .set({ address: "4 place Bellecour", postal_code: "69002", city: "Lyon" })
      .where("id", "=", id)
      .execute();
    return id;
  }

  /** What a bill's refusal must leave untouched. */
  async function snapshot() {
    const [bills, actions, documents, payments, invoices] = await Promise.all([
      ctx.db.selectFrom("bill_of_exchange").selectAll().orderBy("id").execute(),
      ctx.db.selectFrom("action").select(["id"]).orderBy("id").execute(),
      ctx.db.selectFrom("document").select(["id"]).orderBy("id").execute(),
      ctx.db.selectFrom("payment").select(["id"]).orderBy("id").execute(),
      ctx.db
        .selectFrom("invoice")
        .select(["id", "hold_kind", "hold_until", "paid_cents", "next_action_on"])
        .orderBy("id")
        .execute(),
    ]);
    return JSON.stringify({
      bills,
      actions,
      documents,
      payments,
      invoices,
      files: readdirSync(files.dir, { recursive: true }).sort(),
    });
  }

  const invoiceRow = (id: string) =>
    ctx.db.selectFrom("invoice").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    ctx = { ...testContext(t), clock: { now: () => now } };
    org = await testOrganization(ctx, "Atelier Martin");
    await ctx.db
      .updateTable("organization")
      .set({ city: "Lyon", address: "12 rue de la République", postal_code: "69002", siren: "552100554" })
      .where("id", "=", org.id)
      .execute();
    org = {
      ...org,
      city: "Lyon",
      address: "12 rue de la République",
      postal_code: "69002",
      siren: "552100554",
    };
  });
  afterAll(async () => {
    await t?.drop();
    files.remove();
  });

  it("issues a bill whose PDF carries the eight mentions of L511-1, and holds its invoices until after the due date", async () => {
    setToday("2026-04-01");
    const client = await business("Boulangerie Dupont");
    const f1 = await makeInvoice(ctx, org, client, {
      number: "F-1",
      total_cents: 100_000,
      due_date: "2026-03-15",
    });
    const f2 = await makeInvoice(ctx, org, client, {
      number: "F-2",
      total_cents: 23_456,
      due_date: "2026-03-20",
    });
    const bill = await issueBill({
      ctx,
      org,
      userId: null,
      filesDir: files.dir,
      input: {
        client_id: client,
        due_on: "2026-04-30",
        domiciliation_bank: "Crédit Lyonnais Lyon Bellecour",
      },
    });
    expect(bill).toMatchObject({
      state: "issued",
      amount_cents: 123_456,
      issue_on: "2026-04-01",
      issue_place: "Lyon",
      due_on: "2026-04-30",
      hold_until: "2026-05-05",
      drawee_name: "Boulangerie Dupont",
      payee_name: "Atelier Martin",
      actions: ["accept", "present", "pay", "unpaid", "cancel"],
    });
    expect(bill.invoices.map((i) => [i.number, i.amount_cents])).toEqual([
      ["F-1", 100_000],
      ["F-2", 23_456],
    ]);
    for (const id of [f1, f2]) {
      const row = await invoiceRow(id);
      expect(row).toMatchObject({ hold_kind: "bill", hold_until: "2026-05-05" });
      // looked at again by the next run at the latest (an earlier date already set stays)
      expect(row.next_action_on && row.next_action_on <= "2026-04-01").toBe(true);
    }

    const { path } = await openBillPdf({ ctx, org, filesDir: files.dir, id: bill.id });
    const text = await pdfText(readFileSync(path));
    expect(text).toContain("LETTRE DE CHANGE"); // 1
    expect(text).toContain(
      "Contre cette LETTRE DE CHANGE stipulée sans frais, veuillez payer la somme de 1 234,56 € (mille deux cent trente-quatre euros et cinquante-six centimes) à l'ordre de Atelier Martin.",
    ); // 2 and 6
    expect(text).toContain("Nom et adresse du tiré Boulangerie Dupont 4 place Bellecour 69002 Lyon"); // 3
    expect(text).toContain("Échéance 30/04/2026"); // 4
    expect(text).toContain("Domiciliation – lieu de paiement Crédit Lyonnais Lyon Bellecour"); // 5
    expect(text).toContain("Date de création 01/04/2026"); // 7
    expect(text).toContain("Lieu de création Lyon");
    expect(text).toContain("Signature du tireur Lyon, le 1er avril 2026"); // 8
    expect(text).toContain("F-1 15/03/2026 1 000,00 €");

    const timeline = await ctx.db
      .selectFrom("action")
      .select(["invoice_id", "kind", "summary"])
      .where("kind", "=", "bill_issued")
      .execute();
    expect(timeline.map((a) => a.invoice_id).sort()).toEqual([f1, f2].sort());
    expect(timeline[0]?.summary.replace(/[\u00A0\u202F]/g, " ")).toBe(
      "Lettre de change de 1 234,56 € tirée, à échéance du 30/04/2026",
    );
    const doc = await ctx.db
      .selectFrom("document")
      .selectAll()
      .where("id", "=", bill.document_id)
      .executeTakeFirstOrThrow();
    expect(doc).toMatchObject({ kind: "bill_of_exchange", client_id: client, mime_type: "application/pdf" });
  });

  it("refuses a consumer, a missing place of issue, an amount above the balance, an invoice already on a bill — writing nothing", async () => {
    setToday("2026-04-01");
    const consumer = await makeClient(ctx, org, { name: "Claire Petit", kind: "consumer" });
    await makeInvoice(ctx, org, consumer, { number: "P-1", total_cents: 50_000, due_date: "2026-03-01" });
    const pro = await business("Garage Ancien");
    const g1 = await makeInvoice(ctx, org, pro, {
      number: "G-1",
      total_cents: 80_000,
      due_date: "2026-03-01",
    });
    const before = await snapshot();
    const issue = (input: Parameters<typeof issueBill>[0]["input"], o: Organization = org) =>
      issueBill({ ctx, org: o, userId: null, filesDir: files.dir, input });

    await refused(
      issue({ client_id: consumer, due_on: "2026-04-30" }),
      "invalid_input",
      "bill.consumer_refused",
    );
    await refused(
      issue({ client_id: pro, due_on: "2026-04-30" }, { ...org, city: null }),
      "invalid_input",
      "bill.missing_mentions",
    );
    await refused(issue({ client_id: pro, due_on: "2026-03-31" }), "invalid_input", "bill.due_before_issue");
    await refused(
      issue({ client_id: pro, due_on: "2026-04-30", amount_cents: 80_001 }),
      "invalid_input",
      "bill.amount_exceeds",
    );
    await refused(
      issue({ client_id: pro, due_on: "2026-04-30", lcr: true }),
      "invalid_input",
      "bill.lcr_needs_iban",
    );
    await refused(
      issue({ client_id: pro, due_on: "2026-04-30", domiciliation_iban: "FR76 1234" }),
      "invalid_input",
      "iban.invalid",
    );
    expect(await snapshot()).toBe(before);

    const first = await issue({
      client_id: pro,
      due_on: "2026-04-30",
      amount_cents: 30_000,
      invoice_ids: [g1],
    });
    expect(first.invoices).toEqual([
      { invoice_id: g1, number: "G-1", amount_cents: 30_000, balance_cents: 80_000 },
    ]);
    const after = await snapshot();
    await refused(
      issue({ client_id: pro, due_on: "2026-05-30", invoice_ids: [g1] }),
      "conflict",
      "bill.invoice_on_bill",
    );
    // without invoices named, those on a pending bill are left out: nothing else is owed
    await refused(issue({ client_id: pro, due_on: "2026-05-30" }), "invalid_input", "bill.no_invoices");
    expect(await snapshot()).toBe(after);
  });

  it("leaves an invoice of a payment plan in progress to its plan", async () => {
    setToday("2026-04-01");
    const client = await business("Traiteur Vert");
    const v1 = await makeInvoice(ctx, org, client, {
      number: "V-1",
      total_cents: 10_000,
      due_date: "2026-03-01",
    });
    await ctx.db
      .updateTable("invoice")
      .set({ hold_kind: "plan", hold_until: null })
      .where("id", "=", v1)
      .execute();
    const before = await snapshot();
    await refused(
      issueBill({
        ctx,
        org,
        userId: null,
        filesDir: files.dir,
        input: { client_id: client, due_on: "2026-04-30" },
      }),
      "conflict",
      "bill.invoice_in_plan",
    );
    expect(await snapshot()).toBe(before);
  });

  it("an unpaid bill resumes escalation: the next run plans the next reminder", async () => {
    setToday("2026-04-01");
    const client = await business("Menuiserie Roux");
    const r1 = await makeInvoice(ctx, org, client, {
      number: "R-1",
      total_cents: 60_000,
      due_date: "2026-03-25",
    });
    const first = await runDunning({ ctx, org });
    expect(first.planned.filter((p) => p.invoices.includes("R-1")).map((p) => p.step)).toEqual([
      "Première relance",
    ]);

    setToday("2026-04-02");
    const bill = await issueBill({
      ctx,
      org,
      userId: null,
      filesDir: files.dir,
      input: { client_id: client, due_on: "2026-04-30" },
    });
    // held: the days the next reminders were due pass silently
    for (const d of ["2026-04-02", "2026-04-08", "2026-04-15", "2026-04-30"]) {
      setToday(d);
      const run = await runDunning({ ctx, org });
      expect(
        run.planned.filter((p) => p.invoices.includes("R-1")),
        d,
      ).toEqual([]);
    }
    expect((await invoiceRow(r1)).next_action_on).toBe("2026-05-06");

    setToday("2026-05-02");
    const unpaid = await moveBill({
      ctx,
      org,
      userId: null,
      id: bill.id,
      event: "unpaid",
      date: "2026-04-30",
    });
    expect(unpaid).toMatchObject({ state: "unpaid", unpaid_on: "2026-04-30", actions: ["pay"] });
    expect(await invoiceRow(r1)).toMatchObject({
      hold_kind: null,
      hold_until: null,
      next_action_on: "2026-05-02",
    });
    const action = await ctx.db
      .selectFrom("action")
      .select(["summary", "occurred_on"])
      .where("invoice_id", "=", r1)
      .where("kind", "=", "bill_unpaid")
      .executeTakeFirstOrThrow();
    expect(action.occurred_on).toBe("2026-04-30");
    expect(action.summary.replace(/[\u00A0\u202F]/g, " ")).toBe(
      "Lettre de change impayée (600,00 €, échéance du 30/04/2026) : les relances reprennent",
    );
    const resumed = await runDunning({ ctx, org });
    const planned = resumed.planned.filter((p) => p.invoices.includes("R-1"));
    expect(planned).toHaveLength(1);
    expect(planned[0]?.step).not.toBe("Première relance");
  });

  it("a paid bill settles its invoices through a payment by bill of exchange: no reminder after", async () => {
    setToday("2026-04-01");
    const client = await business("Fromagerie Blanc");
    const b1 = await makeInvoice(ctx, org, client, {
      number: "B-1",
      total_cents: 40_000,
      due_date: "2026-03-10",
    });
    const b2 = await makeInvoice(ctx, org, client, {
      number: "B-2",
      total_cents: 10_000,
      due_date: "2026-03-12",
    });
    const bill = await issueBill({
      ctx,
      org,
      userId: null,
      filesDir: files.dir,
      input: { client_id: client, due_on: "2026-04-20" },
    });
    setToday("2026-04-21");
    await moveBill({ ctx, org, userId: null, id: bill.id, event: "accept", date: "2026-04-03" });
    await moveBill({ ctx, org, userId: null, id: bill.id, event: "present", date: "2026-04-18" });
    const paid = await moveBill({ ctx, org, userId: null, id: bill.id, event: "pay", date: "2026-04-20" });
    expect(paid).toMatchObject({
      state: "paid",
      accepted_on: "2026-04-03",
      presented_on: "2026-04-18",
      paid_on: "2026-04-20",
      actions: [],
    });
    for (const id of [b1, b2]) {
      expect(await invoiceRow(id)).toMatchObject({ status: "paid", hold_kind: null, next_action_on: null });
    }
    const payment = await ctx.db
      .selectFrom("payment")
      .selectAll()
      .where("id", "=", paid.payment_id)
      .executeTakeFirstOrThrow();
    expect(payment).toMatchObject({ method: "bill_of_exchange", date: "2026-04-20", client_id: client });
    expect(Number(payment.amount_cents)).toBe(50_000);
    for (const d of ["2026-04-21", "2026-05-10", "2026-06-10"]) {
      setToday(d);
      const run = await runDunning({ ctx, org });
      expect(
        run.planned.filter((p) => p.invoices.some((n) => n.startsWith("B-"))),
        d,
      ).toEqual([]);
    }
  });

  it("refuses a step the bill's state does not allow, or wrongly dated, and changes nothing", async () => {
    setToday("2026-04-01");
    const client = await business("Imprimerie Noir");
    const n1 = await makeInvoice(ctx, org, client, {
      number: "N-1",
      total_cents: 20_000,
      due_date: "2026-03-10",
    });
    const bill = await issueBill({
      ctx,
      org,
      userId: null,
      filesDir: files.dir,
      input: { client_id: client, due_on: "2026-04-20" },
    });
    const move = (event: Parameters<typeof moveBill>[0]["event"], date?: string) =>
      moveBill({ ctx, org, userId: null, id: bill.id, event, date });
    const before = await snapshot();
    await refused(move("unpaid", "2026-04-01"), "invalid_input", "bill.unpaid_before_due");
    await refused(move("accept", "2026-04-02"), "invalid_input", "bill.date_in_future");
    await refused(move("accept", "2026-03-31"), "invalid_input", "bill.date_before_issue");
    expect(await snapshot()).toBe(before);

    await move("cancel");
    const released = await invoiceRow(n1);
    expect(released.hold_kind).toBeNull();
    expect(released.next_action_on && released.next_action_on <= "2026-04-01").toBe(true);
    const cancelled = await snapshot();
    for (const event of ["accept", "present", "pay", "unpaid", "cancel"] as const) {
      await refused(move(event), "invalid_input", "bill.transition_refused");
    }
    await refused(
      moveBill({ ctx, org, userId: null, id: "0190a0a0-0000-7000-8000-000000000000", event: "pay" }),
      "not_found",
      "bill.not_found",
    );
    expect(await snapshot()).toBe(cancelled);
  });
});
