import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { newId } from "../../src/db/ids.js";
import { insertClients, newClientRow } from "../../src/db/repositories/clients.js";
import { insertInvoicesSkippingExisting } from "../../src/db/repositories/invoices.js";
import { insertAllocations, insertPayments } from "../../src/db/repositories/payments.js";
import type { InvoiceKind, InvoiceStatus, PaymentState } from "../../src/db/schema.js";
import { testDialects } from "../support/databases.js";
import { type Agent, memberWithRole, signUp, startTestServer, type TestServer } from "../support/http.js";

const AT = "2025-06-01T00:00:00.000Z";

interface Dashboard {
  today: string;
  outstanding_cents: number;
  overdue_cents: number;
  due_this_week_cents: number;
  collected_this_month_cents: number;
  aging: { bucket: string; cents: number; count: number }[];
  dso_days: number | null;
  late_clients: { client_id: string; name: string; overdue_cents: number; max_days_late: number }[];
  today_actions: {
    kind: string;
    title: string;
    client_id: string | null;
    client: string | null;
    invoice_id: string | null;
    number: string | null;
    amount_cents: number | null;
    due_on: string | null;
  }[];
  counts: { clients: number; invoices: number };
}

/** Direct inserts: the dashboard reads what is stored, whichever route or import stored it. */
class Ledger {
  constructor(
    readonly ctx: AppContext,
    readonly orgId: string,
  ) {}

  async client(name: string, fields: { hold_until?: string } = {}): Promise<string> {
    const id = newId();
    const row = newClientRow({ id, organization_id: this.orgId, kind: "business", name, siren: null }, AT);
    await insertClients(this.ctx.db, [
      { ...row, hold_kind: fields.hold_until ? "manual" : null, hold_until: fields.hold_until ?? null },
    ]);
    return id;
  }

  async invoice(
    clientId: string,
    number: string,
    f: {
      total: number;
      due: string;
      issue?: string | null;
      paid?: number;
      credited?: number;
      status?: InvoiceStatus;
      kind?: InvoiceKind;
      disputed?: boolean;
      creditedInvoiceId?: string;
    },
  ): Promise<string> {
    const id = newId();
    const paid = f.paid ?? 0;
    const credited = f.credited ?? 0;
    const status: InvoiceStatus =
      f.status ?? (paid + credited >= f.total ? "paid" : paid + credited > 0 ? "partially_paid" : "open");
    await insertInvoicesSkippingExisting(this.ctx.db, [
      {
        id,
        organization_id: this.orgId,
        client_id: clientId,
        quote_id: null,
        kind: f.kind ?? "invoice",
        number,
        issue_date: f.issue === undefined ? "2025-06-01" : f.issue,
        delivery_date: null,
        due_date: f.due,
        currency: "EUR",
        total_ht_cents: null,
        total_vat_cents: null,
        total_ttc_cents: f.total,
        paid_cents: paid,
        credited_cents: credited,
        credited_invoice_id: f.creditedInvoiceId ?? null,
        status,
        penalty_clause: "default",
        indemnity_applies: 1,
        source: "created",
        disputed: f.disputed ? 1 : 0,
        notes: null,
        created_at: AT,
        updated_at: AT,
      },
    ]);
    return id;
  }

  async payment(
    clientId: string,
    date: string,
    amount: number,
    f: { invoiceId?: string; state?: PaymentState; source?: string } = {},
  ): Promise<void> {
    const id = newId();
    await insertPayments(this.ctx.db, [
      {
        id,
        organization_id: this.orgId,
        client_id: clientId,
        date,
        amount_cents: amount,
        method: "transfer",
        reference: null,
        payer: null,
        state: f.state ?? "confirmed",
        source: f.source ?? "manual",
        created_at: AT,
        updated_at: AT,
      },
    ]);
    if (f.invoiceId) {
      await insertAllocations(this.ctx.db, [
        {
          id: newId(),
          organization_id: this.orgId,
          payment_id: id,
          invoice_id: f.invoiceId,
          amount_cents: amount,
          created_at: AT,
          updated_at: AT,
        },
      ]);
    }
  }

