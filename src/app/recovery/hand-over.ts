import type { Locale } from "../../core/messages.js";
import type { Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import type { RecoveryCaseDto } from "./present-case.js";
import { addProcedure } from "./record-procedure-step.js";

/**
 * Hands a case over to a commissaire de justice (`bailiff`) or a lawyer: the mandate (who, firm, e-mail, date) and
 * the agreed fees recorded as a procedure, the case at stage `handed_over`, its costs updated. The file to give them
 * is the hand-over ZIP (case-file.ts: summary PDF, invoices CSV, bordereau and pieces).
 */
export async function handOver(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  caseId: string;
  to: "bailiff" | "lawyer";
  mandatee: { name: string; firm?: string | null; email?: string | null };
  mandate_on?: string | null;
  fees_cents?: number;
  locale: Locale;
}): Promise<RecoveryCaseDto> {
  return addProcedure({
    ctx: options.ctx,
    org: options.org,
    userId: options.userId,
    caseId: options.caseId,
    kind: options.to,
    locale: options.locale,
    fields: {
      mandatee_name: options.mandatee.name,
      mandatee_firm: options.mandatee.firm ?? null,
      mandatee_email: options.mandatee.email ?? null,
      ...(options.mandate_on ? { mandate_on: options.mandate_on } : {}),
      ...(options.fees_cents !== undefined ? { fees_cents: options.fees_cents } : {}),
    },
  });
}
