import type { Allocation, Candidate } from "../../core/matching/types.js";
import { type Cents, formatEuros } from "../../core/money.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError, invalidFields } from "../errors.js";
import { applyBankMatch } from "./apply-bank-match.js";

/**
 * The user confirms a bank line's match (docs/statements.md): the proposal as stored, or invoices chosen by hand —
 * a split over several invoices of one client, each part within its balance, Σ ≤ the line's amount (the rest stays
 * on the client's account). Recorded like an automatic match (apply-bank-match.ts) and the payer's name is learned
 * for the client, so the next payment from that payer is recognised.
 */
export async function confirmBankMatch(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  lineId: string;
  allocations?: { invoice_id: string; amount_cents: number }[];
}): Promise<{ payment_id: string }> {
  const { ctx, org } = options;
  const at = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const line = await trx
      .selectFrom("bank_transaction")
      .selectAll()
      .where("organization_id", "=", org.id)
      .where("id", "=", options.lineId)
      .executeTakeFirst();
    if (!line) throw new AppError("not_found", "bank.line_not_found");
    let allocations: Allocation[];
    let score = 100;
    let reasons: Candidate["reasons"] = [];
    if (options.allocations) {
      const numbers = await trx
        .selectFrom("invoice")
        .select(["id", "number"])
        .where("organization_id", "=", org.id)
        .where(
          "id",
          "in",
          options.allocations.map((a) => a.invoice_id),
        )
        .execute();
      const numberOf = new Map(numbers.map((n) => [n.id, n.number]));
      allocations = options.allocations.map((a) => ({
        id: a.invoice_id,
        number: numberOf.get(a.invoice_id) ?? "",
        amount_cents: a.amount_cents,
      }));
    } else {
      const stored = line.match_reasons
        ? (JSON.parse(line.match_reasons) as { best?: Candidate | null })
        : {};
      if (!stored.best || line.match_state !== "proposed")
        throw new AppError("conflict", "bank.nothing_proposed");
      allocations = stored.best.invoices;
      score = stored.best.score;
      reasons = stored.best.reasons;
    }
    const total = allocations.reduce((n, a) => n + a.amount_cents, 0);
    if (total > Number(line.amount_cents)) {
      throw invalidFields([
        {
          path: "allocations",
          messageCode: "bank.allocations_exceed_line",
          params: {
            allocated: formatEuros(total as Cents, "fr"),
            amount: formatEuros(Number(line.amount_cents) as Cents, "fr"),
          },
        },
      ]);
    }
    const applied = await applyBankMatch({
      ctx,
      trx,
      org,
      userId: options.userId,
      line,
      allocations,
      score,
      reasons,
      learnName: true,
      at,
    });
    return { payment_id: applied.payment_id };
  });
}