  async task(
    title: string,
    dueOn: string,
    f: { clientId?: string; invoiceId?: string; state?: "open" | "done" } = {},
  ) {
    await this.ctx.db
      .insertInto("task")
      .values({
        id: newId(),
        organization_id: this.orgId,
        client_id: f.clientId ?? null,
        invoice_id: f.invoiceId ?? null,
        kind: "call",
        title,
        due_on: dueOn,
        state: f.state ?? "open",
        assignee_user_id: null,
        created_at: AT,
        updated_at: AT,
      })
      .execute();
  }
}

const bucket = (d: Dashboard, name: string) => d.aging.find((a) => a.bucket === name);

describe.each(testDialects())("GET /api/v1/dashboard on %s", (dialect) => {
  let srv: TestServer;
  let owner: Agent;
  let ledger: Ledger;
  let other: Agent;
  const ids: Record<string, string> = {};
  const clients: Record<string, string> = {};

  // Today is Monday 2025-06-30 (the test clock, Europe/Paris): the week ends 2025-07-06, the month began
  // 2025-06-01, the DSO period is 2025-04-02 … 2025-06-30 (90 days).
  // Amounts, in cents: each invoice's balance is total − paid − credited.
  const N1 = 1000_00; // due 07-06 (today + 6), not due
  const N2 = 2000_00; // due 07-07 (today + 7), 500 € paid today → balance 1 500 €
  const N2_PAID = 500_00;
  const N3 = 300_00; // due today
  const L30 = 400_00; // 30 days late
  const L31 = 500_00; // 31 days late, issued 04-02 (first day of the DSO period)
  const L60 = 600_00; // 60 days late, 100 € paid on 05-31, issued 04-01 (before the DSO period)
  const L60_PAID = 100_00;
  const L61 = 700_00; // 61 days late
  const L90 = 800_00; // 90 days late
  const L91 = 900_00; // 91 days late, 200 € credit note
  const L91_CREDIT = 200_00;
  const L8 = 1100_00; // 8 days late
  const L9 = 1200_00; // 9 days late
  const L1D = 1300_00; // 1 day late, disputed
  const L5 = 100_00; // 5 days late (client F)
  const L15H = 150_00; // 15 days late, client G on hold
  const P = 5000_00; // paid in full on 06-01
  const X = 9999_00; // cancelled

  beforeAll(async () => {
    srv = await startTestServer(dialect);
    owner = await signUp(srv.app, { organization: "Plomberie Martin" });
    ledger = new Ledger(srv.ctx, owner.orgId);
    const c = clients;
    c.A = await ledger.client("Alpha SARL");
    c.B = await ledger.client("Bravo SAS");
    c.C = await ledger.client("Charlie EURL");
    c.D = await ledger.client("Delta SA");
    c.E = await ledger.client("Echo SARL");
    c.F = await ledger.client("Foxtrot");
    c.G = await ledger.client("Golf (en pause)", { hold_until: "2025-07-31" });
    const a = c.A as string;
    const b = c.B as string;
    const cc = c.C as string;
    const d = c.D as string;
    const e = c.E as string;
    ids.N1 = await ledger.invoice(a, "N1", { total: N1, due: "2025-07-06", issue: "2025-06-06" });
    ids.N2 = await ledger.invoice(a, "N2", {
      total: N2,
      due: "2025-07-07",
      issue: "2025-06-07",
      paid: N2_PAID,
    });
    ids.N3 = await ledger.invoice(b, "N3", { total: N3, due: "2025-06-30", issue: "2025-05-31" });
    ids.L30 = await ledger.invoice(b, "L30", { total: L30, due: "2025-05-31", issue: "2025-05-01" });
    ids.L31 = await ledger.invoice(cc, "L31", { total: L31, due: "2025-05-30", issue: "2025-04-02" });
    ids.L60 = await ledger.invoice(cc, "L60", {
      total: L60,
      due: "2025-05-01",
      issue: "2025-04-01",
      paid: L60_PAID,
    });
    ids.L61 = await ledger.invoice(d, "L61", { total: L61, due: "2025-04-30", issue: "2025-03-31" });
    ids.L90 = await ledger.invoice(d, "L90", { total: L90, due: "2025-04-01", issue: "2025-03-02" });
    ids.L91 = await ledger.invoice(d, "L91", {
      total: L91,
      due: "2025-03-31",
      issue: "2025-03-01",
      credited: L91_CREDIT,
    });
    // the credit note itself: negative, and left "open" on purpose — it must never be summed
    await ledger.invoice(d, "AV-1", {
      total: -L91_CREDIT,
      due: "2025-06-15",
      issue: "2025-06-15",
      kind: "credit_note",
      status: "open",
      creditedInvoiceId: ids.L91,
    });
    ids.L8 = await ledger.invoice(e, "L8", { total: L8, due: "2025-06-22", issue: "2025-05-23" });
    ids.L9 = await ledger.invoice(e, "L9", { total: L9, due: "2025-06-21", issue: "2025-05-22" });
    ids.L1D = await ledger.invoice(a, "L1D", {
      total: L1D,
      due: "2025-06-29",
      issue: "2025-05-30",
      disputed: true,
    });
    ids.L5 = await ledger.invoice(c.F as string, "L5", { total: L5, due: "2025-06-25", issue: "2025-05-26" });
    ids.L15H = await ledger.invoice(c.G as string, "L15H", {
      total: L15H,
      due: "2025-06-15",
      issue: "2025-05-16",
    });
    ids.P = await ledger.invoice(b, "P", { total: P, due: "2025-06-10", issue: "2025-06-01", paid: P });
    await ledger.invoice(b, "X", { total: X, due: "2025-06-20", issue: "2025-06-20", status: "cancelled" });

    // payments: the 1st of the month and today count; the last day of last month, a declared payment, a
    // credit-note settlement and a payment dated tomorrow do not
    await ledger.payment(b, "2025-06-01", P, { invoiceId: ids.P });
    await ledger.payment(a, "2025-06-30", N2_PAID, { invoiceId: ids.N2 });
    await ledger.payment(cc, "2025-05-31", L60_PAID, { invoiceId: ids.L60 });
    await ledger.payment(b, "2025-06-15", 50_00, { state: "declared" });
    await ledger.payment(d, "2025-06-15", 75_00, { source: "credit_note" });
    await ledger.payment(b, "2025-07-01", 70_00);

    // tasks: open and due on or before today count; later, done and other organizations' do not
    await ledger.task("Appeler Charlie", "2025-06-28", { clientId: cc, invoiceId: ids.L31 });
    await ledger.task("Envoyer le relevé", "2025-06-30", { clientId: b });
    await ledger.task("Plus tard", "2025-07-01", { clientId: a });
    await ledger.task("Déjà fait", "2025-06-29", { clientId: a, state: "done" });

    // another organization's ledger, which must never count
    other = await signUp(srv.app, { organization: "Autre SARL" });
    const foreign = new Ledger(srv.ctx, other.orgId);
    const z = await foreign.client("Zoulou SA");
    const zi = await foreign.invoice(z, "L8", { total: 77_777_00, due: "2025-06-22", issue: "2025-06-01" });
    await foreign.invoice(z, "Z2", { total: 1_00, due: "2025-07-01", issue: "2025-06-01" });
    await foreign.payment(z, "2025-06-10", 1_000_00, { invoiceId: zi });
    await foreign.task("Tâche d'une autre entreprise", "2025-06-01", { clientId: z });
  });
  afterAll(async () => srv?.close());

  it("sums what is owed, overdue, due this week and collected this month", async () => {
    const res = await owner.get("/api/v1/dashboard");
    expect(res.statusCode).toBe(200);
    const d = res.json() as Dashboard;
    expect(d.today).toBe("2025-06-30");
    const notDue = N1 + (N2 - N2_PAID) + N3;
    const late1to30 = L30 + L8 + L9 + L1D + L5 + L15H;
    const late31to60 = L31 + (L60 - L60_PAID);
    const late61to90 = L61 + L90;
    const over90 = L91 - L91_CREDIT;
    expect(d.outstanding_cents).toBe(notDue + late1to30 + late31to60 + late61to90 + over90);
    expect(d.outstanding_cents).toBe(10_250_00);
    expect(d.overdue_cents).toBe(late1to30 + late31to60 + late61to90 + over90);
    // due today and due today + 6 count; today + 7 does not
    expect(d.due_this_week_cents).toBe(N3 + N1);
    // the 1st of the month and today; not 05-31, not declared, not a credit note, not tomorrow
    expect(d.collected_this_month_cents).toBe(P + N2_PAID);
    expect(d.counts).toEqual({ clients: 7, invoices: 16 });
  });

  it("splits the open balance into the five aging buckets, edges included", async () => {
    const d = (await owner.get("/api/v1/dashboard")).json() as Dashboard;
    expect(d.aging.map((a) => a.bucket)).toEqual(["not_due", "1_30", "31_60", "61_90", "over_90"]);
    expect(bucket(d, "not_due")).toEqual({ bucket: "not_due", cents: N1 + (N2 - N2_PAID) + N3, count: 3 });
    // 30 days late is still 1–30; 31 is 31–60; 60 → 31–60; 61 → 61–90; 90 → 61–90; 91 → over 90
    expect(bucket(d, "1_30")).toEqual({ bucket: "1_30", cents: L30 + L8 + L9 + L1D + L5 + L15H, count: 6 });
    expect(bucket(d, "31_60")).toEqual({ bucket: "31_60", cents: L31 + (L60 - L60_PAID), count: 2 });
    expect(bucket(d, "61_90")).toEqual({ bucket: "61_90", cents: L61 + L90, count: 2 });
    expect(bucket(d, "over_90")).toEqual({ bucket: "over_90", cents: L91 - L91_CREDIT, count: 1 });
  });

  it("computes DSO over the invoices issued in the last 90 days", async () => {
    const d = (await owner.get("/api/v1/dashboard")).json() as Dashboard;
    // issued 2025-04-02 … 2025-06-30, cancelled and credit notes excepted: L60 (04-01) and older are out
    const invoiced = N1 + N2 + N3 + L30 + L31 + L8 + L9 + L1D + L5 + L15H + P;
    expect(invoiced).toBe(13_050_00);
    // 10 250 / 13 050 × 90 = 70.69 → 71
    expect(d.dso_days).toBe(Math.round((d.outstanding_cents / invoiced) * 90));
    expect(d.dso_days).toBe(71);
  });

  it("lists the five clients owing the most overdue money", async () => {
    const d = (await owner.get("/api/v1/dashboard")).json() as Dashboard;
    expect(d.late_clients).toEqual([
      { client_id: clients.E, name: "Echo SARL", overdue_cents: L8 + L9, max_days_late: 9 },
      {
        client_id: clients.D,
        name: "Delta SA",
        overdue_cents: L61 + L90 + L91 - L91_CREDIT,
        max_days_late: 91,
      },
      { client_id: clients.A, name: "Alpha SARL", overdue_cents: L1D, max_days_late: 1 },
      { client_id: clients.C, name: "Charlie EURL", overdue_cents: L31 + L60 - L60_PAID, max_days_late: 60 },
      { client_id: clients.B, name: "Bravo SAS", overdue_cents: L30, max_days_late: 30 },
    ]);
  });

  it("lists today's actions: due today, exactly 1/8/15/30 days late, tasks due — largest first", async () => {
    const d = (await owner.get("/api/v1/dashboard")).json() as Dashboard;
    expect(d.today_actions).toEqual([
      // a payment declared on the portal awaiting verification comes first
      {
        kind: "declared_payment",
        title: "Paiement déclaré sur le portail à vérifier",
        client_id: clients.B,
        client: "Bravo SAS",
        invoice_id: null,
        number: null,
        amount_cents: 50_00,
        due_on: "2025-06-15",
        payment_id: expect.any(String),
      },
      {
        kind: "reminder",
        title: "Relance ferme",
        client_id: clients.E,
        client: "Echo SARL",
        invoice_id: ids.L8,
        number: "L8",
        amount_cents: L8,
        due_on: "2025-06-22",
        payment_id: null,
      },
      {
        kind: "task",
        title: "Appeler Charlie",
        client_id: clients.C,
        client: "Charlie EURL",
        invoice_id: ids.L31,
        number: "L31",
        amount_cents: L31,
        due_on: "2025-06-28",
        payment_id: null,
      },
      {
        kind: "formal_notice",
        title: "Mise en demeure à préparer",
        client_id: clients.B,
        client: "Bravo SAS",
        invoice_id: ids.L30,
        number: "L30",
        amount_cents: L30,
        due_on: "2025-05-31",
        payment_id: null,
      },
      {
        kind: "due_today",
        title: "Échéance aujourd'hui",
        client_id: clients.B,
        client: "Bravo SAS",
        invoice_id: ids.N3,
        number: "N3",
        amount_cents: N3,
        due_on: "2025-06-30",
        payment_id: null,
      },
      {
        kind: "task",
        title: "Envoyer le relevé",
        client_id: clients.B,
        client: "Bravo SAS",
        invoice_id: null,
        number: null,
        amount_cents: null,
        due_on: "2025-06-30",
        payment_id: null,
      },
    ]);
    const numbers = d.today_actions.map((a) => a.number);
    expect(numbers).not.toContain("L9"); // 9 days late: no step today
    expect(numbers).not.toContain("L1D"); // 1 day late but disputed
    expect(numbers).not.toContain("L15H"); // 15 days late but the client is on hold
  });

  it("leaves out of today's actions an invoice held on its own, until further notice or until a date", async () => {
    const db = srv.ctx.db;
    const hold = (hold_kind: "recovery" | "manual" | null, hold_until: string | null) =>
      db
        .updateTable("invoice")
        .set({ hold_kind, hold_until })
        .where("id", "=", ids.L8 as string)
        .execute();
    const numbers = async () =>
      ((await owner.get("/api/v1/dashboard")).json() as Dashboard).today_actions.map((a) => a.number);
    try {
      await hold("recovery", null); // a recovery case: no end date
      expect(await numbers()).not.toContain("L8");
      await hold("manual", "2025-07-15");
      expect(await numbers()).not.toContain("L8");
      await hold("manual", "2025-06-29"); // ended yesterday
      expect(await numbers()).toContain("L8");
    } finally {
      await hold(null, null);
    }
    expect(await numbers()).toContain("L8");
  });

  it("words the actions in the request's language", async () => {
    const d = (
      await owner.get("/api/v1/dashboard", { headers: { "accept-language": "en" } })
    ).json() as Dashboard;
    expect(d.today_actions.map((a) => a.title)).toEqual([
      "Payment declared on the portal, to verify",
      "Firm reminder",
      "Appeler Charlie",
      "Formal notice to prepare",
      "Due today",
      "Envoyer le relevé",
    ]);
  });

  it("a new credit note lowers what is owed by its amount, and is not summed itself", async () => {
    const before = (await owner.get("/api/v1/dashboard")).json() as Dashboard;
    const credit = 250_00;
    await srv.ctx.db
      .updateTable("invoice")
      .set({ credited_cents: credit, status: "partially_paid" })
      .where("id", "=", ids.L9 as string)
      .execute();
    await ledger.invoice(clients.E as string, "AV-2", {
      total: -credit,
      due: "2025-06-30",
      issue: "2025-06-30",
      kind: "credit_note",
      status: "open",
      creditedInvoiceId: ids.L9,
    });
    const after = (await owner.get("/api/v1/dashboard")).json() as Dashboard;
    expect(after.outstanding_cents).toBe(before.outstanding_cents - credit);
    expect(after.overdue_cents).toBe(before.overdue_cents - credit);
    expect(bucket(after, "1_30")?.cents).toBe((bucket(before, "1_30")?.cents ?? 0) - credit);
    expect(bucket(after, "1_30")?.count).toBe(bucket(before, "1_30")?.count);
    expect(after.due_this_week_cents).toBe(before.due_this_week_cents);
    expect(after.counts.invoices).toBe(before.counts.invoices);
    await srv.ctx.db
      .updateTable("invoice")
      .set({ credited_cents: 0, status: "open" })
      .where("id", "=", ids.L9 as string)
      .execute();
    await srv.ctx.db.deleteFrom("invoice").where("number", "=", "AV-2").execute();
  });

  it("another organization sees its own ledger only", async () => {
    const d = (await other.get("/api/v1/dashboard")).json() as Dashboard;
    expect(d.outstanding_cents).toBe(77_777_00 + 1_00);
    expect(d.overdue_cents).toBe(77_777_00);
    expect(d.collected_this_month_cents).toBe(1_000_00);
    expect(d.counts).toEqual({ clients: 1, invoices: 2 });
    expect(d.late_clients.map((c) => c.name)).toEqual(["Zoulou SA"]);
    expect(d.today_actions.map((a) => a.title)).toEqual(["Relance ferme", "Tâche d'une autre entreprise"]);
  });

  it("an empty ledger answers zeros, no DSO and all five buckets", async () => {
    const empty = await signUp(srv.app, { organization: "Nouvelle SARL" });
    const res = await empty.get("/api/v1/dashboard");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      today: "2025-06-30",
      outstanding_cents: 0,
      overdue_cents: 0,
      due_this_week_cents: 0,
      collected_this_month_cents: 0,
      aging: [
        { bucket: "not_due", cents: 0, count: 0 },
        { bucket: "1_30", cents: 0, count: 0 },
        { bucket: "31_60", cents: 0, count: 0 },
        { bucket: "61_90", cents: 0, count: 0 },
        { bucket: "over_90", cents: 0, count: 0 },
      ],
      dso_days: null,
      late_clients: [],
      today_actions: [],
      counts: { clients: 0, invoices: 0 },
    });
  });

  it("follows the organization's calendar: a month later, the month and the week move", async () => {
    const later = await startTestServer(dialect, { now: "2025-07-01T08:00:00Z" });
    try {
      const agent = await signUp(later.app);
      const l = new Ledger(later.ctx, agent.orgId);
      const c = await l.client("Client");
      const inv = await l.invoice(c, "F-1", { total: 1000_00, due: "2025-07-08", issue: "2025-06-30" });
      await l.payment(c, "2025-06-30", 400_00, { invoiceId: inv });
      await l.payment(c, "2025-07-01", 100_00, { invoiceId: inv });
      const d = (await agent.get("/api/v1/dashboard")).json() as Dashboard;
      expect(d.today).toBe("2025-07-01");
      expect(d.collected_this_month_cents).toBe(100_00);
      // due 07-08 = today + 7: not this week
      expect(d.due_this_week_cents).toBe(0);
    } finally {
      await later.close();
    }
  });

  it("needs a session; every role may read it", async () => {
    const anonymous = await srv.app.inject({ method: "GET", url: "/api/v1/dashboard" });
    expect(anonymous.statusCode).toBe(401);
    const viewer = await memberWithRole(owner, "viewer");
    const res = await viewer.get("/api/v1/dashboard");
    expect(res.statusCode).toBe(200);
    expect((res.json() as Dashboard).outstanding_cents).toBe(10_250_00);
  });

  it("refuses unknown query parameters", async () => {
    const res = await owner.get("/api/v1/dashboard?foo=1");
    expect(res.statusCode).toBe(400);
  });
});
