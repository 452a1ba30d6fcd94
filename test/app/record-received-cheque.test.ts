// « Chèque reçu »: a cheque recorded by the staff before it is deposited — the declared row, the pause of the
// reminders and its lifting on confirm / reject, and the refusals that change nothing (SQLite and PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { setHold } from "../../src/app/dunning/set-hold.js";
import { isAppError } from "../../src/app/errors.js";
import { confirmDeclaredPayment } from "../../src/app/payments/confirm-declared-payment.js";
import { listPayments } from "../../src/app/payments/list-payments.js";
import { recordPayment } from "../../src/app/payments/record-payment.js";
import {
  CHEQUE_HOLD_DAYS,
  type ReceivedChequeInput,
  recordReceivedCheque,
} from "../../src/app/payments/record-received-cheque.js";
import { rejectDeclaredPayment } from "../../src/app/payments/reject-declared-payment.js";
import { parseIsoDate } from "../../src/core/calendar.js";
import { cents } from "../../src/core/money.js";
import { unwrap } from "../../src/core/result.js";
import type { Organization } from "../../src/db/schema.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";

// the test clock: 2025-06-30 in Paris
const TODAY = "2025-06-30";
/** Amounts are written with a no-break space before the euro sign. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");
const UNTIL = "2025-07-10";

describe.each(testDialects())("cheques received on %s", (dialect) => {
  let t: TestDatabase;
  let ctx: AppContext;
  let org: Organization;
  let other: Organization;
  let dupont: string;
  let foreignInvoice: string;

  const invoiceRow = (id: string) =>
    t.db
      .selectFrom("invoice")
      .select(["paid_cents", "status", "hold_kind", "hold_until", "hold_reason"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
  const counts = async () => {
    const count = async (table: "payment" | "action" | "audit_log" | "allocation") =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      payments: await count("payment"),
      actions: await count("action"),
      audit: await count("audit_log"),
      allocations: await count("allocation"),
    };
  };
  const cheque = (invoiceId: string, input: Partial<ReceivedChequeInput> = {}) =>
    recordReceivedCheque({
      ctx,
      org,
      userId: null,
      invoice: { id: invoiceId },
      input: { amount_cents: 15000, received_on: "2025-06-28", ...input },
    });
  const refused = async (work: Promise<unknown>, code: string, path?: string) => {
    const error = await work.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(error)).toBe(true);
    if (!isAppError(error)) return;
    expect(error.code).toBe(code);
    if (path) expect(JSON.stringify(error.details)).toContain(`"path":"${path}"`);
  };

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    ctx = testContext(t);
    org = await testOrganization(ctx);
    other = await testOrganization(ctx, "Autre SARL");
    dupont = await makeClient(ctx, org, { name: "Boulangerie Dupont" });
    const foreign = await makeClient(ctx, other, { name: "Client d'une autre entreprise" });
    foreignInvoice = await makeInvoice(ctx, other, foreign, { number: "E-1", total_cents: 30000 });
  });
  afterAll(async () => t?.drop());

  it("writes a declared cheque payment, pauses the reminders, and leaves the balance alone", async () => {
    expect(CHEQUE_HOLD_DAYS).toBe(10);
    const id = await makeInvoice(ctx, org, dupont, { number: "F-1", total_cents: 20000 });
    const result = await cheque(id, {
      cheque_number: "  1234567 ",
      drawer: " SARL Dupont Frères ",
      bank: "Crédit Agricole",
    });
    expect(result).toMatchObject({ invoice_number: "F-1", hold_until: UNTIL, paused: true });
    expect(result.payment).toMatchObject({
      date: "2025-06-28",
      amount_cents: 15000,
      method: "cheque",
      reference: "1234567",
      payer: "SARL Dupont Frères",
      client_id: dupont,
      client: "Boulangerie Dupont",
      state: "declared",
      source: "staff",
      declared_invoice_id: id,
      allocated_cents: 0,
      allocations: [],
    });
    const row = await t.db
      .selectFrom("payment")
      .selectAll()
      .where("id", "=", result.payment.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      organization_id: org.id,
      state: "declared",
      method: "cheque",
      source: "staff",
      declared_invoice_id: id,
      date: "2025-06-28",
    });
    expect(await invoiceRow(id)).toMatchObject({
      paid_cents: 0,
      status: "open",
      hold_kind: "manual",
      hold_until: UNTIL,
      hold_reason: "Chèque reçu, en attente d'encaissement",
    });
    const action = await t.db
      .selectFrom("action")
      .selectAll()
      .where("invoice_id", "=", id)
      .where("kind", "=", "cheque_received")
      .executeTakeFirstOrThrow();
    expect(plain(action.summary)).toBe(
      "Chèque n° 1234567 de SARL Dupont Frères reçu le 28/06/2025, à encaisser : 150,00 € pour la facture F-1 (Crédit Agricole)",
    );
    expect(action.occurred_on).toBe(TODAY);
    expect(JSON.parse(action.data as string)).toMatchObject({
      payment_id: result.payment.id,
      cheque_number: "1234567",
      drawer: "SARL Dupont Frères",
      bank: "Crédit Agricole",
    });
    const audit = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_id", "=", result.payment.id)
      .execute();
    expect(audit.map((a) => a.operation)).toEqual(["cheque_received"]);
    // the invoice's payments list shows it, awaiting deposit
    const listed = await listPayments({ ctx, org, invoiceId: id, limit: 10 });
    expect(listed.map((p) => [p.id, p.state, p.source])).toEqual([[result.payment.id, "declared", "staff"]]);
  });

  it("takes the client's name as the drawer by default, and no number when none is given", async () => {
    const id = await makeInvoice(ctx, org, dupont, { number: "F-2", total_cents: 20000 });
    const { payment } = await cheque(id, { cheque_number: "   ", drawer: null });
    expect(payment).toMatchObject({ payer: "Boulangerie Dupont", reference: null });
    const action = await t.db
      .selectFrom("action")
      .select("summary")
      .where("invoice_id", "=", id)
      .where("kind", "=", "cheque_received")
      .executeTakeFirstOrThrow();
    expect(plain(action.summary)).toBe(
      "Chèque de Boulangerie Dupont reçu le 28/06/2025, à encaisser : 150,00 € pour la facture F-2",
    );
  });

  it("confirmed (cashed): the payment is allocated, the balance moves and the pause is lifted", async () => {
    const id = await makeInvoice(ctx, org, dupont, { number: "F-3", total_cents: 20000 });
    const { payment } = await cheque(id, { cheque_number: "7654321" });
    const confirmed = await confirmDeclaredPayment({ ctx, org, userId: null, id: payment.id });
    expect(confirmed).toMatchObject({
      state: "confirmed",
      method: "cheque",
      reference: "7654321",
      amount_cents: 15000,
      allocations: [{ invoice_id: id, amount_cents: 15000 }],
    });
    expect(await invoiceRow(id)).toMatchObject({
      paid_cents: 15000,
      status: "partially_paid",
      hold_kind: null,
      hold_until: null,
      hold_reason: null,
    });
    const declared = await t.db.selectFrom("payment").select("id").where("id", "=", payment.id).execute();
    expect(declared).toEqual([]);
  });

  it("rejected (bounced or never came): the row goes, the balance stays and the reminders resume", async () => {
    const id = await makeInvoice(ctx, org, dupont, { number: "F-4", total_cents: 20000 });
    const { payment } = await cheque(id);
    await rejectDeclaredPayment({ ctx, org, userId: null, id: payment.id, reason: "Chèque impayé" });
    expect(await invoiceRow(id)).toMatchObject({ paid_cents: 0, status: "open", hold_kind: null });
    const left = await t.db.selectFrom("payment").select("id").where("id", "=", payment.id).execute();
    expect(left).toEqual([]);
  });

  it("two cheques for one invoice: the pause stays until the last one is settled", async () => {
    const id = await makeInvoice(ctx, org, dupont, { number: "F-5", total_cents: 30000 });
    const first = await cheque(id, { amount_cents: 10000 });
    const second = await cheque(id, { amount_cents: 10000 });
    expect(second.paused).toBe(false); // the first one's pause already runs as long
    await confirmDeclaredPayment({ ctx, org, userId: null, id: first.payment.id });
    expect(await invoiceRow(id)).toMatchObject({ paid_cents: 10000, hold_kind: "manual", hold_until: UNTIL });
    await rejectDeclaredPayment({ ctx, org, userId: null, id: second.payment.id });
    expect(await invoiceRow(id)).toMatchObject({ paid_cents: 10000, hold_kind: null });
  });

  it("keeps a longer pause set by the staff, and does not lift it on confirm", async () => {
    const id = await makeInvoice(ctx, org, dupont, { number: "F-6", total_cents: 20000 });
    await setHold({
      ctx,
      org,
      userId: null,
      target: { invoiceId: id },
      hold: { kind: "manual", until: "2025-08-31", reason: "Vu avec le client" },
    });
    const { payment, paused, hold_until } = await cheque(id);
    expect({ paused, hold_until }).toEqual({ paused: false, hold_until: "2025-08-31" });
    await confirmDeclaredPayment({ ctx, org, userId: null, id: payment.id });
    expect(await invoiceRow(id)).toMatchObject({
      hold_kind: "manual",
      hold_until: "2025-08-31",
      hold_reason: "Vu avec le client",
    });
  });

  it("accepts more than the balance, as the portal does: the rest stays on account at confirmation", async () => {
    const id = await makeInvoice(ctx, org, dupont, { number: "F-7", total_cents: 10000 });
    const { payment } = await cheque(id, { amount_cents: 12000 });
    const confirmed = await confirmDeclaredPayment({ ctx, org, userId: null, id: payment.id });
    expect(confirmed).toMatchObject({ amount_cents: 12000, allocated_cents: 10000 });
    expect(await invoiceRow(id)).toMatchObject({ paid_cents: 10000, status: "paid" });
  });

  it("refuses bad fields, unknown or foreign invoices, settled or cancelled ones — and writes nothing", async () => {
    const id = await makeInvoice(ctx, org, dupont, { number: "F-8", total_cents: 20000 });
    const paid = await makeInvoice(ctx, org, dupont, { number: "F-9", total_cents: 5000 });
    await recordPayment({
      ctx,
      org,
      invoice: { id: paid },
      amount: cents(5000),
      date: unwrap(parseIsoDate("2025-06-01")),
      method: "transfer",
    });
    const cancelled = await makeInvoice(ctx, org, dupont, { number: "F-10", total_cents: 5000 });
    await t.db.updateTable("invoice").set({ status: "cancelled" }).where("id", "=", cancelled).execute();
    const before = await counts();
    const hold = await invoiceRow(id);

    await refused(cheque(id, { amount_cents: 0 }), "invalid_input", "amount_cents");
    await refused(cheque(id, { amount_cents: -100 }), "invalid_input", "amount_cents");
    await refused(cheque(id, { amount_cents: 10.5 }), "invalid_input", "amount_cents");
    await refused(cheque(id, { received_on: "2025-02-30" }), "invalid_input", "received_on");
    await refused(cheque(id, { received_on: "30/06/2025" }), "invalid_input", "received_on");
    await refused(cheque(id, { received_on: "2025-07-01" }), "invalid_input", "received_on");
    await refused(cheque("0190aaaa-0000-7000-8000-000000000000"), "not_found");
    await refused(cheque(foreignInvoice), "not_found");
    await refused(cheque(paid), "conflict");
    await refused(cheque(cancelled), "conflict");
    await refused(
      recordReceivedCheque({
        ctx,
        org,
        userId: null,
        invoice: { number: "F-404" },
        input: { amount_cents: 100, received_on: TODAY },
      }),
      "not_found",
    );

    expect(await counts()).toEqual(before);
    expect(await invoiceRow(id)).toEqual(hold);
    expect(await invoiceRow(foreignInvoice)).toMatchObject({ hold_kind: null, paid_cents: 0 });
  });

  it("today in the organization's time zone is accepted", async () => {
    const id = await makeInvoice(ctx, org, dupont, { number: "F-11", total_cents: 20000 });
    const { payment } = await cheque(id, { received_on: TODAY });
    expect(payment.date).toBe(TODAY);
  });
});
