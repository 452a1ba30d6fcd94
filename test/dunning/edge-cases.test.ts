import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { dispatchOutbox } from "../../src/app/dunning/dispatch-outbox.js";
import { cancelMessage } from "../../src/app/dunning/outbox-messages.js";
import { runDay } from "../../src/app/dunning/run-day.js";
import { setHold } from "../../src/app/dunning/set-hold.js";
import { newId } from "../../src/db/ids.js";
import type { Organization } from "../../src/db/schema.js";
import { createLocalMailer } from "../../src/mail/mailer.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";
import { addBillingContact, day, outboxRows, tempFilesDir } from "./support.js";

describe.each(testDialects())("dunning edge cases (%s)", (dialect) => {
  let t: TestDatabase;
  const files = tempFilesDir();
  const at = (iso: string) => testContext(t, { now: iso });
  const plan = (ctx: AppContext, org: Organization, iso: string) =>
    runDay({ ctx, org, day: day(iso), send: false, mailer: createLocalMailer(), filesDir: files.dir });
  async function freshOrg(name: string): Promise<Organization> {
    const ctx = at("2026-01-01T08:00:00Z");
    const o = await testOrganization(ctx, name);
    await ctx.db
      .updateTable("organization")
      .set({ email: "compta@exemple.fr" })
      .where("id", "=", o.id)
      .execute();
    return { ...o, email: "compta@exemple.fr" };
  }

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await t?.drop();
    files.remove();
  });

  it("an invoice reaching the same step later the same day gets its own message", async () => {
    const org = await freshOrg("Deux Passages");
    const ctx = at("2026-03-02T08:00:00Z");
    const client = await makeClient(ctx, org, { name: "Client Double" });
    await addBillingContact(ctx, org, client, "double@example.fr");
    await makeInvoice(ctx, org, client, { number: "D-1", due_date: "2026-03-01", issue_date: "2026-02-01" });
    expect((await plan(ctx, org, "2026-03-02")).planned.map((p) => p.invoices)).toEqual([["D-1"]]);
    // imported later that day: same client, same step
    await makeInvoice(ctx, org, client, { number: "D-2", due_date: "2026-03-01", issue_date: "2026-02-01" });
    expect((await plan(ctx, org, "2026-03-02")).planned.map((p) => p.invoices)).toEqual([["D-2"]]);
    const rows = await outboxRows(ctx, org.id);
    expect(rows.map((r) => JSON.parse(r.invoices).map((i: { number: string }) => i.number))).toEqual([
      ["D-1"],
      ["D-2"],
    ]);
  });

  it("lifting a hold does not jump past a mise en demeure awaiting approval", async () => {
    const org = await freshOrg("Attente Approbation");
    const ctx = at("2026-04-01T08:00:00Z");
    const client = await makeClient(ctx, org, { name: "Client Attente" });
    const invoice = await makeInvoice(ctx, org, client, {
      number: "W-1",
      due_date: "2026-02-01",
      issue_date: "2026-01-01",
    });
    const first = await plan(ctx, org, "2026-04-01");
    expect(first.planned[0]).toMatchObject({ channel: "registered_letter", awaiting_approval: true });
    await setHold({
      ctx,
      org,
      userId: null,
      target: { invoiceId: invoice },
      hold: { kind: "manual", until: "2026-04-05" },
    });
    await setHold({ ctx, org, userId: null, target: { invoiceId: invoice }, hold: null });
    for (const d of ["2026-04-02", "2026-04-20", "2026-05-30"]) {
      expect((await plan(at(`${d}T08:00:00Z`), org, d)).planned, d).toEqual([]);
    }
  });

  it("changing a dispute into a promise dates the reminders from the promise's end", async () => {
    const org = await freshOrg("Promesse Après Litige");
    const ctx = at("2026-03-10T08:00:00Z");
    const client = await makeClient(ctx, org, { name: "Client Litige" });
    await makeInvoice(ctx, org, client, { number: "P-1", due_date: "2026-03-09", issue_date: "2026-02-01" });
    await setHold({
      ctx,
      org,
      userId: null,
      target: { clientId: client },
      hold: { kind: "dispute", reason: "Travaux contestés" },
    });
    expect((await plan(ctx, org, "2026-03-10")).planned).toEqual([]);
    await setHold({
      ctx,
      org,
      userId: null,
      target: { clientId: client },
      hold: { kind: "promise", until: "2026-03-20" },
    });
    expect((await plan(at("2026-03-15T08:00:00Z"), org, "2026-03-15")).planned).toEqual([]);
    const after = await plan(at("2026-03-21T08:00:00Z"), org, "2026-03-21");
    expect(after.planned.map((p) => p.offset_days)).toEqual([8]);
  });

  it("a message that cannot be rendered fails alone, with a task; the others are sent", async () => {
    const org = await freshOrg("Modèle Cassé");
    const ctx = at("2026-03-02T08:00:00Z");
    const broken = await makeClient(ctx, org, { name: "Client Anglais" });
    await ctx.db.updateTable("client").set({ language: "en" }).where("id", "=", broken).execute();
    await addBillingContact(ctx, org, broken, "en@example.fr");
    await makeInvoice(ctx, org, broken, { number: "E-1", due_date: "2026-03-01", issue_date: "2026-02-01" });
    const fine = await makeClient(ctx, org, { name: "Client Français" });
    await addBillingContact(ctx, org, fine, "fr@example.fr");
    await makeInvoice(ctx, org, fine, { number: "F-1", due_date: "2026-03-01", issue_date: "2026-02-01" });
    // the English first reminder fails at rendering: money of a list
    await ctx.db
      .insertInto("message_template")
      .values({
        id: newId(),
        organization_id: org.id,
        key: "b2b.reminder_1",
        locale: "en",
        subject: "Reminder {{ invoices | money }}",
        text_body: "x",
        html_body: "x",
        created_at: "2026-01-01T00:00:00Z",
        updated_at: "2026-01-01T00:00:00Z",
      })
      .execute();
    await plan(ctx, org, "2026-03-02");
    const sent = await dispatchOutbox({ ctx, org, mailer: createLocalMailer(), filesDir: files.dir });
    expect(sent).toMatchObject({ sent: 1, failed: 1 });
    const rows = await outboxRows(ctx, org.id);
    expect(rows.map((r) => r.state).sort()).toEqual(["failed", "sent"]);
    const tasks = await ctx.db
      .selectFrom("task")
      .select("title")
      .where("organization_id", "=", org.id)
      .where("kind", "=", "outbox_failed")
      .execute();
    expect(tasks.map((x) => x.title).join()).toContain("Client Anglais");
  });

  it("a message stuck sending can be cancelled once its lease has run out, not before", async () => {
    const org = await freshOrg("Envoi Bloqué");
    const ctx = at("2026-03-02T08:00:00Z");
    const client = await makeClient(ctx, org, { name: "Client Bloqué" });
    await addBillingContact(ctx, org, client, "bloque@example.fr");
    await makeInvoice(ctx, org, client, { number: "B-1", due_date: "2026-03-01", issue_date: "2026-02-01" });
    await plan(ctx, org, "2026-03-02");
    const [row] = await outboxRows(ctx, org.id);
    if (!row) throw new Error("no message planned");
    await ctx.db
      .updateTable("outbox")
      .set({ state: "sending", lease_owner: "dead", lease_until: "2026-03-02T08:05:00.000Z" })
      .where("id", "=", row.id)
      .execute();
    await expect(cancelMessage({ ctx, org, userId: null, id: row.id })).rejects.toThrow(/cancel/i);
    const later = at("2026-03-02T08:10:00Z");
    const cancelled = await cancelMessage({ ctx: later, org, userId: null, id: row.id });
    expect(cancelled.state).toBe("cancelled");
  });
});
