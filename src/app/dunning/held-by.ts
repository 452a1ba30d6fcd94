import { formatIsoDate } from "../../core/calendar.js";
import type { Locale } from "../../core/messages.js";
import type { Db } from "../../db/connect.js";
import { findLiveBillsOfInvoices } from "../../db/repositories/bills.js";
import { invoicesInOpenPlans } from "../../db/repositories/payment-plans.js";
import { invoicesInOpenCases } from "../../db/repositories/recovery.js";
import type { HoldKind } from "../../db/schema.js";
import { AppError } from "../errors.js";

/**
 * The refusal (409) when an invoice's hold belongs to something still in progress — a payment plan not finished, a
 * bill of exchange pending and not past its hold, a recovery case not closed — so that neither lifting it by hand
 * nor replacing it with a promise or a pause (whose end would resume the reminders) is allowed; those holds end
 * with what set them. Undefined when the hold is a promise, a pause, none, or one whose owner has ended.
 */
export async function heldInProgress(
  db: Db,
  orgId: string,
  invoice: { id: string; number: string; hold_kind: HoldKind | null; hold_until: string | null },
  today: string,
  locale: Locale,
): Promise<AppError | undefined> {
  const { id, number } = invoice;
  switch (invoice.hold_kind) {
    case "plan":
      if ((await invoicesInOpenPlans(db, orgId, [id])).length > 0)
        return new AppError("conflict", "hold.held_by_plan", { number });
      return undefined;
    case "bill": {
      if (invoice.hold_until !== null && invoice.hold_until < today) return undefined;
      const [bill] = await findLiveBillsOfInvoices(db, orgId, [id]);
      if (bill)
        return new AppError("conflict", "hold.held_by_bill", {
          number,
          due: formatIsoDate(bill.due_on, locale),
        });
      return undefined;
    }
    case "recovery": {
      const [kase] = await invoicesInOpenCases(db, orgId, [id]);
      if (kase)
        return new AppError("conflict", "hold.held_by_recovery", {
          number,
          date: formatIsoDate(kase.opened_on, locale),
        });
      return undefined;
    }
    default:
      return undefined;
  }
}
