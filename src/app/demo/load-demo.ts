import type { Insertable } from "kysely";
import { generateDemoLedger } from "../../core/demo/index.js";
import { deriveStatus } from "../../core/invoices/balance.js";
import { lineNet } from "../../core/invoices/totals.js";
import { type Cents, formatEuros } from "../../core/money.js";
import type { Db } from "../../db/connect.js";
import { newId } from "../../db/ids.js";
import { insertActions } from "../../db/repositories/actions.js";
import { insertClients, insertContacts, newClientRow } from "../../db/repositories/clients.js";
import { insertInvoiceLines, insertInvoicesSkippingExisting } from "../../db/repositories/invoices.js";
import {
  insertOrganization,
  listOrganizations,
  upsertUserWithMembership,
} from "../../db/repositories/organizations.js";
import { insertAllocations, insertPayments } from "../../db/repositories/payments.js";
import type { ActionTable, Organization } from "../../db/schema.js";
import { hashPassword } from "../accounts/passwords.js";
import { type AppContext, nowIso, todayFor } from "../context.js";
import { ensureDefaultSequences } from "../dunning/ensure-default-sequences.js";

export const DEMO_OWNER_EMAIL = "demo@relance.test";
/** The demo owner's password: public on purpose, shown on the login page of a local `--demo` server. */
export const DEMO_OWNER_PASSWORD = "demo-relance";
const DEMO_TIME_ZONE = "Europe/Paris";

export async function findDemoOrganization(db: Db): Promise<Organization | undefined> {
  return (await listOrganizations(db)).find(
    (o) => (JSON.parse(o.settings) as { demo?: boolean }).demo === true,
  );
}

/**
 * Loads the demo organization (a small Lyon agency, its clients, 18 months of invoices and payments, relative to
 * today) in one transaction. Idempotent: returns the existing demo organization when there is one.
 */
