import type { PlainDate } from "../../core/calendar.js";
import { normalizeName } from "../../core/clients/normalize-name.js";
import type { Locale } from "../../core/messages.js";
import { findClient, findClientsByNormalizedName } from "../../db/repositories/clients.js";
import { listInvoices } from "../../db/repositories/invoices.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { AppError, isAppError } from "../errors.js";
import { claimOf, type InvoiceClaimDto } from "./claim-for-invoice.js";
import { loadRateTable } from "./load-rate-table.js";

export interface ClientClaimsDto {
  client: { id: string; name: string; kind: string };
  as_of: string;
  claims: InvoiceClaimDto[];
  /** Invoices whose claim could not be computed (a semester without a known rate…), with the reason. */
  failures: { invoice_id: string; number: string; code: string; message: string }[];
  principal_cents: number;
  penalty_cents: number;
  indemnity_cents: number;
  interest_cents: number;
  total_claim_cents: number;
}

export interface ClaimsForClientOptions {
  ctx: AppContext;
  org: Organization;
  /** The client's id or name (compared without case, accents or punctuation). */
  client: string;
  asOf?: PlainDate;
  locale?: Locale;
}

/** One claim per open invoice of a client (credit notes aside), and their totals. */
export async function claimsForClient(options: ClaimsForClientOptions): Promise<ClientClaimsDto> {
  const { ctx, org } = options;
  const locale = options.locale ?? ctx.locale;
  const client = await resolveClient(options);
  const asOf = options.asOf ?? todayFor(ctx, org.time_zone);
  const rates = await loadRateTable({ db: ctx.db, orgId: org.id });
  const invoices = await listInvoices(ctx.db, org.id, {
    today: todayFor(ctx, org.time_zone).toString(),
    clientId: client.id,
    open: true,
    limit: 100_000,
  });
  const claims: InvoiceClaimDto[] = [];
  const failures: ClientClaimsDto["failures"] = [];
  for (const invoice of invoices) {
    if (invoice.kind === "credit_note") continue;
    try {
      claims.push(await claimOf(ctx, org, invoice, rates, asOf, locale));
    } catch (error) {
      if (!isAppError(error) || error.code !== "invalid_input") throw error;
      failures.push({
        invoice_id: invoice.id,
        number: invoice.number,
        code: error.messageCode,
        message: error.localized(locale),
      });
    }
  }
  const sum = (f: (c: InvoiceClaimDto) => number) => claims.reduce((s, c) => s + f(c), 0);
  return {
    client: { id: client.id, name: client.name, kind: client.kind },
    as_of: asOf.toString(),
    claims,
    failures,
    principal_cents: sum((c) => c.balance_cents),
    penalty_cents: sum((c) => c.penalty_cents),
    indemnity_cents: sum((c) => c.indemnity_cents),
    interest_cents: sum((c) => c.interest_cents),
    total_claim_cents: sum((c) => c.total_claim_cents),
  };
}

async function resolveClient(options: ClaimsForClientOptions) {
  const { ctx, org } = options;
  const byName = await findClientsByNormalizedName(ctx.db, org.id, [normalizeName(options.client)]);
  if (byName.length > 1) {
    throw new AppError("invalid_input", "lawui.client_ambiguous", {
      clients: byName.map((c) => `${c.name} (${c.id})`).join(", "),
    });
  }
  const found =
    byName[0] ?? (options.client.length <= 64 ? await findClient(ctx.db, org.id, options.client) : undefined);
  if (!found) throw new AppError("not_found", "client.not_found");
  return found;
}
