import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getClient } from "../../src/app/clients/get-client.js";
import { getClientScore } from "../../src/app/clients/get-client-score.js";
import { listClients } from "../../src/app/clients/list-clients.js";
import { dispatchOutbox } from "../../src/app/dunning/dispatch-outbox.js";
import { runDay } from "../../src/app/dunning/run-day.js";
import { issueCreditNote } from "../../src/app/invoices/issue-credit-note.js";
import { createPayment } from "../../src/app/payments/create-payment.js";
import { newId } from "../../src/db/ids.js";
import type { Organization } from "../../src/db/schema.js";
import { createLocalMailer } from "../../src/mail/mailer.js";
import { addBillingContact, day, outboxRows, tempFilesDir } from "../dunning/support.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";

describe.each(testDialects())("payment score (%s)", (dialect) => {
  let t: TestDatabase;
  let org: Organization;
  const files = tempFilesDir();
  const at = (iso: string) => testContext(t, { now: `${iso}T08:00:00Z` });
  const TODAY = "2026-06-30";

  async function pay(invoice: string, date: string, amount: number) {
    await createPayment({
      ctx: at(TODAY),
      org,
      userId: null,
      input: {
        date,
        amount_cents: amount,
        method: "transfer",
        allocations: [{ invoice_id: invoice, amount_cents: amount }],
      },
    });
  }
  /** An invoice of `amount` due on `due`, paid `late` days after it (null: unpaid). */
  async function history(client: string, rows: [string, number | null][], amount = 100_000) {
    let n = 0;
    for (const [due, late] of rows) {
      const id = await makeInvoice(at(TODAY), org, client, {
        number: `${client.slice(-6)}-${++n}`,
        issue_date: "2025-01-01",
        due_date: due,
        total_cents: amount,
      });
      if (late !== null) await pay(id, day(due).add({ days: late }).toString(), amount);
    }
  }

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    org = await testOrganization(at(TODAY), "Score SARL");
  });
  afterAll(async () => {
    await t?.drop();
    files.remove();
  });

  it("grades a good payer A and a habitual late payer D from their stored invoices and payments", async () => {
    const good = await makeClient(at(TODAY), org, { name: "Bon Payeur" });
    const late = await makeClient(at(TODAY), org, { name: "Mauvais Payeur" });
    const months = [
      "2025-08-15",
      "2025-09-15",
      "2025-10-15",
      "2025-11-15",
      "2025-12-15",
      "2026-01-15",
      "2026-02-15",
    ];
    await history(good, [...months.map((m) => [m, 0] as [string, number]), ["2026-06-10", null]]);
    await history(late, [...months.map((m) => [m, 45] as [string, number]), ["2026-06-10", null]]);
    const a = await getClientScore({ ctx: at(TODAY), org, id: good });
    expect(a).toMatchObject({
      grade: "A",
      tone: "friendly",
      late_invoices: 1,
      longest_delay_days: 20,
      first_delay: true,
    });
    const d = await getClientScore({ ctx: at(TODAY), org, id: late });
    expect(d).toMatchObject({ grade: "D", tone: "formal", late_invoices: 8, longest_delay_days: 45 });
    expect(d.average_days_late).toBeCloseTo((7 * 45 + 20) / 8, 1);
    // the detail and the list carry it
    expect((await getClient({ ctx: at(TODAY), org, id: late })).score).toEqual({
      value: d.value,
      grade: "D",
    });
    const list = await listClients({ ctx: at(TODAY), org });
    expect(list.map((c) => [c.name, c.score.grade])).toEqual([
      ["Bon Payeur", "A"],
      ["Mauvais Payeur", "D"],
    ]);
  });

  it("dates a payment by the payment that settled the invoice; a credited invoice does not count", async () => {
    const client = await makeClient(at(TODAY), org, { name: "Paie En Deux" });
    const split = await makeInvoice(at(TODAY), org, client, {
      number: "SPLIT-1",
      issue_date: "2026-01-01",
      due_date: "2026-02-01",
      total_cents: 100_000,
    });
    await pay(split, "2026-01-25", 40_000); // early, partial
    await pay(split, "2026-02-21", 60_000); // settles it, 20 days late
    const credited = await makeInvoice(at(TODAY), org, client, {
      number: "AVOIR-1",
      issue_date: "2026-01-01",
      due_date: "2026-01-15",
      total_cents: 50_000,
    });
    await issueCreditNote({
      ctx: at(TODAY),
      org,
      userId: null,
      invoiceId: credited,
      input: { issue_date: "2026-06-01", amount_cents: 50_000, reason: "Annulée" },
    });
    const s = await getClientScore({ ctx: at(TODAY), org, id: client });
    expect(s).toMatchObject({ invoices: 1, late_invoices: 1, longest_delay_days: 20, average_days_late: 20 });
  });

  it("is available to the dunning templates as client.score, client.grade and client.tone", async () => {
    const client = await makeClient(at(TODAY), org, { name: "Client Modèle" });
    await addBillingContact(at(TODAY), org, client, "modele@example.fr");
    // one invoice paid 30 days late: D (100 − 30 − 25 − 7 = 38); the one reminded is not due yet (J−5)
    const paid = await makeInvoice(at(TODAY), org, client, {
      number: "TPL-0",
      issue_date: "2026-02-01",
      due_date: "2026-03-01",
    });
    await pay(paid, "2026-03-31", 120_000);
    await makeInvoice(at(TODAY), org, client, {
      number: "TPL-1",
      issue_date: "2026-06-01",
      due_date: "2026-07-05",
    });
    await at(TODAY)
      .db.insertInto("message_template")
      .values({
        id: newId(),
        organization_id: org.id,
        key: "b2b.pre_due",
        locale: "fr",
        subject: "Relance {{ client.name }}",
        text_body:
          "Note {{ client.grade | default: 'nouveau' }} / ton {{ client.tone }} / score {{ client.score | default: '-' }}",
        html_body: "<p>{{ client.tone }}</p>",
        created_at: "2026-01-01T00:00:00Z",
        updated_at: "2026-01-01T00:00:00Z",
      })
      .execute();
    await runDay({
      ctx: at(TODAY),
      org,
      day: day(TODAY),
      send: false,
      mailer: createLocalMailer(),
      filesDir: files.dir,
    });
    await dispatchOutbox({ ctx: at(TODAY), org, mailer: createLocalMailer(), filesDir: files.dir });
    const rows = (await outboxRows(at(TODAY), org.id)).filter((r) => r.client_id === client);
    expect(rows.map((r) => r.text_body.trim())).toEqual(["Note D / ton formal / score 38"]);
  });
});
