import { Readable } from "node:stream";
import { toIso } from "../../core/calendar.js";
import { formatMessage } from "../../core/messages.js";
import { slugify } from "../../core/slug.js";
import { newId } from "../../db/ids.js";
import { insertActions } from "../../db/repositories/actions.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { findClient } from "../../db/repositories/clients.js";
import { insertDocument } from "../../db/repositories/documents.js";
import { linkPlanDocument, listInstallments, listPlanInvoices } from "../../db/repositories/payment-plans.js";
import type { Organization } from "../../db/schema.js";
import type { AcknowledgementInput } from "../../pdf/acknowledgement.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { commitStagedFile, removeFile, stageFile } from "../documents/file-store.js";
import { openDocument } from "../documents/open-document.js";
import type { DocumentDto } from "../documents/present-document.js";
import { AppError } from "../errors.js";
import { localeOf, requirePlan } from "./plan-transitions.js";

const addressLines = (o: { address: string | null; postal_code: string | null; city: string | null }) =>
  [...(o.address ?? "").split(/\r?\n/), [o.postal_code, o.city].filter(Boolean).join(" ")]
    .map((s) => s.trim())
    .filter((s) => s !== "");

/**
 * The plan's acknowledgement of debt (reconnaissance de dette) as a PDF document of the client: generated the
 * first time it is asked for (src/pdf/acknowledgement.ts, in the client's language, dated that day), stored like
 * an uploaded document and linked to the plan (`payment_plan.document_id`); later calls return the same file, so
 * that what the debtor signed is what Relance keeps. On the client's timeline and in the audit log.
 */
export async function acknowledgementDocument(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  id: string;
  filesDir: string;
}): Promise<{ document: DocumentDto; path: string }> {
  const { ctx, org, filesDir } = options;
  const plan = await requirePlan(ctx.db, org.id, options.id);
  if (plan.document_id) return openDocument({ ctx, org, filesDir, id: plan.document_id });
  const client = await findClient(ctx.db, org.id, plan.client_id);
  if (!client) throw new AppError("not_found", "client.not_found");
  const [invoices, installments] = await Promise.all([
    listPlanInvoices(ctx.db, org.id, [plan.id]),
    listInstallments(ctx.db, org.id, [plan.id]),
  ]);
  const today = toIso(todayFor(ctx, org.time_zone));
  const input: AcknowledgementInput = {
    locale: client.language === "en" ? "en" : "fr",
    date: today,
    place: org.city,
    creditor: {
      name: org.name,
      legal_form: org.legal_form,
      siren: org.siren,
      vat_number: org.vat_number,
      address_lines: addressLines(org),
      email: org.email,
      phone: org.phone,
      iban: org.iban,
    },
    debtor: {
      name: client.name,
      kind: client.kind,
      siren: client.siren,
      vat_number: client.vat_number,
      address_lines: addressLines(client),
    },
    invoices: invoices.map((i) => ({
      number: i.number,
      issue_date: i.issue_date,
      due_date: i.due_date,
      total_cents: i.total_ttc_cents,
      balance_cents: i.balance_cents,
    })),
    installments: installments.map((i) => ({
      position: i.position,
      due_on: i.due_on,
      amount_cents: i.amount_cents,
    })),
    total_cents: plan.total_cents,
    grace_days: plan.grace_days,
  };
  const { renderAcknowledgement } = await import("../../pdf/acknowledgement.js");
  const pdf = await renderAcknowledgement(input);
  const staged = await stageFile({ filesDir, orgId: org.id, stream: Readable.from([pdf]) });
  const stored = await commitStagedFile(staged);
  const at = nowIso(ctx);
  const documentId = newId();
  const filename = `reconnaissance-de-dette-${slugify(client.name) || "client"}-${plan.created_on}.pdf`;
  const locale = localeOf(org);
  class AlreadyLinked extends Error {}
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertDocument(trx, {
        id: documentId,
        organization_id: org.id,
        client_id: plan.client_id,
        invoice_id: null,
        kind: "acknowledgement",
        filename,
        mime_type: "application/pdf",
        size_bytes: staged.size,
        sha256: staged.sha256,
        storage_key: stored.storageKey,
        uploaded_by_user_id: options.userId,
        created_at: at,
        updated_at: at,
      });
      if (!(await linkPlanDocument(trx, org.id, plan.id, documentId, at))) throw new AlreadyLinked();
      await insertActions(trx, [
        {
          id: newId(),
          organization_id: org.id,
          client_id: plan.client_id,
          invoice_id: null,
          user_id: options.userId,
          kind: "document_added",
          occurred_on: today,
          occurred_at: at,
          summary: formatMessage(locale, "plan.acknowledgement_stored", { filename }),
          data: JSON.stringify({
            document_id: documentId,
            plan_id: plan.id,
            filename,
            invoices: invoices.map((i) => i.number),
          }),
          idempotency_key: null,
          created_at: at,
          updated_at: at,
        },
      ]);
      await appendAudit(trx, {
        organizationId: org.id,
        userId: options.userId,
        at,
        entity: "payment_plan",
        entityId: plan.id,
        operation: "acknowledgement",
        data: { document_id: documentId, sha256: staged.sha256 },
      });
    });
  } catch (error) {
    await removeFile(stored.path);
    if (!(error instanceof AlreadyLinked)) throw error;
    const again = await requirePlan(ctx.db, org.id, plan.id);
    if (!again.document_id) throw error;
    return openDocument({ ctx, org, filesDir, id: again.document_id });
  }
  return openDocument({ ctx, org, filesDir, id: documentId });
}
