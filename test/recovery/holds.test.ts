/**
 * A recovery case and the dunning run (docs/recovery.md, "Holds and write-off"): the case holds its invoices while
 * it is open (the daily run plans nothing on them), the hold cannot be lifted or replaced by hand, plans and bills
 * keep out of a case and a case out of them, closing lifts the hold, and a case closed written off takes its
 * invoices still owed out of the owed totals.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueBill } from "../../src/app/bills/issue-bill.js";
import { moveBill } from "../../src/app/bills/move-bill.js";
import { checkPromises } from "../../src/app/calls/check-promises.js";
import { logCall } from "../../src/app/calls/log-call.js";
import type { AppContext } from "../../src/app/context.js";
import { getDashboard } from "../../src/app/dashboard/get-dashboard.js";
import { runDay } from "../../src/app/dunning/run-day.js";
import { setHold } from "../../src/app/dunning/set-hold.js";
import { isAppError } from "../../src/app/errors.js";
import { recordPayment } from "../../src/app/payments/record-payment.js";
import { cancelPlan } from "../../src/app/plans/cancel-plan.js";
import { createPlan } from "../../src/app/plans/create-plan.js";
import { signPlan } from "../../src/app/plans/sign-plan.js";
import { closeCase } from "../../src/app/recovery/close-case.js";
import { openCase } from "../../src/app/recovery/open-case.js";
import { cents } from "../../src/core/money.js";
import type { Organization } from "../../src/db/schema.js";
import { createLocalMailer } from "../../src/mail/mailer.js";
import { addBillingContact, day, outboxRows, tempFilesDir } from "../dunning/support.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";

async function refused(work: Promise<unknown>, code: string, messageCode: string) {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isAppError(error), String(error)).toBe(true);
  if (!isAppError(error)) throw error;
  expect([error.code, error.messageCode]).toEqual([code, messageCode]);
  return error;
}

/** "1 234,56 €" with plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe.each(testDialects())("recovery cases and the dunning run (%s)", (dialect) => {
  let t: TestDatabase;
  let ctx: AppContext;
  let org: Organization;
  let now = Date.parse("2026-04-01T08:00:00Z");
  const setToday = (iso: string) => {
    now = Date.parse(`${iso}T08:00:00Z`);
  };
  const files = tempFilesDir();
  const mailer = createLocalMailer();
  const locale = "fr" as const;

  async function client(name: string): Promise<string> {
    const id = await makeClient(ctx, org, { name, siren: "732829320" });
    await ctx.db
      .updateTable("client")
      .set({ address: "4 place Bellecour", postal_code: "69002", city: "Lyon", merchant_status: "merchant" })
      .where("id", "=", id)
      .execute();
    await addBillingContact(ctx, org, id, `compta@${id}.example.fr`);
    return id;
  }

  const invoiceRow = (id: string) =>
    ctx.db.selectFrom("invoice").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  const actionsOf = (invoiceId: string, kind: string) =>
    ctx.db
      .selectFrom("action")
      .select(["summary", "occurred_on", "data"])
      .where("invoice_id", "=", invoiceId)
      .where("kind", "=", kind)
      .orderBy("id")
      .execute();

  /** The daily run of `iso` (promises, plans, the dunning run, then sending), as `relance run --date`. */
  async function run(iso: string, send = true) {
    return runDay({ ctx, org, day: day(iso), mailer, filesDir: files.dir, send });
  }

  /** The invoice numbers the day's run planned something for. */
  const plannedNumbers = (r: Awaited<ReturnType<typeof run>>) => r.planned.flatMap((p) => p.invoices);

  /** What a refusal must leave untouched. */
  async function snapshot() {
    const [invoices, cases, plans, bills, actions, audit] = await Promise.all([
      ctx.db
        .selectFrom("invoice")
        .select(["id", "status", "hold_kind", "hold_until", "hold_reason", "next_action_on"])
        .orderBy("id")
        .execute(),
      ctx.db.selectFrom("recovery_case").selectAll().orderBy("id").execute(),
      ctx.db.selectFrom("payment_plan").select(["id", "state"]).orderBy("id").execute(),
      ctx.db.selectFrom("bill_of_exchange").select(["id", "state"]).orderBy("id").execute(),
      ctx.db.selectFrom("action").select("id").orderBy("id").execute(),
      ctx.db.selectFrom("audit_log").select("id").orderBy("id").execute(),
    ]);
    return JSON.stringify({ invoices, cases, plans, bills, actions, audit });
  }

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    ctx = { ...testContext(t), clock: { now: () => now } };
    org = await testOrganization(ctx, "Atelier Martin");
    const fields = {
      legal_form: "SARL",
      city: "Lyon",
      address: "12 rue de la République",
      postal_code: "69002",
      siren: "552100554",
      email: "compta@atelier-martin.fr",
      iban: "FR7630006000011234567890189",
    };
    await ctx.db.updateTable("organization").set(fields).where("id", "=", org.id).execute();
    org = { ...org, ...fields };
  });
  afterAll(async () => {
    await t?.drop();
    files.remove();
  });

  it("an open case holds its invoices: no reminder while it is open, no hand lift, no plan or bill on them; closing lifts it", async () => {
    setToday("2026-04-01");
    const id = await client("Traiteur Morel");
    const h1 = await makeInvoice(ctx, org, id, {
      number: "H-1",
      total_cents: 60_000,
      issue_date: "2026-02-01",
      due_date: "2026-03-03",
    });
    const h2 = await makeInvoice(ctx, org, id, {
      number: "H-2",
      total_cents: 40_000,
      due_date: "2026-03-20",
    });
    const h3 = await makeInvoice(ctx, org, id, {
      number: "H-3",
      total_cents: 30_000,
      due_date: "2026-05-15",
    });
    // before the case the run reminds both overdue invoices
    const before = await run("2026-04-01");
    expect(plannedNumbers(before)).toEqual(expect.arrayContaining(["H-1", "H-2"]));
    // a promise to pay on H-2: the case's hold replaces it, as a payment plan's does
    await setHold({
      ctx,
      org,
      userId: null,
      target: { invoiceId: h2 },
      hold: { kind: "promise", until: "2026-04-20" },
    });

    const kase = await openCase({ ctx, org, userId: null, clientId: id, locale });
    expect([...kase.invoice_ids].sort()).toEqual([h1, h2].sort());
    for (const invoice of [h1, h2]) {
      const row = await invoiceRow(invoice);
      expect(row).toMatchObject({ hold_kind: "recovery", hold_until: null, next_action_on: "2026-04-01" });
      expect(row.hold_reason).toContain("Dossier de recouvrement judiciaire ouvert le 01/04/2026");
      expect((await actionsOf(invoice, "hold")).map((a) => a.summary)).toContain(
        "Relances suspendues : dossier de recouvrement judiciaire ouvert le 01/04/2026",
      );
    }
    expect(await invoiceRow(h3)).toMatchObject({ hold_kind: null });
    const audit = await ctx.db
      .selectFrom("audit_log")
      .select("data")
      .where("entity", "=", "recovery_case")
      .where("entity_id", "=", kase.id)
      .where("operation", "=", "create")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.data)).toMatchObject({
      hold: "recovery",
      replaced_holds: [{ invoice_id: h2, kind: "promise", until: "2026-04-20" }],
    });

    // three months of daily runs (the days steps fell due, the promise's end): nothing on H-1 and H-2, while H-3,
    // outside the case, follows its sequence
    const h3Planned: string[] = [];
    for (const d of [
      "2026-04-01",
      "2026-04-02",
      "2026-04-08",
      "2026-04-15",
      "2026-04-21",
      "2026-04-22",
      "2026-05-02",
      "2026-05-10",
      "2026-05-16",
      "2026-06-01",
      "2026-06-30",
    ]) {
      const r = await run(d);
      expect(
        plannedNumbers(r).filter((n) => n === "H-1" || n === "H-2"),
        d,
      ).toEqual([]);
      if (plannedNumbers(r).includes("H-3")) h3Planned.push(d);
    }
    expect(h3Planned).toEqual(expect.arrayContaining(["2026-05-10", "2026-05-16"]));
    const sentSince = (await outboxRows(ctx, org.id)).filter(
      (m) => m.client_id === id && m.planned_on > "2026-04-01" && /H-[12]\b/.test(m.invoices),
    );
    expect(sentSince).toEqual([]);

    // the hold is the case's: neither lifted nor replaced by hand, and no plan or bill takes the invoices
    setToday("2026-06-30");
    const unchanged = await snapshot();
    const lift = await refused(
      setHold({ ctx, org, userId: null, target: { invoiceId: h1 }, hold: null }),
      "conflict",
      "hold.held_by_recovery",
    );
    expect(lift.localized("fr")).toBe(
      "Les relances de la facture H-1 sont suspendues par le dossier de recouvrement judiciaire ouvert le 01/04/2026 : elles reprennent à sa clôture.",
    );
    expect(lift.localized("en")).toContain("judicial recovery case opened on");
    await refused(
      setHold({ ctx, org, userId: null, target: { invoiceId: h2 }, hold: { kind: "manual" } }),
      "conflict",
      "hold.held_by_recovery",
    );
    await refused(
      createPlan({
        ctx,
        org,
        userId: null,
        clientId: id,
        invoiceIds: [h1],
        schedule: { count: 2, first_on: "2026-07-15" },
      }),
      "invalid_input",
      "plan.invoice_in_case",
    );
    await refused(
      issueBill({
        ctx,
        org,
        userId: null,
        filesDir: files.dir,
        input: { client_id: id, invoice_ids: [h2], due_on: "2026-07-31" },
      }),
      "conflict",
      "bill.invoice_in_case",
    );
    expect(await snapshot()).toBe(unchanged);

    // closed with an agreement: the hold goes, the invoices stay as payments made them, the run resumes today
    setToday("2026-07-01");
    const closed = await closeCase({ ctx, org, userId: null, id: kase.id, outcome: "settled", locale });
    expect(closed).toMatchObject({ stage: "closed", outcome: "settled" });
    for (const invoice of [h1, h2]) {
      expect(await invoiceRow(invoice)).toMatchObject({
        status: "open",
        hold_kind: null,
        hold_until: null,
        hold_reason: null,
        next_action_on: "2026-07-01",
      });
      expect((await actionsOf(invoice, "hold_lifted")).map((a) => a.summary)).toEqual([
        "Relances reprises : dossier de recouvrement clos (accord trouvé)",
      ]);
    }
    const resumed = await run("2026-07-01");
    expect(plannedNumbers(resumed)).toEqual(expect.arrayContaining(["H-1", "H-2"]));
    // a hold set by hand can be lifted again
    await setHold({ ctx, org, userId: null, target: { invoiceId: h1 }, hold: { kind: "manual" } });
    await setHold({ ctx, org, userId: null, target: { invoiceId: h1 }, hold: null });
    expect(await invoiceRow(h1)).toMatchObject({ hold_kind: null });
  });

  it("closed written off: the invoices still owed become written_off and leave the totals and the run; paid ones stay paid", async () => {
    setToday("2026-04-01");
    const id = await client("Imprimerie Vidal");
    const w1 = await makeInvoice(ctx, org, id, {
      number: "W-1",
      total_cents: 100_000,
      due_date: "2026-02-15",
    });
    const w2 = await makeInvoice(ctx, org, id, {
      number: "W-2",
      total_cents: 50_000,
      due_date: "2026-03-10",
    });
    const w3 = await makeInvoice(ctx, org, id, {
      number: "W-3",
      total_cents: 20_000,
      due_date: "2026-03-15",
    });
    await recordPayment({
      ctx,
      org,
      invoice: { id: w1 },
      amount: cents(30_000),
      date: day("2026-03-01"),
      method: "transfer",
    });
    // planned, not sent: the mise en demeure of W-1 awaits approval
    const planned = await run("2026-04-01", false);
    expect(plannedNumbers(planned)).toEqual(expect.arrayContaining(["W-1", "W-2", "W-3"]));
    const kase = await openCase({ ctx, org, userId: null, clientId: id, locale });
    expect(kase.invoice_ids).toHaveLength(3);
    // W-2 is paid while the case is open
    await recordPayment({
      ctx,
      org,
      invoice: { id: w2 },
      amount: cents(50_000),
      date: day("2026-04-01"),
      method: "transfer",
    });
    setToday("2026-04-10");
    const dashboardBefore = await getDashboard({ ctx, org });

    const closed = await closeCase({
      ctx,
      org,
      userId: null,
      id: kase.id,
      outcome: "written_off",
      note: "Liquidation judiciaire",
      locale,
    });
    expect(closed).toMatchObject({ stage: "closed", outcome: "written_off", closed_on: "2026-04-10" });
    expect(await invoiceRow(w1)).toMatchObject({
      status: "written_off",
      paid_cents: 30_000,
      hold_kind: null,
      next_action_on: null,
    });
    expect(await invoiceRow(w3)).toMatchObject({
      status: "written_off",
      hold_kind: null,
      next_action_on: null,
    });
    expect(await invoiceRow(w2)).toMatchObject({ status: "paid", paid_cents: 50_000, hold_kind: null });
    expect((await actionsOf(w1, "write_off")).map((a) => plain(a.summary))).toEqual([
      "Facture passée en perte : 700,00 € irrécouvrable (dossier de recouvrement clos le 10/04/2026)",
    ]);
    expect((await actionsOf(w3, "write_off")).map((a) => plain(a.summary))).toEqual([
      "Facture passée en perte : 200,00 € irrécouvrable (dossier de recouvrement clos le 10/04/2026)",
    ]);
    expect(await actionsOf(w2, "write_off")).toEqual([]);
    // nothing resumes on a written-off invoice
    expect(await actionsOf(w1, "hold_lifted")).toEqual([]);
    const audit = await ctx.db
      .selectFrom("audit_log")
      .select(["entity_id", "data"])
      .where("entity", "=", "invoice")
      .where("operation", "=", "write_off")
      .where("entity_id", "in", [w1, w2, w3])
      .orderBy("entity_id")
      .execute();
    expect(audit.map((a) => [a.entity_id, JSON.parse(a.data).balance_cents])).toEqual(
      [
        [w1, 70_000],
        [w3, 20_000],
      ].sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1)),
    );
    const closeAudit = await ctx.db
      .selectFrom("audit_log")
      .select("data")
      .where("entity", "=", "recovery_case")
      .where("entity_id", "=", kase.id)
      .where("operation", "=", "close")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(closeAudit.data).written_off).toHaveLength(2);

    // out of what is owed, overdue and aged; the messages not sent yet are cancelled
    const dashboardAfter = await getDashboard({ ctx, org });
    expect(dashboardBefore.outstanding_cents - dashboardAfter.outstanding_cents).toBe(90_000);
    expect(dashboardBefore.overdue_cents - dashboardAfter.overdue_cents).toBe(90_000);
    const aged = (d: typeof dashboardAfter) => d.aging.reduce((s, a) => s + a.cents, 0);
    expect(aged(dashboardBefore) - aged(dashboardAfter)).toBe(90_000);
    expect(dashboardAfter.late_clients.map((c) => c.name)).not.toContain("Imprimerie Vidal");
    const unsent = (await outboxRows(ctx, org.id)).filter((m) => m.client_id === id);
    expect(unsent.length).toBeGreaterThan(0);
    for (const m of unsent) expect(m.state, m.invoices).toBe("cancelled");
    expect(unsent.some((m) => m.cancel_reason?.includes("passée(s) en perte"))).toBe(true);
    for (const d of ["2026-04-10", "2026-05-01", "2026-06-15"]) {
      expect(
        plannedNumbers(await run(d)).filter((n) => n.startsWith("W-")),
        d,
      ).toEqual([]);
    }
    await refused(
      recordPayment({
        ctx,
        org,
        invoice: { id: w1 },
        amount: cents(10_000),
        date: day("2026-04-10"),
        method: "transfer",
      }),
      "conflict",
      "invoice.not_open",
    );
  });

  it("a disputed invoice stays out of a new case; a client whose every owed invoice is disputed is refused", async () => {
    setToday("2026-04-01");
    const id = await client("Traiteur Blanc");
    const ok = await makeInvoice(ctx, org, id, {
      number: "D-1",
      total_cents: 40_000,
      due_date: "2026-02-01",
    });
    const contested = await makeInvoice(ctx, org, id, {
      number: "D-2",
      total_cents: 60_000,
      due_date: "2026-02-10",
    });
    await ctx.db.updateTable("invoice").set({ disputed: 1 }).where("id", "=", contested).execute();
    const kase = await openCase({ ctx, org, userId: null, clientId: id, locale });
    expect(kase.invoice_ids).toEqual([ok]);
    expect(kase.view.disputed.map((i) => i.number)).toEqual([]);
    await closeCase({ ctx, org, userId: null, id: kase.id, outcome: "settled", locale });

    const other = await client("Fromagerie Noir");
    const only = await makeInvoice(ctx, org, other, {
      number: "D-3",
      total_cents: 10_000,
      due_date: "2026-02-01",
    });
    await ctx.db.updateTable("invoice").set({ disputed: 1 }).where("id", "=", only).execute();
    const before = await snapshot();
    const error = await refused(
      openCase({ ctx, org, userId: null, clientId: other, locale }),
      "invalid_input",
      "recovery.all_disputed",
    );
    expect(error.params).toMatchObject({ numbers: "D-3" });
    expect(await snapshot()).toBe(before);
  });

  it("a promise on an invoice written off is broken, not kept, when its grace runs out", async () => {
    setToday("2026-04-01");
    const id = await client("Menuiserie Roux");
    await makeInvoice(ctx, org, id, { number: "PR-1", total_cents: 80_000, due_date: "2026-02-20" });
    const call = await logCall({
      ctx,
      org,
      userId: null,
      clientId: id,
      input: {
        outcome: "reached",
        notes: "Virement promis",
        promise: { amount_cents: 80_000, promised_on: "2026-04-10" },
      },
    });
    const promiseId = call.promise?.id as string;
    expect(promiseId).toBeTruthy();
    const kase = await openCase({ ctx, org, userId: null, clientId: id, locale });
    await closeCase({ ctx, org, userId: null, id: kase.id, outcome: "written_off", locale });
    setToday("2026-05-15");
    const checked = await checkPromises({ ctx, org });
    expect(checked.kept.map((p) => p.id)).not.toContain(promiseId);
    expect(checked.broken.map((p) => p.id)).toContain(promiseId);
    const row = await ctx.db
      .selectFrom("promise")
      .select("state")
      .where("id", "=", promiseId)
      .executeTakeFirst();
    expect(row?.state).toBe("broken");
  });

  it("closed paid: the statuses stay as the payments made them, the hold is lifted quietly from paid invoices", async () => {
    setToday("2026-04-01");
    const id = await client("Cave Lambert");
    const p1 = await makeInvoice(ctx, org, id, {
      number: "P-1",
      total_cents: 30_000,
      due_date: "2026-03-01",
    });
    const kase = await openCase({ ctx, org, userId: null, clientId: id, locale });
    // still owed: "paid" is refused, with the invoice named, and nothing changes
    const before = await snapshot();
    const error = await refused(
      closeCase({ ctx, org, userId: null, id: kase.id, outcome: "paid", locale }),
      "invalid_input",
      "recovery.close_paid_owed",
    );
    expect(error.params).toMatchObject({ numbers: "P-1" });
    expect(await snapshot()).toBe(before);
    await recordPayment({
      ctx,
      org,
      invoice: { id: p1 },
      amount: cents(30_000),
      date: day("2026-04-01"),
      method: "transfer",
    });
    expect(await invoiceRow(p1)).toMatchObject({ status: "paid", hold_kind: "recovery" });
    await closeCase({ ctx, org, userId: null, id: kase.id, outcome: "paid", locale });
    expect(await invoiceRow(p1)).toMatchObject({ status: "paid", hold_kind: null, next_action_on: null });
    expect(await actionsOf(p1, "hold_lifted")).toEqual([]);
    expect(await actionsOf(p1, "write_off")).toEqual([]);
  });

  it("a case keeps out of a payment plan or a pending bill; their holds cannot be lifted by hand while they run", async () => {
    setToday("2026-04-01");
    const id = await client("Garage Petit");
    const g1 = await makeInvoice(ctx, org, id, {
      number: "G-1",
      total_cents: 80_000,
      due_date: "2026-03-01",
    });
    const g2 = await makeInvoice(ctx, org, id, {
      number: "G-2",
      total_cents: 50_000,
      due_date: "2026-03-05",
    });
    const plan = await createPlan({
      ctx,
      org,
      userId: null,
      clientId: id,
      invoiceIds: [g1],
      schedule: { count: 2, first_on: "2026-04-15" },
    });
    let unchanged = await snapshot();
    const inPlan = await refused(
      openCase({ ctx, org, userId: null, clientId: id, locale }),
      "conflict",
      "recovery.invoice_in_plan",
    );
    expect(inPlan.localized("fr")).toContain("G-1");
    expect(await snapshot()).toBe(unchanged);

    const active = await signPlan({ ctx, org, userId: null, id: plan.id, signedOn: "2026-04-01" });
    expect(active.state).toBe("active");
    expect(await invoiceRow(g1)).toMatchObject({ hold_kind: "plan" });
    const bill = await issueBill({
      ctx,
      org,
      userId: null,
      filesDir: files.dir,
      input: { client_id: id, invoice_ids: [g2], due_on: "2026-04-30" },
    });
    expect(await invoiceRow(g2)).toMatchObject({ hold_kind: "bill", hold_until: "2026-05-05" });
    unchanged = await snapshot();
    await refused(
      setHold({ ctx, org, userId: null, target: { invoiceId: g1 }, hold: null }),
      "conflict",
      "hold.held_by_plan",
    );
    const onBill = await refused(
      setHold({ ctx, org, userId: null, target: { invoiceId: g2 }, hold: null }),
      "conflict",
      "hold.held_by_bill",
    );
    expect(onBill.localized("fr")).toContain("30/04/2026");
    await refused(
      setHold({
        ctx,
        org,
        userId: null,
        target: { invoiceId: g2 },
        hold: { kind: "promise", until: "2026-04-10" },
      }),
      "conflict",
      "hold.held_by_bill",
    );
    expect(await snapshot()).toBe(unchanged);

    // an active plan cannot be cancelled: paid in full, G-1 is owed no more and the case leaves it out
    await refused(cancelPlan({ ctx, org, userId: null, id: plan.id }), "conflict", "plan.transition");
    await recordPayment({
      ctx,
      org,
      invoice: { id: g1 },
      amount: cents(80_000),
      date: day("2026-04-01"),
      method: "transfer",
    });
    await refused(
      openCase({ ctx, org, userId: null, clientId: id, locale }),
      "conflict",
      "recovery.invoice_on_bill",
    );
    await moveBill({ ctx, org, userId: null, id: bill.id, event: "cancel" });
    const kase = await openCase({ ctx, org, userId: null, clientId: id, locale });
    expect(kase.invoice_ids).toEqual([g2]);
    expect(await invoiceRow(g2)).toMatchObject({ hold_kind: "recovery", hold_until: null });

    // a draft plan keeps a case out too, until it is cancelled
    const other = await client("Garage Petit Fils");
    const k1 = await makeInvoice(ctx, org, other, {
      number: "K-1",
      total_cents: 20_000,
      due_date: "2026-03-01",
    });
    const draft = await createPlan({
      ctx,
      org,
      userId: null,
      clientId: other,
      schedule: { count: 2, first_on: "2026-04-15" },
    });
    await refused(
      openCase({ ctx, org, userId: null, clientId: other, locale }),
      "conflict",
      "recovery.invoice_in_plan",
    );
    await cancelPlan({ ctx, org, userId: null, id: draft.id });
    expect((await openCase({ ctx, org, userId: null, clientId: other, locale })).invoice_ids).toEqual([k1]);
  });
});
