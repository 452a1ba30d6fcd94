// An unpaid deposit invoice (facture d'acompte) follows its own short sequence — a reminder at J+3, a firmer one at
// J+8, a call at J+12 — whatever its client's sequence, while the client's other invoices keep theirs; a payment of
// the deposit stops it. An organization made before the deposit sequence existed gets it at its next run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { dispatchOutbox } from "../../src/app/dunning/dispatch-outbox.js";
import { runDay } from "../../src/app/dunning/run-day.js";
import { createPayment } from "../../src/app/payments/create-payment.js";
import { acceptQuote } from "../../src/app/quotes/accept-quote.js";
import { createQuote } from "../../src/app/quotes/create-quote.js";
import { sendQuote } from "../../src/app/quotes/send-quote.js";
import type { Organization } from "../../src/db/schema.js";
import type { Mailer } from "../../src/mail/mailer.js";
import { addBillingContact, day, smtpMailer, tempFilesDir } from "../dunning/support.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";
import { startTestSmtp, type TestSmtp } from "../support/smtp.js";

describe.each(testDialects())("deposit invoices follow the deposit sequence (%s)", (dialect) => {
  let t: TestDatabase;
  let org: Organization;
  let smtp: TestSmtp;
  let mailer: Mailer;
  let client: string;
  let depositId: string;
  let depositNumber: string;
  const files = tempFilesDir();
  const at = (iso: string): AppContext => testContext(t, { now: `${iso}T09:00:00Z` });
  const runOn = (iso: string) =>
    runDay({ ctx: at(iso), org, day: day(iso), mailer, filesDir: files.dir, send: true, env: {} });

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    smtp = await startTestSmtp();
    mailer = smtpMailer(smtp);
    const ctx = at("2026-12-01");
    org = await testOrganization(ctx, "Plomberie Roux");
    const fields = { email: "contact@plomberie-roux.fr", city: "Nantes", siren: "552100554" };
    await ctx.db.updateTable("organization").set(fields).where("id", "=", org.id).execute();
    org = { ...org, ...fields };
    client = await makeClient(ctx, org, { name: "SCI Les Tilleuls" });
    await addBillingContact(ctx, org, client, "gestion@sci-tilleuls.fr");
    // the client's ordinary invoice, due on 3 December: J+1 on the 4th in the B2B sequence
    await makeInvoice(ctx, org, client, {
      number: "F-2026-0090",
      issue_date: "2026-11-03",
      due_date: "2026-12-03",
    });
    const quote = await createQuote({
      ctx,
      org,
      userId: null,
      input: {
        client_id: client,
        number: "D-2026-014",
        issue_date: "2026-11-25",
        valid_until: "2026-12-25",
        deposit_percent: 30,
        lines: [
          {
            description: "Remplacement chaudière",
            quantity_milli: 1000,
            unit_price_cents: 500_000,
            vat_rate_bp: 1000,
          },
        ],
      },
    });
    await sendQuote({ ctx, org, userId: null, id: quote.id });
    await acceptQuote({ ctx, org, userId: null, id: quote.id });
    const deposit = await ctx.db
      .selectFrom("invoice")
      .select(["id", "number", "due_date", "total_ttc_cents"])
      .where("organization_id", "=", org.id)
      .where("kind", "=", "deposit")
      .executeTakeFirstOrThrow();
    expect(deposit.due_date).toBe("2026-12-01");
    expect(deposit.total_ttc_cents).toBe(165_000); // 30 % of 5 500 € TTC
    depositId = deposit.id;
    depositNumber = deposit.number;
  });
  afterAll(async () => {
    await mailer?.close();
    await smtp?.close();
    await t?.drop();
    files.remove();
  });

  it("reminds the deposit at J+3 and J+8 with its own messages, apart from the client's ordinary invoice", async () => {
    for (const iso of ["2026-12-02", "2026-12-03", "2026-12-04", "2026-12-08", "2026-12-09", "2026-12-11"])
      await runOn(iso);
    const rows = await at("2026-12-11")
      .db.selectFrom("outbox")
      .innerJoin("dunning_step", "dunning_step.id", "outbox.step_id")
      .select(["outbox.planned_on", "outbox.invoices", "dunning_step.template_key"])
      .where("outbox.organization_id", "=", org.id)
      .orderBy("outbox.planned_on")
      .execute();
    const of = (number: string) =>
      rows
        .filter((r) => (JSON.parse(r.invoices) as { number: string }[]).some((i) => i.number === number))
        .map((r) => [r.planned_on, r.template_key, JSON.parse(r.invoices).length]);
    expect(of(depositNumber)).toEqual([
      ["2026-12-04", "deposit.reminder_1", 1],
      ["2026-12-09", "deposit.reminder_2", 1],
    ]);
    // the client's ordinary invoice keeps the B2B sequence, in messages of its own
    const ordinary = of("F-2026-0090");
    expect(ordinary.length).toBeGreaterThan(0);
    for (const [, template, count] of ordinary) {
      expect(template).toMatch(/^b2b\./);
      expect(count).toBe(1);
    }
    const mail = smtp.received.find((m) => m.subject.includes(depositNumber));
    expect(mail?.subject).toBe(`Acompte en attente : facture d'acompte n° ${depositNumber}`);
    expect(mail?.text).toContain("Les travaux pourront commencer dès réception de l'acompte");
    expect(mail?.text).not.toContain("L441-10");
  });

  it("stops once the deposit is paid: no call task on J+12", async () => {
    const ctx = at("2026-12-12");
    await createPayment({
      ctx,
      org,
      userId: null,
      input: {
        client_id: client,
        date: "2026-12-12",
        amount_cents: 165_000,
        method: "transfer",
        allocations: [{ invoice_id: depositId, amount_cents: 165_000 }],
      },
    });
    await runOn("2026-12-13");
    const tasks = await ctx.db
      .selectFrom("task")
      .select(["title", "invoice_id"])
      .where("organization_id", "=", org.id)
      .where("invoice_id", "=", depositId)
      .execute();
    expect(tasks).toEqual([]);
    expect((await dispatchOutbox({ ctx, org, mailer, filesDir: files.dir, env: {} })).sent).toBe(0);
  });

  it("creates the deposit sequence for an organization that lacks it, at its next run", async () => {
    const ctx = at("2026-12-14");
    const older = await testOrganization(ctx, "Ancienne SARL");
    const sequences = () =>
      ctx.db
        .selectFrom("dunning_sequence")
        .select("default_for")
        .where("organization_id", "=", older.id)
        .where("default_for", "is not", null)
        .orderBy("default_for")
        .execute();
    await runDay({
      ctx,
      org: older,
      day: day("2026-12-14"),
      mailer,
      filesDir: files.dir,
      send: false,
      env: {},
    });
    expect((await sequences()).map((s) => s.default_for)).toEqual(["business", "consumer", "deposit"]);
    const deposit = await ctx.db
      .selectFrom("dunning_sequence")
      .select("id")
      .where("organization_id", "=", older.id)
      .where("default_for", "=", "deposit")
      .executeTakeFirstOrThrow();
    await ctx.db.deleteFrom("dunning_step").where("sequence_id", "=", deposit.id).execute();
    await ctx.db.deleteFrom("dunning_sequence").where("id", "=", deposit.id).execute();
    expect(await sequences()).toHaveLength(2);
    await runDay({
      ctx,
      org: older,
      day: day("2026-12-14"),
      mailer,
      filesDir: files.dir,
      send: false,
      env: {},
    });
    expect((await sequences()).map((s) => s.default_for)).toEqual(["business", "consumer", "deposit"]);
  });
});
