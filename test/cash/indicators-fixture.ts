/**
 * A small hand-computed ledger for the cash indicators (the same as src/core/cash/indicators.test.ts, stored), as of
 * 2025-03-15:
 *
 * Alpha  F-I1 1 000 € issued 01-10 due 02-09; credit note 100 € 02-15; relance 1 (e-mail) 02-10, 500 € paid 02-20;
 *        mise en demeure (registered letter) 03-01, 400 € paid 03-05. F-I3 300 € issued 03-10 due 04-09, open.
 * Bravo  F-I2 500 € issued 02-01 due 03-03; a plan on the client naming F-I2 on 01-05, the pre-due reminder 02-24,
 *        paid 02-25 (before due: « avant échéance / sans relance »).
 *
 * January: DSO 1 000 ÷ 1 000 × 92 = 92, CEI null (0 ÷ 0). February: DSO 400 ÷ 1 400 × 90 = 25.7 → 26, CEI
 * (1 000 + 400 − 400) ÷ (1 000 + 400 − 0) = 71.4 %, collected 500 after relance 1 + 500 without. March (to 03-15):
 * DSO 300 ÷ 1 700 × 74 = 13.06 → 13, CEI 100 %, 400 after the mise en demeure. Alpha 16.8 days late on average.
 */
import type { AppContext } from "../../src/app/context.js";
import { newId } from "../../src/db/ids.js";
import { insertActions } from "../../src/db/repositories/actions.js";
import { addClient, addInvoice, addPayment } from "./fixture.js";

export const INDICATORS_AS_OF = "2025-03-15";

async function addAction(
  ctx: AppContext,
  orgId: string,
  f: { client: string; invoice: string | null; kind: string; on: string; data?: object },
): Promise<void> {
  const at = `${f.on}T09:00:00.000Z`;
  await insertActions(ctx.db, [
    {
      id: newId(),
      organization_id: orgId,
      client_id: f.client,
      invoice_id: f.invoice,
      user_id: null,
      kind: f.kind,
      occurred_on: f.on,
      occurred_at: at,
      summary: f.kind,
      data: JSON.stringify(f.data ?? {}),
      idempotency_key: null,
      created_at: at,
      updated_at: at,
    },
  ]);
}

export async function indicatorsFixture(ctx: AppContext, orgId: string): Promise<Record<string, string>> {
  const a = await addClient(ctx, orgId, "Alpha SARL", null);
  const b = await addClient(ctx, orgId, "Bravo SAS", null);
  const i1 = await addInvoice(ctx, orgId, a, "F-I1", {
    total: 1000_00,
    issue: "2025-01-10",
    due: "2025-02-09",
    status: "paid",
  });
  await addInvoice(ctx, orgId, a, "AV-I1", {
    total: -100_00,
    issue: "2025-02-15",
    due: "2025-02-15",
    kind: "credit_note",
    status: "paid",
    creditedInvoiceId: i1,
  });
  await addAction(ctx, orgId, { client: a, invoice: i1, kind: "email", on: "2025-02-10" });
  await addPayment(ctx, orgId, a, i1, "2025-02-20", 500_00);
  await addAction(ctx, orgId, { client: a, invoice: i1, kind: "registered_letter", on: "2025-03-01" });
  await addPayment(ctx, orgId, a, i1, "2025-03-05", 400_00);
  await addInvoice(ctx, orgId, a, "F-I3", { total: 300_00, issue: "2025-03-10", due: "2025-04-09" });

  const i2 = await addInvoice(ctx, orgId, b, "F-I2", {
    total: 500_00,
    issue: "2025-02-01",
    due: "2025-03-03",
    status: "paid",
  });
  await addAction(ctx, orgId, {
    client: b,
    invoice: null,
    kind: "plan_created",
    on: "2025-01-05",
    data: { invoices: ["F-I2"] },
  });
  const preDue = await ctx.db
    .selectFrom("dunning_step")
    .select("id")
    .where("organization_id", "=", orgId)
    .where("template_key", "=", "b2b.pre_due")
    .executeTakeFirst();
  await addAction(ctx, orgId, {
    client: b,
    invoice: i2,
    kind: "email",
    on: "2025-02-24",
    data: { step_id: preDue?.id ?? "none", offset_days: -5 },
  });
  await addPayment(ctx, orgId, b, i2, "2025-02-25", 500_00);
  return { a, b };
}

const steps = (s: Partial<Record<string, number>>) => ({
  none: 0,
  reminder_1: 0,
  reminder_2: 0,
  final_reminder: 0,
  call: 0,
  formal_notice: 0,
  plan: 0,
  bill: 0,
  litigation: 0,
  ...s,
});

/** The three months with something in them; the nine before are zeros, DSO and CEI null. */
export const EXPECTED_MONTHS = [
  {
    month: "2025-01",
    end: "2025-01-31",
    receivables_cents: 1000_00,
    current_receivables_cents: 1000_00,
    credit_sales_cents: 1000_00,
    dso_days: 92,
    cei_percent: null,
    collected_cents: 0,
    collected_by_step: steps({}),
  },
  {
    month: "2025-02",
    end: "2025-02-28",
    receivables_cents: 400_00,
    current_receivables_cents: 0,
    credit_sales_cents: 400_00,
    dso_days: 26,
    cei_percent: 71.4,
    collected_cents: 1000_00,
    collected_by_step: steps({ none: 500_00, reminder_1: 500_00 }),
  },
  {
    month: "2025-03",
    end: "2025-03-15",
    receivables_cents: 300_00,
    current_receivables_cents: 300_00,
    credit_sales_cents: 300_00,
    dso_days: 13,
    cei_percent: 100,
    collected_cents: 400_00,
    collected_by_step: steps({ formal_notice: 400_00 }),
  },
];

export const EXPECTED_SLOWEST = [
  { name: "Alpha SARL", average_days_late: 16.8, collected_cents: 900_00, payments: 2 },
  { name: "Bravo SAS", average_days_late: 0, collected_cents: 500_00, payments: 1 },
];
