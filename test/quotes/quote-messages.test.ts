import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { dispatchOutbox } from "../../src/app/dunning/dispatch-outbox.js";
import { runDay } from "../../src/app/dunning/run-day.js";
import { isAppError } from "../../src/app/errors.js";
import { acceptQuote } from "../../src/app/quotes/accept-quote.js";
import { createQuote } from "../../src/app/quotes/create-quote.js";
import { sendQuote } from "../../src/app/quotes/send-quote.js";
import type { Organization } from "../../src/db/schema.js";
import type { Mailer } from "../../src/mail/mailer.js";
import { addBillingContact, day, smtpMailer, tempFilesDir } from "../dunning/support.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient } from "../support/factories.js";
import { pdfText } from "../support/pdf-text.js";
import { startTestSmtp, type TestSmtp } from "../support/smtp.js";

const LINES = [
  {
    description: "Création de la vitrine",
    quantity_milli: 1000,
    unit_price_cents: 200_000,
    vat_rate_bp: 2000,
  },
  { description: "Pose", quantity_milli: 2000, unit_price_cents: 20_000, vat_rate_bp: 2000 },
];

describe.each(
  testDialects(),
)("quote messages: the quote by e-mail, the reminder before expiry (%s)", (dialect) => {
  let t: TestDatabase;
  let org: Organization;
  let smtp: TestSmtp;
  let mailer: Mailer;
  let client: string;
  const files = tempFilesDir();
  const at = (iso: string): AppContext => testContext(t, { now: `${iso}T09:00:00Z` });
  const rowsOf = (quoteId: string) =>
    at("2026-12-01")
      .db.selectFrom("outbox")
      .selectAll()
      .where("organization_id", "=", org.id)
      .where("quote_id", "=", quoteId)
      .orderBy("created_at")
      .execute();
  const mailsOf = (number: string) => smtp.received.filter((m) => m.subject.includes(number));
  const count = async (table: "outbox" | "action") =>
    Number(
      (
        await at("2026-12-01")
          .db.selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .where("organization_id", "=", org.id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const quote = async (number: string, over: { valid_until?: string; deposit_percent?: number } = {}) =>
    createQuote({
      ctx: at("2026-12-01"),
      org,
      userId: null,
      input: {
        client_id: client,
        number,
        issue_date: "2026-12-01",
        valid_until: over.valid_until ?? "2026-12-31",
        deposit_percent: over.deposit_percent ?? 0,
        lines: LINES,
      },
    });
  const runOn = (iso: string, send = true) =>
    runDay({ ctx: at(iso), org, day: day(iso), mailer, filesDir: files.dir, send, env: {} });

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    smtp = await startTestSmtp();
    mailer = smtpMailer(smtp);
    const ctx = at("2026-12-01");
    org = await testOrganization(ctx, "Claire Martin Design");
    const fields = { email: "contact@clairemartin-design.fr", city: "Lyon", siren: "552100554" };
    await ctx.db.updateTable("organization").set(fields).where("id", "=", org.id).execute();
    org = { ...org, ...fields };
    client = await makeClient(ctx, org, { name: "Boulangerie Durand" });
    await addBillingContact(ctx, org, client, "compta@boulangerie-durand.fr");
  });
  afterAll(async () => {
    await mailer?.close();
    await smtp?.close();
    await t?.drop();
    files.remove();
  });

  it("e-mails the quote to the billing contact with its PDF attached, once however often it is asked", async () => {
    const q = await quote("D-2026-001", { deposit_percent: 30 });
    const ctx = at("2026-12-01");
    const sent = await sendQuote({ ctx, org, userId: null, id: q.id, email: true });
    expect(sent.status).toBe("sent");
    await sendQuote({ ctx, org, userId: null, id: q.id, email: true });
    const rows = await rowsOf(q.id);
    expect(rows.map((r) => [r.template_key, r.idempotency_key, r.state, r.step_id])).toEqual([
      ["quote.sent", `quote:${q.id}:sent`, "pending", null],
    ]);

    const first = await dispatchOutbox({ ctx, org, mailer, filesDir: files.dir, env: {} });
    expect(first).toMatchObject({ sent: 1, failed: 0, cancelled: 0 });
    expect((await dispatchOutbox({ ctx, org, mailer, filesDir: files.dir, env: {} })).sent).toBe(0);
    await sendQuote({ ctx, org, userId: null, id: q.id, email: true });
    expect((await dispatchOutbox({ ctx, org, mailer, filesDir: files.dir, env: {} })).sent).toBe(0);

    const mails = mailsOf("D-2026-001");
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    if (!mail) throw new Error("no mail");
    expect(mail.to).toEqual(["compta@boulangerie-durand.fr"]);
    const sp = (s: string | null) => (s ?? "").replace(/[\u202F\u00A0]/g, " ");
    expect(sp(mail.text)).toContain("2 880,00 €"); // 2 400 € HT + 20 % VAT
    expect(sp(mail.text)).toContain("31 décembre 2026");
    expect(sp(mail.text)).toContain("30 %, soit 864,00 €");
    expect(mail.text).not.toContain("/p/"); // no RELANCE_SECRET_KEY: no portal link
    const pdf = mail.attachments.find((a) => a.contentType.startsWith("application/pdf"));
    expect(pdf?.filename).toBe("devis-D-2026-001.pdf");
    if (!pdf) throw new Error("no PDF attached");
    expect(await pdfText(pdf.content)).toContain("D-2026-001");

    const [row] = await rowsOf(q.id);
    expect(row).toMatchObject({ state: "sent", subject: mail.subject });
    const actions = await ctx.db
      .selectFrom("action")
      .select(["kind", "summary"])
      .where("organization_id", "=", org.id)
      .where("client_id", "=", client)
      .where("kind", "in", ["quote_sent", "quote_email"])
      .execute();
    expect(actions.map((a) => a.kind).sort()).toEqual(["quote_email", "quote_sent"]);
  });

  it("marks a quote sent without e-mail by default; a client without an e-mail address gets a 409, nothing queued", async () => {
    const ctx = at("2026-12-01");
    const marked = await quote("D-2026-002");
    await sendQuote({ ctx, org, userId: null, id: marked.id });
    expect(await rowsOf(marked.id)).toEqual([]);

    const other = await makeClient(ctx, org, { name: "Fleuriste Sans Mail" });
    const draft = await createQuote({
      ctx,
      org,
      userId: null,
      input: {
        client_id: other,
        number: "D-2026-003",
        issue_date: "2026-12-01",
        deposit_percent: 0,
        lines: LINES,
      },
    });
    const before = { outbox: await count("outbox"), actions: await count("action") };
    const error = await sendQuote({ ctx, org, userId: null, id: draft.id, email: true }).catch((e) => e);
    expect(isAppError(error) && [error.code, error.messageCode]).toEqual(["conflict", "quote.no_email"]);
    expect(error.message).toContain("Fleuriste Sans Mail");
    expect(await count("outbox")).toBe(before.outbox);
    expect(await count("action")).toBe(before.actions);
    const row = await ctx.db
      .selectFrom("quote")
      .select("status")
      .where("id", "=", draft.id)
      .executeTakeFirst();
    expect(row?.status).toBe("draft");
  });

  it("reminds 5 days before the validity date, once, and never an accepted or expired quote", async () => {
    const open = await quote("D-2026-010", { valid_until: "2026-12-20" });
    const accepted = await quote("D-2026-011", { valid_until: "2026-12-20" });
    const lapsed = await quote("D-2026-012", { valid_until: "2026-12-10" });
    for (const q of [open, accepted, lapsed]) {
      await sendQuote({ ctx: at("2026-12-01"), org, userId: null, id: q.id });
    }
    await acceptQuote({ ctx: at("2026-12-12"), org, userId: null, id: accepted.id });

    await runOn("2026-12-11");
    await runOn("2026-12-14");
    expect(await rowsOf(open.id)).toEqual([]);
    expect(await rowsOf(lapsed.id)).toEqual([]);

    await runOn("2026-12-15");
    const rows = await rowsOf(open.id);
    expect(rows.map((r) => [r.template_key, r.idempotency_key, r.planned_on, r.state])).toEqual([
      ["quote.expiry", `quote:${open.id}:expiry`, "2026-12-15", "sent"],
    ]);
    const mails = mailsOf("D-2026-010");
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject.replace(/[\u202F\u00A0]/g, " ")).toBe(
      "Votre devis n° D-2026-010 expire le 20/12/2026",
    );
    expect(mails[0]?.attachments.some((a) => a.filename === "devis-D-2026-010.pdf")).toBe(true);

    await runOn("2026-12-16");
    await runOn("2026-12-20");
    expect(await rowsOf(open.id)).toHaveLength(1);
    expect(mailsOf("D-2026-010")).toHaveLength(1);
    expect(await rowsOf(accepted.id)).toEqual([]);
    expect(await rowsOf(lapsed.id)).toEqual([]);
  });

  it("cancels the reminder of a quote accepted between planning and sending, with the reason", async () => {
    const q = await quote("D-2026-020", { valid_until: "2026-12-26" });
    await sendQuote({ ctx: at("2026-12-01"), org, userId: null, id: q.id });
    await runOn("2026-12-21", false);
    expect((await rowsOf(q.id)).map((r) => r.state)).toEqual(["pending"]);

    await acceptQuote({ ctx: at("2026-12-21"), org, userId: null, id: q.id });
    const result = await dispatchOutbox({ ctx: at("2026-12-21"), org, mailer, filesDir: files.dir, env: {} });
    expect(result).toMatchObject({ sent: 0, cancelled: 1 });
    const [row] = await rowsOf(q.id);
    expect(row?.state).toBe("cancelled");
    expect(row?.cancel_reason).toBe("Annulé : le devis D-2026-020 est accepté");
    expect(mailsOf("D-2026-020")).toEqual([]);
  });
});
