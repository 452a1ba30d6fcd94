/** Direct inserts for the invoices, payments and quotes suites: a known ledger, whatever route would write it. */

import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import { newId } from "../../src/db/ids.js";
import { insertClients, newClientRow } from "../../src/db/repositories/clients.js";
import { insertInvoicesSkippingExisting } from "../../src/db/repositories/invoices.js";
import { findOrganization } from "../../src/db/repositories/organizations.js";
import type { ClientKind, InvoiceKind, InvoiceStatus, Organization } from "../../src/db/schema.js";
import type { Agent, TestServer } from "../support/http.js";

const AT = "2025-06-01T00:00:00.000Z";

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] | null };
}

export interface Invoice {
  id: string;
  number: string;
  client: string;
  client_id: string;
  kind: string;
  issue_date: string | null;
  due_date: string;
  total_cents: number;
  total_ht_cents: number | null;
  total_vat_cents: number | null;
  paid_cents: number;
  credited_cents: number;
  balance_cents: number;
  status: string;
  days_late: number;
  disputed: boolean;
  source: string;
}

export interface InvoiceDetail extends Omit<Invoice, "client"> {
  client: { id: string; name: string; kind: string };
  delivery_date: string | null;
  penalty_clause: string;
  indemnity_applies: boolean;
  notes: string | null;
  dispute_reason: string | null;
  lines: {
    position: number;
    description: string;
    quantity_milli: number;
    unit_price_cents: number;
    vat_rate_bp: number;
    discount_cents: number;
    total_ht_cents: number;
  }[];
  payments: {
    payment_id: string;
    date: string;
    amount_cents: number;
    method: string;
    reference: string | null;
  }[];
  credit_notes: { id: string; number: string; issue_date: string | null; total_cents: number }[];
  credited_invoice: { id: string; number: string } | null;
}

export async function organizationOf(server: TestServer, agent: Agent): Promise<Organization> {
  const org = await findOrganization(server.ctx.db, agent.orgId);
  if (!org) throw new Error("no organization");
  return org;
}

export async function addClient(
  server: TestServer,
  orgId: string,
  name: string,
  kind: ClientKind = "business",
): Promise<string> {
  const id = newId();
  await insertClients(server.ctx.db, [newClientRow({ id, organization_id: orgId, kind, name }, AT)]);
  return id;
}

export async function addInvoice(
  server: TestServer,
  orgId: string,
  clientId: string,
  f: {
    number: string;
    total: number;
    due: string;
    issue?: string;
    paid?: number;
    status?: InvoiceStatus;
    kind?: InvoiceKind;
    disputed?: boolean;
  },
): Promise<string> {
  const id = newId();
  const paid = f.paid ?? 0;
  await insertInvoicesSkippingExisting(server.ctx.db, [
    {
      id,
      organization_id: orgId,
      client_id: clientId,
      quote_id: null,
      kind: f.kind ?? "invoice",
      number: f.number,
      issue_date: f.issue ?? f.due,
      delivery_date: null,
      due_date: f.due,
      currency: "EUR",
      total_ht_cents: null,
      total_vat_cents: null,
      total_ttc_cents: f.total,
      paid_cents: paid,
      status: f.status ?? (paid >= f.total ? "paid" : paid > 0 ? "partially_paid" : "open"),
      penalty_clause: "default",
      indemnity_applies: 1,
      source: "imported",
      disputed: f.disputed ? 1 : 0,
      notes: null,
      created_at: AT,
      updated_at: AT,
    },
  ]);
  return id;
}

/** Counts of what a refused request must leave alone. */
export async function snapshot(server: TestServer, orgId: string) {
  const db = server.ctx.db;
  const count = async (table: "invoice" | "payment" | "allocation" | "action" | "audit_log" | "quote") => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("organization_id", "=", orgId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const invoices = await db
    .selectFrom("invoice")
    .select(["id", "paid_cents", "credited_cents", "status", "disputed", "notes"])
    .where("organization_id", "=", orgId)
    .orderBy("id")
    .execute();
  return {
    invoice: await count("invoice"),
    payment: await count("payment"),
    allocation: await count("allocation"),
    action: await count("action"),
    audit_log: await count("audit_log"),
    quote: await count("quote"),
    invoices,
  };
}

/** A 4xx with the error shape; returns the paths of its details. */
export function expectError(res: LightMyRequestResponse, status: number, code: string): string[] {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json() as ErrorBody;
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  return (body.error.details ?? []).map((d) => d.path);
}

export function json<T>(res: LightMyRequestResponse, status = 200): T {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}
