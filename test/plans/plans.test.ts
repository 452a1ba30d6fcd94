import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listActions } from "../../src/app/actions/list-actions.js";
import { issueBill } from "../../src/app/bills/issue-bill.js";
import { logCall } from "../../src/app/calls/log-call.js";
import type { AppContext } from "../../src/app/context.js";
import { isAppError } from "../../src/app/errors.js";
import { listInvoices } from "../../src/app/invoices/list-invoices.js";
import { listPrescriptionAlerts } from "../../src/app/law/list-prescription-alerts.js";
import { recordPayment } from "../../src/app/payments/record-payment.js";
import { acknowledgementDocument } from "../../src/app/plans/acknowledgement-document.js";
import { cancelPlan } from "../../src/app/plans/cancel-plan.js";
import { checkPlans } from "../../src/app/plans/check-plans.js";
import { createPlan } from "../../src/app/plans/create-plan.js";
import { getPlan } from "../../src/app/plans/get-plan.js";
import { signPlan } from "../../src/app/plans/sign-plan.js";
import { cents } from "../../src/core/money.js";
import type { Organization } from "../../src/db/schema.js";
import { createLocalMailer } from "../../src/mail/mailer.js";
import { addBillingContact, day, outboxRows, runOn, tempFilesDir } from "../dunning/support.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";
import { pdfText } from "../support/pdf-text.js";

const NOW = "2026-11-26T09:00:00Z";

