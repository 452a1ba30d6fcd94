import { toIso } from "../../core/calendar.js";
import { formatIban } from "../../core/identifiers.js";
import { insertActionOnce, listDeclaredPayments, listPortalInvoices } from "../../db/repositories/portal.js";
import type { InvoiceStatus } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { portalAction } from "./portal-action.js";
import { listPortalQuotes, type PortalQuoteDto } from "./portal-quotes.js";
import type { PortalAccess } from "./resolve-portal-token.js";

export interface PortalInvoiceDto {
  id: string;
  number: string;
  issue_date: string | null;
  due_date: string;
  total_cents: number;
  paid_cents: number;
  credited_cents: number;
  balance_cents: number;
  status: InvoiceStatus;
  overdue: boolean;
  disputed: boolean;
  /** Σ the payments declared on the portal for it and not verified yet (not deducted from the balance). */
  declared_cents: number;
}

export interface PortalViewDto {
  organization: {
    name: string;
    email: string | null;
    phone: string | null;
    address: string | null;
    postal_code: string | null;
    city: string | null;
    iban: string | null;
    bic: string | null;
  };
  client: { name: string; language: "fr" | "en" };
  today: string;
  expires_at: string;
  /** Σ the balances of the open invoices (declared payments not deducted). */
  owed_cents: number;
  /** Whether the EPC QR code can be drawn (an IBAN and something owed): GET …/qr.png. */
  qr_available: boolean;
  invoices: PortalInvoiceDto[];
  /** The quotes awaiting the client's answer (sent, within their validity): « Accepter » / « Refuser ». */
  quotes: PortalQuoteDto[];
  declared_payments: {
    id: string;
    date: string;
    amount_cents: number;
    method: string;
    reference: string | null;
    invoice_number: string | null;
  }[];
}

/**
 * What the client sees on the portal: who to pay and how (IBAN, the QR code for the total), its open and paid
 * invoices with their balance and due date, the payments it declared awaiting verification. The visit goes on the
 * timeline with the caller's IP address, once per link, address and day.
 */
export async function getPortalView(options: {
  ctx: AppContext;
  access: PortalAccess;
}): Promise<PortalViewDto> {
  const { ctx, access } = options;
  const { org, client } = access;
  const today = toIso(todayFor(ctx, org.time_zone));
  const rows = await listPortalInvoices(ctx.db, org.id, client.id);
  const declared = await listDeclaredPayments(ctx.db, org.id, client.id);
  const numbers = new Map(rows.map((r) => [r.id, r.number]));
  const invoices = rows.map((r): PortalInvoiceDto => {
    const balance = r.total_ttc_cents - r.paid_cents - r.credited_cents;
    return {
      id: r.id,
      number: r.number,
      issue_date: r.issue_date ?? null,
      due_date: r.due_date,
      total_cents: r.total_ttc_cents,
      paid_cents: r.paid_cents,
      credited_cents: r.credited_cents,
      balance_cents: Math.max(balance, 0),
      status: r.status,
      overdue: balance > 0 && r.due_date < today,
      disputed: Number(r.disputed) === 1,
      declared_cents: declared.filter((d) => d.invoice_id === r.id).reduce((s, d) => s + d.amount_cents, 0),
    };
  });
  // open first (oldest due date first), then the paid ones (newest first)
  const open = invoices
    .filter((i) => i.balance_cents > 0)
    .sort((a, b) => a.due_date.localeCompare(b.due_date));
  const paid = invoices.filter((i) => i.balance_cents <= 0);
  const owed = open.reduce((s, i) => s + i.balance_cents, 0);
  // one visit per link, address and day on the timeline (a reload or a refresh after a form is the same visit)
  const visit = portalAction(ctx, access, {
    kind: "portal_visit",
    invoiceId: null,
    message: "portal.timeline.visit",
  });
  await insertActionOnce(ctx.db, {
    ...visit,
    idempotency_key: `portal_visit:${access.link.id}:${today}:${access.ip}`,
  });
  return {
    organization: {
      name: org.name,
      email: org.email,
      phone: org.phone,
      address: org.address,
      postal_code: org.postal_code,
      city: org.city,
      iban: org.iban ? formatIban(org.iban) : null,
      bic: org.bic,
    },
    client: { name: client.name, language: client.language === "en" ? "en" : "fr" },
    today,
    expires_at: access.link.expires_at,
    owed_cents: owed,
    qr_available: Boolean(org.iban) && owed > 0,
    invoices: [...open, ...paid],
    quotes: await listPortalQuotes(ctx, access),
    declared_payments: declared.map((d) => ({
      id: d.id,
      date: d.date,
      amount_cents: d.amount_cents,
      method: d.method,
      reference: d.reference,
      invoice_number: d.invoice_id ? (numbers.get(d.invoice_id) ?? null) : null,
    })),
  };
}
