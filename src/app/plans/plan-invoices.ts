import type { Db } from "../../db/connect.js";
import { findLiveBillsOfInvoices } from "../../db/repositories/bills.js";
import { findClient } from "../../db/repositories/clients.js";
import { invoicesInOpenPlans, listOpenInvoicesOfClient } from "../../db/repositories/payment-plans.js";
import { invoicesInOpenCases } from "../../db/repositories/recovery.js";
import type { Client } from "../../db/schema.js";
import { AppError, invalidFields } from "../errors.js";

export interface PlanInvoiceChoice {
  client: Client;
  invoices: { id: string; number: string; due_date: string; balance_cents: number }[];
  balance_cents: number;
}

/**
 * The invoices a plan of this client settles: those named (each must be open, owe something and not be in
 * another plan not finished, on a bill of exchange awaiting its outcome nor in an open recovery case), or every
 * open invoice of the client not already in such a plan, on such a bill or in such a case.
 */
export async function choosePlanInvoices(
  db: Db,
  orgId: string,
  clientId: string,
  invoiceIds: readonly string[] | null | undefined,
): Promise<PlanInvoiceChoice> {
  const client = await findClient(db, orgId, clientId);
  if (!client) throw new AppError("not_found", "client.not_found");
  const open = await listOpenInvoicesOfClient(db, orgId, client.id);
  const taken = new Set(
    await invoicesInOpenPlans(
      db,
      orgId,
      open.map((i) => i.id),
    ),
  );
  // an invoice on a bill of exchange awaiting its outcome is settled by the bill: a plan would replace its hold
  const onBill = new Set(
    (
      await findLiveBillsOfInvoices(
        db,
        orgId,
        open.map((i) => i.id),
      )
    ).map((b) => b.invoice_id),
  );
  // an invoice of an open recovery case is in court: the case's hold must not be replaced by the plan's
  const inCase = new Set(
    (
      await invoicesInOpenCases(
        db,
        orgId,
        open.map((i) => i.id),
      )
    ).map((c) => c.invoice_id),
  );
  let invoices: PlanInvoiceChoice["invoices"];
  if (invoiceIds && invoiceIds.length > 0) {
    invoices = [];
    for (const [n, id] of [...new Set(invoiceIds)].entries()) {
      const found = open.find((i) => i.id === id || i.number === id);
      if (!found) {
        throw invalidFields([
          { path: `invoice_ids.${n}`, messageCode: "plan.invoice_not_eligible", params: { number: id } },
        ]);
      }
      if (taken.has(found.id)) {
        throw invalidFields([
          { path: `invoice_ids.${n}`, messageCode: "plan.invoice_in_plan", params: { number: found.number } },
        ]);
      }
      if (onBill.has(found.id)) {
        throw invalidFields([
          { path: `invoice_ids.${n}`, messageCode: "plan.invoice_on_bill", params: { number: found.number } },
        ]);
      }
      if (inCase.has(found.id)) {
        throw invalidFields([
          { path: `invoice_ids.${n}`, messageCode: "plan.invoice_in_case", params: { number: found.number } },
        ]);
      }
      if (!invoices.some((i) => i.id === found.id)) invoices.push(found);
    }
  } else {
    invoices = open.filter((i) => !taken.has(i.id) && !onBill.has(i.id) && !inCase.has(i.id));
    if (invoices.length === 0)
      throw invalidFields([{ path: "invoice_ids", messageCode: "plan.no_invoices" }]);
  }
  return { client, invoices, balance_cents: invoices.reduce((s, i) => s + i.balance_cents, 0) };
}