describe.each(testDialects())("payment plans (%s)", (dialect) => {
  let t: TestDatabase;
  let ctx: AppContext;
  let org: Organization;
  const files = tempFilesDir();
  const mailer = createLocalMailer();
  const at = (iso: string) => testContext(t, { now: `${iso}T09:00:00Z` });
  const count = async (table: "payment_plan" | "installment" | "action") =>
    Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .where("organization_id", "=", org.id)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    ctx = testContext(t, { now: NOW });
    org = await testOrganization(ctx);
    const fields = {
      email: "compta@atelier-martin.fr",
      iban: "FR7630006000011234567890189",
      city: "Lyon",
      siren: "552100554",
    };
    await ctx.db.updateTable("organization").set(fields).where("id", "=", org.id).execute();
    org = { ...org, ...fields };
  });
  afterAll(async () => {
    await t?.drop();
    files.remove();
  });

  async function debtor(name: string) {
    const client = await makeClient(ctx, org, { name });
    await addBillingContact(ctx, org, client, `compta@${name.toLowerCase().replace(/\W+/g, "")}.fr`);
    const a = await makeInvoice(ctx, org, client, {
      number: `${name[0]}-1`,
      total_cents: 150_000,
      issue_date: "2026-08-01",
      due_date: "2026-08-31",
    });
    const b = await makeInvoice(ctx, org, client, {
      number: `${name[0]}-2`,
      total_cents: 100_000,
      issue_date: "2026-09-01",
      due_date: "2026-10-01",
    });
    return { client, a, b };
  }

  it("creates a draft whose installments add up to the balance; bad input writes nothing", async () => {
    const { client, a } = await debtor("Boulangerie Dupont");
    const before = {
      plans: await count("payment_plan"),
      installments: await count("installment"),
      actions: await count("action"),
    };
    const bad = [
      { count: 40, first_on: "2026-12-15" },
      { count: 0, first_on: "2026-12-15" },
      { count: 3, first_on: "2026-11-01" },
      { dates: ["2027-01-10", "2027-01-10"] },
      { dates: ["2027-01-10", "2027-02-10"], amounts: [100_000, 100_000] },
      {},
    ];
    for (const schedule of bad) {
      const error = await createPlan({ ctx, org, userId: null, clientId: client, schedule }).catch((e) => e);
      expect(isAppError(error) && error.code).toBe("invalid_input");
    }
    expect(await count("payment_plan")).toBe(before.plans);
    expect(await count("installment")).toBe(before.installments);
    expect(await count("action")).toBe(before.actions);

    const plan = await createPlan({
      ctx,
      org,
      userId: null,
      clientId: client,
      schedule: { count: 3, first_on: "2026-12-15", frequency: "monthly" },
      graceDays: 5,
    });
    expect(plan.state).toBe("draft");
    expect(plan.total_cents).toBe(250_000);
    expect(plan.installments.map((i) => [i.due_on, i.amount_cents])).toEqual([
      ["2026-12-15", 83_334],
      ["2027-01-15", 83_333],
      ["2027-02-15", 83_333],
    ]);
    expect(plan.installments.reduce((s, i) => s + i.amount_cents, 0)).toBe(plan.total_cents);
    // an invoice in a plan not finished cannot be in another one
    const again = await createPlan({
      ctx,
      org,
      userId: null,
      clientId: client,
      invoiceIds: [a],
      schedule: { count: 2, first_on: "2026-12-15" },
    }).catch((e) => e);
    expect(isAppError(again) && again.messageCode).toBe("plan.invoice_in_plan");
    const cancelled = await cancelPlan({ ctx, org, userId: null, id: plan.id });
    expect(cancelled.state).toBe("cancelled");
    const twice = await cancelPlan({ ctx, org, userId: null, id: plan.id }).catch((e) => e);
    expect(isAppError(twice) && twice.code).toBe("conflict");
  });

  it("signing writes the acknowledgement (prescription moves) and holds the invoices; reminders J−3/J+1 go once; a broken plan resumes at the mise en demeure after the grace period", async () => {
    const { client, a, b } = await debtor("Garage Leroy");
    const prescription = async (c: AppContext) =>
      (await listPrescriptionAlerts({ ctx: c, org, withinDays: 365 * 30 }))
        .filter((p) => p.client_id === client)
        .map((p) => [p.number, p.prescription_date]);
    expect(await prescription(ctx)).toEqual([
      ["G-1", "2031-08-31"],
      ["G-2", "2031-10-01"],
    ]);
    const draft = await createPlan({
      ctx,
      org,
      userId: null,
      clientId: client,
      schedule: { count: 3, first_on: "2026-12-15" },
      graceDays: 5,
    });
    const future = await signPlan({ ctx, org, userId: null, id: draft.id, signedOn: "2026-11-27" }).catch(
      (e) => e,
    );
    expect(isAppError(future) && future.code).toBe("invalid_input");
    const signed = await signPlan({ ctx, org, userId: null, id: draft.id, signedOn: "2026-11-25" });
    expect(signed.state).toBe("active");
    expect(signed.signed_on).toBe("2026-11-25");
    // Code civil 2240: a new 5-year period from the signature
    expect(await prescription(ctx)).toEqual([
      ["G-1", "2031-11-25"],
      ["G-2", "2031-11-25"],
    ]);
    const held = await ctx.db
      .selectFrom("invoice")
      .select(["hold_kind", "hold_until"])
      .where("id", "in", [a, b])
      .execute();
    expect(held).toEqual([
      { hold_kind: "plan", hold_until: null },
      { hold_kind: "plan", hold_until: null },
    ]);
    // the lists of invoices say so (the client page's badge "Échéancier")
    expect((await listInvoices({ ctx, org, clientId: client })).map((i) => [i.number, i.hold_kind])).toEqual([
      ["G-1", "plan"],
      ["G-2", "plan"],
    ]);

    const mine = async () => (await outboxRows(ctx, org.id)).filter((r) => r.client_id === client);
    const days = (from: string, to: string) => {
      const out: string[] = [];
      for (let d = day(from); d.toString() <= to; d = d.add({ days: 1 })) out.push(d.toString());
      return out;
    };
    for (const d of days("2026-11-27", "2026-12-13")) await runOn(ctx, org, d, mailer, files.dir);
    // installment 1 paid on time, on the invoice due first
    await recordPayment({
      ctx: at("2026-12-14"),
      org,
      invoice: { number: "G-1" },
      amount: cents(83_334),
      date: day("2026-12-14"),
      method: "transfer",
    });
    for (const d of days("2026-12-14", "2027-01-20")) await runOn(ctx, org, d, mailer, files.dir);
    let rows = await mine();
    // while the plan is kept: no reminder of the sequence, only the installments' (J−3 each, J+1 for the unpaid one)
    expect(rows.every((r) => r.step_id === null)).toBe(true);
    const plan = await getPlan({ ctx: at("2027-01-20"), org, id: draft.id });
    const [i1, i2] = plan.installments;
    expect(i1?.state).toBe("paid");
    expect(i1?.paid_on).toBe("2026-12-14");
    expect(i2?.state).toBe("late");
    expect(rows.map((r) => [r.idempotency_key, r.planned_on, r.state])).toEqual([
      [`plan:${i1?.id}:before`, "2026-12-12", "sent"],
      [`plan:${i2?.id}:before`, "2027-01-12", "sent"],
      [`plan:${i2?.id}:after`, "2027-01-16", "sent"],
    ]);
    expect(rows[0]?.subject).toContain("1/3");
    expect(rows[2]?.text_body).toContain("déchéance du terme");
    expect(plan.state).toBe("active");

    // the day after the grace period: broken, and the same day's run plans the mise en demeure
    const broken = await runOn(ctx, org, "2027-01-21", mailer, files.dir);
    expect(
      broken.planned
        .filter((p) => p.client_id === client)
        .map((p) => [p.channel, p.invoices.sort(), p.awaiting_approval]),
    ).toEqual([["registered_letter", ["G-1", "G-2"], true]]);
    const after = await getPlan({ ctx: at("2027-01-21"), org, id: draft.id });
    expect(after.state).toBe("broken");
    expect(after.broken_on).toBe("2027-01-21");
    expect(after.installments.map((i) => i.state)).toEqual(["paid", "missed", "pending"]);
    const actions = await ctx.db
      .selectFrom("action")
      .select(["invoice_id", "summary"])
      .where("kind", "=", "plan_broken")
      .where("client_id", "=", client)
      .execute();
    expect(actions.map((x) => x.invoice_id).sort()).toEqual([a, b].sort());
    expect(actions[0]?.summary).toContain("Échéancier non respecté — déchéance du terme");
    const inv = await ctx.db.selectFrom("invoice").select(["hold_kind"]).where("id", "in", [a, b]).execute();
    expect(inv.map((i) => i.hold_kind)).toEqual([null, null]);

    // idempotent: the same day again, and the check alone, change nothing
    const actionsBefore = await count("action");
    rows = await mine();
    const again = await runOn(ctx, org, "2027-01-21", mailer, files.dir);
    expect(again.planned.filter((p) => p.client_id === client)).toEqual([]);
    expect(await checkPlans({ ctx: at("2027-01-21"), org })).toEqual({
      completed: [],
      broken: [],
      reminders: 0,
    });
    expect(await count("action")).toBe(actionsBefore);
    expect((await mine()).length).toBe(rows.length);
  });

  it("a plan whose installments are all paid is completed and its hold lifted", async () => {
    const { client, a, b } = await debtor("Fleurs Martin");
    const plan = await createPlan({
      ctx,
      org,
      userId: null,
      clientId: client,
      schedule: { dates: ["2026-12-01", "2026-12-20"], amounts: [200_000, 50_000] },
      graceDays: 0,
    });
    await signPlan({ ctx, org, userId: null, id: plan.id });
    await recordPayment({
      ctx: at("2026-11-30"),
      org,
      invoice: { number: "F-1" },
      amount: cents(150_000),
      date: day("2026-11-30"),
      method: "transfer",
    });
    await recordPayment({
      ctx: at("2026-11-30"),
      org,
      invoice: { number: "F-2" },
      amount: cents(50_000),
      date: day("2026-11-30"),
      method: "transfer",
    });
    const dry = await checkPlans({ ctx: at("2026-12-02"), org, dryRun: true });
    expect(dry.completed).toEqual([]);
    expect(
      (await getPlan({ ctx: at("2026-12-02"), org, id: plan.id })).installments.map((i) => i.state),
    ).toEqual(["paid", "pending"]);
    await recordPayment({
      ctx: at("2026-12-19"),
      org,
      invoice: { number: "F-2" },
      amount: cents(50_000),
      date: day("2026-12-19"),
      method: "cheque",
    });
    const done = await checkPlans({ ctx: at("2026-12-19"), org });
    expect(done.completed).toEqual([plan.id]);
    const after = await getPlan({ ctx: at("2026-12-19"), org, id: plan.id });
    expect(after.state).toBe("completed");
    expect(after.installments.map((i) => [i.state, i.paid_cents, i.paid_on])).toEqual([
      ["paid", 200_000, "2026-11-30"],
      ["paid", 50_000, "2026-12-19"],
    ]);
    const inv = await ctx.db.selectFrom("invoice").select(["hold_kind"]).where("id", "in", [a, b]).execute();
    expect(inv.map((i) => i.hold_kind)).toEqual([null, null]);
  });

  it("generates the acknowledgement of debt once, as a document of the client, with what it must say", async () => {
    const { client } = await debtor("Traiteur Bernard");
    const plan = await createPlan({
      ctx,
      org,
      userId: null,
      clientId: client,
      schedule: { count: 3, first_on: "2026-12-15" },
      graceDays: 5,
    });
    const first = await acknowledgementDocument({ ctx, org, userId: null, id: plan.id, filesDir: files.dir });
    expect(first.document.client_id).toBe(client);
    const text = await pdfText(readFileSync(first.path));
    for (const s of [
      "Plomberie Martin",
      "Traiteur Bernard",
      "T-1",
      "T-2",
      "déchéance du terme",
      "deux mille cinq cents euros",
      "2 500,00 €",
      "833,34 €",
      "15 décembre 2026",
      "15 février 2027",
    ]) {
      expect(text).toContain(s);
    }
    const second = await acknowledgementDocument({
      ctx,
      org,
      userId: null,
      id: plan.id,
      filesDir: files.dir,
    });
    expect(second.document.id).toBe(first.document.id);
    expect((await getPlan({ ctx, org, id: plan.id })).document_id).toBe(first.document.id);
    expect(first.document.kind).toBe("acknowledgement");
    // the client's timeline: the plan and its acknowledgement are entries of the client naming both invoices
    const entries = await listActions({
      ctx,
      org,
      clientId: client,
      kinds: ["plan_created", "document_added"],
      limit: 10,
    });
    expect(entries.map((e) => [e.kind, e.invoice_id, e.invoice_numbers])).toEqual([
      ["document_added", null, ["T-1", "T-2"]],
      ["plan_created", null, ["T-1", "T-2"]],
    ]);
  });

  it("a promise on an invoice of an active plan is refused: the plan keeps its hold", async () => {
    const { client, a, b } = await debtor("Menuiserie Petit");
    const plan = await createPlan({
      ctx,
      org,
      userId: null,
      clientId: client,
      schedule: { count: 2, first_on: "2026-12-15" },
    });
    await signPlan({ ctx, org, userId: null, id: plan.id });
    const actions = await count("action");
    const error = await logCall({
      ctx,
      org,
      userId: null,
      clientId: client,
      input: {
        outcome: "reached",
        promise: { amount_cents: 50_000, promised_on: "2026-12-01", invoice_ids: [a] },
      },
    }).catch((e) => e);
    expect(isAppError(error) && [error.code, error.messageCode]).toEqual(["conflict", "call.invoice_held"]);
    expect(await count("action")).toBe(actions);
    const held = await ctx.db
      .selectFrom("invoice")
      .select(["hold_kind", "hold_until"])
      .where("id", "in", [a, b])
      .execute();
    expect(held).toEqual([
      { hold_kind: "plan", hold_until: null },
      { hold_kind: "plan", hold_until: null },
    ]);
  });

  it("an invoice on a pending bill of exchange stays out of a plan, and one of a plan not started stays off a bill", async () => {
    const { client, a, b } = await debtor("Imprimerie Roux");
    await ctx.db
      .updateTable("client")
      .set({ siren: "732829320", address: "4 place Bellecour", postal_code: "69002", city: "Lyon" })
      .where("id", "=", client)
      .execute();
    await issueBill({
      ctx,
      org,
      userId: null,
      filesDir: files.dir,
      input: { client_id: client, due_on: "2026-12-31", invoice_ids: [a] },
    });
    const plans = await count("payment_plan");
    const named = await createPlan({
      ctx,
      org,
      userId: null,
      clientId: client,
      invoiceIds: [a, b],
      schedule: { count: 2, first_on: "2026-12-15" },
    }).catch((e) => e);
    expect(isAppError(named) && named.messageCode).toBe("plan.invoice_on_bill");
    expect(await count("payment_plan")).toBe(plans);
    // all the client's open invoices: the one on the bill is left out
    const draft = await createPlan({
      ctx,
      org,
      userId: null,
      clientId: client,
      schedule: { count: 2, first_on: "2026-12-15" },
    });
    expect(draft.total_cents).toBe(100_000);
    const onBill = await issueBill({
      ctx,
      org,
      userId: null,
      filesDir: files.dir,
      input: { client_id: client, due_on: "2026-12-31", invoice_ids: [b] },
    }).catch((e) => e);
    expect(isAppError(onBill) && [onBill.code, onBill.messageCode]).toEqual([
      "conflict",
      "bill.invoice_in_plan",
    ]);
  });

  it("two daily checks at once break a plan once, and neither fails", async () => {
    const { client, a, b } = await debtor("Cordonnerie Blanc");
    const plan = await createPlan({
      ctx,
      org,
      userId: null,
      clientId: client,
      schedule: { count: 2, first_on: "2026-12-01" },
      graceDays: 0,
    });
    await signPlan({ ctx, org, userId: null, id: plan.id });
    const checks = await Promise.all([
      checkPlans({ ctx: at("2026-12-02"), org }),
      checkPlans({ ctx: at("2026-12-02"), org }),
    ]);
    expect(checks.flatMap((c) => c.broken).filter((id) => id === plan.id)).toEqual([plan.id]);
    expect((await getPlan({ ctx, org, id: plan.id })).state).toBe("broken");
    const broken = await ctx.db
      .selectFrom("action")
      .select("invoice_id")
      .where("kind", "=", "plan_broken")
      .where("client_id", "=", client)
      .execute();
    expect(broken.map((x) => x.invoice_id).sort()).toEqual([a, b].sort());
  });

  it("two plans asked at once for the same invoices: one is made, the other refused", async () => {
    for (const name of ["Serrurerie Noir", "Vitrerie Gris", "Tapisserie Brun"]) {
      const { client } = await debtor(name);
      const make = () =>
        createPlan({
          ctx,
          org,
          userId: null,
          clientId: client,
          schedule: { count: 2, first_on: "2026-12-15" },
        });
      const results = await Promise.allSettled([make(), make(), make()]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected", "rejected"]);
      for (const r of results) {
        if (r.status === "rejected")
          expect(isAppError(r.reason) && r.reason.messageCode).toBe("plan.no_invoices");
      }
    }
  });
});