export async function loadDemo(options: {
  ctx: AppContext;
  seed?: number;
}): Promise<{ org: Organization; created: boolean }> {
  const { ctx } = options;
  const existing = await findDemoOrganization(ctx.db);
  if (existing) return { org: existing, created: false };
  const today = todayFor(ctx, DEMO_TIME_ZONE);
  const ledger = generateDemoLedger({ today, ...(options.seed !== undefined ? { seed: options.seed } : {}) });
  const at = nowIso(ctx);
  const stamp = { created_at: at, updated_at: at };
  const passwordHash = await hashPassword(DEMO_OWNER_PASSWORD);
  return ctx.db.transaction().execute(async (trx) => {
    const loaded = await findDemoOrganization(trx);
    if (loaded) return { org: loaded, created: false };
    const o = ledger.organization;
    const org = await insertOrganization(
      trx,
      {
        name: o.name,
        legal_form: o.legal_form,
        siren: o.siren,
        siret: o.siret,
        vat_number: o.vat_number,
        address: o.address,
        postal_code: o.postal_code,
        city: o.city,
        email: o.email,
        phone: o.phone,
        iban: o.iban,
        bic: o.bic,
        payment_term: o.payment_term,
        time_zone: DEMO_TIME_ZONE,
      },
      at,
    );
    await ensureDefaultSequences(trx, org.id, at);
    await trx
      .updateTable("organization")
      .set({ settings: JSON.stringify({ demo: true }) })
      .where("id", "=", org.id)
      .execute();
    org.settings = JSON.stringify({ demo: true });
    const ownerId = await upsertUserWithMembership(
      trx,
      org.id,
      { email: DEMO_OWNER_EMAIL, name: "Camille Demo", locale: "fr" },
      "owner",
      at,
    );
    await trx
      .updateTable("user")
      .set({ password_hash: passwordHash })
      .where("id", "=", ownerId)
      .where("password_hash", "is", null)
      .execute();

    const clientIds = new Map(ledger.clients.map((c) => [c.key, newId()]));
    const kinds = new Map(ledger.clients.map((c) => [c.key, c.kind]));
    const idOf = (map: Map<string, string>, key: string) => {
      const id = map.get(key);
      if (!id) throw new Error(`demo ledger refers to unknown key ${key}`);
      return id;
    };
    await insertClients(
      trx,
      ledger.clients.map((c) =>
        newClientRow(
          {
            id: idOf(clientIds, c.key),
            organization_id: org.id,
            kind: c.kind,
            name: c.name,
            siren: c.siren,
            siret: c.siret,
            vat_number: c.vat_number,
            address: c.address,
            postal_code: c.postal_code,
            city: c.city,
          },
          at,
        ),
      ),
    );
    await insertContacts(
      trx,
      ledger.clients.flatMap((c) =>
        c.contacts.map((k) => ({
          id: newId(),
          organization_id: org.id,
          client_id: idOf(clientIds, c.key),
          name: k.name,
          role: k.role,
          email: k.email,
          phone: k.phone,
          is_billing: k.is_billing ? (1 as const) : (0 as const),
          ...stamp,
        })),
      ),
    );

    const invoiceIds = new Map(ledger.invoices.map((i) => [i.key, newId()]));
    const paid = new Map<string, number>();
    for (const p of ledger.payments) {
      for (const a of p.allocations) paid.set(a.invoice_key, (paid.get(a.invoice_key) ?? 0) + a.amount_cents);
    }
    await insertInvoicesSkippingExisting(
      trx,
      ledger.invoices.map((i) => {
        const paidCents = paid.get(i.key) ?? 0;
        return {
          id: idOf(invoiceIds, i.key),
          organization_id: org.id,
          client_id: idOf(clientIds, i.client_key),
          quote_id: null,
          kind: "invoice" as const,
          number: i.number,
          issue_date: i.issue_date,
          delivery_date: i.issue_date,
          due_date: i.due_date,
          currency: "EUR",
          total_ht_cents: i.total_ht_cents,
          total_vat_cents: i.total_vat_cents,
          total_ttc_cents: i.total_ttc_cents,
          paid_cents: paidCents,
          status: deriveStatus({ total_cents: i.total_ttc_cents, paid_cents: paidCents }),
          penalty_clause: "default",
          indemnity_applies: kinds.get(i.client_key) === "consumer" ? (0 as const) : (1 as const),
          source: "created" as const,
          disputed: i.disputed ? (1 as const) : (0 as const),
          notes: i.notes,
          ...stamp,
        };
      }),
    );
    await insertInvoiceLines(
      trx,
      ledger.invoices.flatMap((i) =>
        i.lines.map((l, position) => ({
          id: newId(),
          organization_id: org.id,
          invoice_id: idOf(invoiceIds, i.key),
          position,
          description: l.description,
          quantity_milli: l.quantity_milli,
          unit_price_cents: l.unit_price_cents,
          vat_rate_bp: l.vat_rate_bp,
          discount_cents: 0,
          net_cents: lineNet(l),
          ...stamp,
        })),
      ),
    );

    const paymentIds = new Map(ledger.payments.map((p) => [p.key, newId()]));
    await insertPayments(
      trx,
      ledger.payments.map((p) => ({
        id: idOf(paymentIds, p.key),
        organization_id: org.id,
        client_id: idOf(clientIds, p.client_key),
        date: p.date,
        amount_cents: p.amount_cents,
        method: p.method,
        reference: p.reference,
        payer: null,
        state: "confirmed" as const,
        source: "demo",
        ...stamp,
      })),
    );
    await insertAllocations(
      trx,
      ledger.payments.flatMap((p) =>
        p.allocations.map((a) => ({
          id: newId(),
          organization_id: org.id,
          payment_id: idOf(paymentIds, p.key),
          invoice_id: idOf(invoiceIds, a.invoice_key),
          amount_cents: a.amount_cents,
          ...stamp,
        })),
      ),
    );

    const clientOfInvoice = new Map(ledger.invoices.map((i) => [i.key, idOf(clientIds, i.client_key)]));
    const actions: Insertable<ActionTable>[] = [];
    for (const p of ledger.payments) {
      for (const a of p.allocations) {
        actions.push({
          id: newId(),
          organization_id: org.id,
          client_id: clientOfInvoice.get(a.invoice_key) ?? null,
          invoice_id: idOf(invoiceIds, a.invoice_key),
          user_id: null,
          kind: "payment",
          occurred_on: p.date,
          occurred_at: `${p.date}T09:00:00.000Z`,
          summary: `Paiement reçu : ${formatEuros(a.amount_cents as Cents, "fr")} (${p.method})`,
          data: JSON.stringify({ amount_cents: a.amount_cents, method: p.method }),
          idempotency_key: null,
          ...stamp,
        });
      }
    }
    for (const i of ledger.invoices.filter((x) => x.disputed)) {
      actions.push({
        id: newId(),
        organization_id: org.id,
        client_id: idOf(clientIds, i.client_key),
        invoice_id: idOf(invoiceIds, i.key),
        user_id: null,
        kind: "dispute",
        occurred_on: i.due_date,
        occurred_at: `${i.due_date}T10:00:00.000Z`,
        summary: i.notes ?? "Facture contestée par le client",
        data: "{}",
        idempotency_key: null,
        ...stamp,
      });
    }
    await insertActions(trx, actions);
    return { org, created: true };
  });
}
