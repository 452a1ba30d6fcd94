import type { Locale } from "../../core/messages.js";
import type { Db } from "../../db/connect.js";
import { findClient } from "../../db/repositories/clients.js";
import {
  findOpenRecoveryCase,
  findRecoveryCase,
  listRecoveryCases,
  listRecoveryProcedures,
  type RecoveryCaseRow,
} from "../../db/repositories/recovery.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { AppError } from "../errors.js";
import { loadCaseFacts } from "./case-facts.js";
import { presentView } from "./get-litigation-view.js";
import { caseInvoiceIds, presentCase, type RecoveryCaseDto } from "./present-case.js";

async function present(
  ctx: AppContext,
  org: Organization,
  row: RecoveryCaseRow,
  locale: Locale,
  db: Db,
): Promise<RecoveryCaseDto> {
  const today = todayFor(ctx, org.time_zone);
  const facts = await loadCaseFacts({
    ctx: { ...ctx, db },
    org,
    clientId: row.client_id,
    invoiceIds: caseInvoiceIds(row),
    locale,
  });
  const procedures = await listRecoveryProcedures(db, org.id, [row.id]);
  return presentCase(row, procedures, presentView(facts, row.closed_on ? null : row.id), today, locale);
}

/** One case of the organization with its procedures and its litigation view; 404 otherwise. */
export async function getCase(options: {
  ctx: AppContext;
  org: Organization;
  id: string;
  locale: Locale;
  db?: Db;
}): Promise<RecoveryCaseDto> {
  const db = options.db ?? options.ctx.db;
  const row = await findRecoveryCase(db, options.org.id, options.id);
  if (!row) throw new AppError("not_found", "recovery.case_not_found");
  return present(options.ctx, options.org, row, options.locale, db);
}

/** The open case of a client (404 when it has none). */
export async function getOpenCaseOfClient(options: {
  ctx: AppContext;
  org: Organization;
  clientId: string;
  locale: Locale;
}): Promise<RecoveryCaseDto> {
  const { ctx, org } = options;
  const row = await findOpenRecoveryCase(ctx.db, org.id, options.clientId);
  if (!row) throw new AppError("not_found", "recovery.no_open_case");
  return present(ctx, org, row, options.locale, ctx.db);
}

/** Cases, newest first (of a client; open only), without their views: the list. */
export async function listCases(options: {
  ctx: AppContext;
  org: Organization;
  clientId?: string;
  open?: boolean;
}): Promise<
  {
    id: string;
    client_id: string;
    client_name: string;
    stage: string;
    outcome: string | null;
    opened_on: string;
    closed_on: string | null;
    costs_cents: number;
  }[]
> {
  const { ctx, org } = options;
  if (options.clientId && !(await findClient(ctx.db, org.id, options.clientId)))
    throw new AppError("not_found", "client.not_found");
  const rows = await listRecoveryCases(ctx.db, org.id, {
    limit: 1000,
    ...(options.clientId ? { clientId: options.clientId } : {}),
    ...(options.open ? { open: true } : {}),
  });
  const names = new Map<string, string>();
  for (const r of rows) {
    if (!names.has(r.client_id))
      names.set(r.client_id, (await findClient(ctx.db, org.id, r.client_id))?.name ?? "");
  }
  return rows.map((r) => ({
    id: r.id,
    client_id: r.client_id,
    client_name: names.get(r.client_id) ?? "",
    stage: r.stage,
    outcome: r.outcome,
    opened_on: r.opened_on,
    closed_on: r.closed_on,
    costs_cents: Number(r.costs_cents),
  }));
}
