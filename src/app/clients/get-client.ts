import { toIso } from "../../core/calendar.js";
import { averageDaysLate } from "../../core/clients/payment-delay.js";
import type { Db } from "../../db/connect.js";
import {
  clientInvoiceStats,
  findClient,
  listContacts,
  paidInvoicesLastPayment,
} from "../../db/repositories/clients.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { AppError } from "../errors.js";
import { scoreOf, summarizeScore } from "./client-scores.js";
import { type ClientDetailDto, presentClientDetail } from "./present-client.js";

/** A client with its contacts and what it owes, as of today in the organization's time zone. */
export async function getClient(options: {
  ctx: AppContext;
  org: Organization;
  id: string;
}): Promise<ClientDetailDto> {
  return loadClientDetail(options.ctx, options.ctx.db, options.org, options.id);
}

/** The detail read with `db` (a transaction's, right after a write). */
export async function loadClientDetail(
  ctx: AppContext,
  db: Db,
  org: Organization,
  id: string,
): Promise<ClientDetailDto> {
  const client = await findClient(db, org.id, id);
  if (!client) throw new AppError("not_found", "client.not_found");
  const day = todayFor(ctx, org.time_zone);
  const today = toIso(day);
  // One after the other: `db` may be a transaction, which runs one query at a time.
  const contacts = await listContacts(db, org.id, id);
  const stats = await clientInvoiceStats(db, org.id, id, today);
  const paid = await paidInvoicesLastPayment(db, org.id, id);
  const score = await scoreOf(db, org.id, id, day);
  return presentClientDetail(
    client,
    contacts,
    {
      ...stats,
      average_days_late: averageDaysLate(
        paid.map((p) => ({ due_date: p.due_date, paid_on: p.last_payment_date })),
      ),
    },
    summarizeScore(score),
  );
}
