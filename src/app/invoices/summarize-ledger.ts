import { toIso } from "../../core/calendar.js";
import { ledgerTotals } from "../../db/repositories/invoices.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";

/** What is owed to the organization today, and what of it is overdue. */
export async function summarizeLedger(options: { ctx: AppContext; org: Organization }) {
  const { ctx, org } = options;
  return ledgerTotals(ctx.db, org.id, toIso(todayFor(ctx, org.time_zone)));
}
