/**
 * Template injection through the data in the messages other than the dunning reminders (OWASP ASVS 5.0 1.3.7, and
 * 1.2.1 for the HTML): the quote sent by e-mail (`quote.sent`), the reminder of an unpaid deposit invoice
 * (`deposit.reminder_1`) and the payment plan's installment reminder (`plan.installment_before`) go through the
 * same `renderMessage` as the reminders. Their default templates greet the billing contact by name (the client's
 * name is not in them): a contact name, an organization name and numbers holding Liquid and HTML are, in each e-mail
 * received by a real SMTP server, printed as typed, never evaluated, and escaped in the HTML part.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { dispatchOutbox } from "../../src/app/dunning/dispatch-outbox.js";
import { runDay } from "../../src/app/dunning/run-day.js";
import { createPlan } from "../../src/app/plans/create-plan.js";
import { signPlan } from "../../src/app/plans/sign-plan.js";
import { acceptQuote } from "../../src/app/quotes/accept-quote.js";
import { createQuote } from "../../src/app/quotes/create-quote.js";
import { sendQuote } from "../../src/app/quotes/send-quote.js";
import { newId } from "../../src/db/ids.js";
import { insertContacts } from "../../src/db/repositories/clients.js";
import type { Organization } from "../../src/db/schema.js";
import type { Mailer } from "../../src/mail/mailer.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";
import { pdfText } from "../support/pdf-text.js";
import { type ReceivedMail, startTestSmtp, type TestSmtp } from "../support/smtp.js";
import { day, smtpMailer, tempFilesDir } from "./support.js";

const HTML = "<img src=x onerror=alert(1)>";
const ESCAPED = "&lt;img src=x onerror=alert(1)&gt;";
const IBAN = "FR7630006000011234567890189";
const ORG_NAME = `Atelier {{ 7*7 }} ${HTML}`;
const CLIENT_NAME = `Client {{ 7*7 }} ${HTML}`;
const CONTACT_NAME = `{% assign x = 1 %}{{ x }} {{ organization.iban }} ${HTML}`;
const QUOTE_NUMBER = "D-{{ 7*7 }}<b>x</b>";
const INVOICE_NUMBER = `F-{{ 7*7 }}${HTML}`;
/** What the Liquid above would print, had it been evaluated, next to its neighbours. */
const EVALUATED = [
  "Atelier 49",
  "Client 49",
  "D-49",
  "F-49",
  "AC-D-49",
  "Bonjour 1 ",
  `Bonjour 1${IBAN}`,
  `1 ${IBAN}`,
];

/** The text as typed in the text part and the subject, never evaluated; escaped in the HTML part. */
function expectLiteral(mail: ReceivedMail, number: string, escapedNumber: string): void {
  if (!mail.text || !mail.html) throw new Error("no text or HTML part");
  expect(mail.text).toContain(`Bonjour ${CONTACT_NAME},`);
  expect(mail.text).toContain(ORG_NAME);
  expect(`${mail.subject}\n${mail.text}`).toContain(number);
  for (const evaluated of EVALUATED) {
    expect(mail.subject).not.toContain(evaluated);
    expect(mail.text).not.toContain(evaluated);
    expect(mail.html).not.toContain(evaluated);
  }
  expect(mail.html).not.toContain("<img src=x");
  expect(mail.html).not.toContain("<b>x</b>");
  expect(mail.html).toContain(`Bonjour {% assign x = 1 %}{{ x }} {{ organization.iban }} ${ESCAPED},`);
  expect(mail.html).toContain(`Atelier {{ 7*7 }} ${ESCAPED}`);
  expect(mail.html).toContain(escapedNumber);
}

describe.each(
  testDialects(),
)("hostile names in the quote, deposit and payment plan messages (%s)", (dialect) => {
  let t: TestDatabase;
  let org: Organization;
  let smtp: TestSmtp;
  let mailer: Mailer;
  let client: string;
  let quoteId: string;
  const files = tempFilesDir();
  const at = (iso: string): AppContext => testContext(t, { now: `${iso}T09:00:00Z` });
  const runOn = (iso: string) =>
    runDay({ ctx: at(iso), org, day: day(iso), mailer, filesDir: files.dir, send: true, env: {} });
  /** The mails whose subject or text holds `s`. */
  const mailsWith = (s: string) => smtp.received.filter((m) => `${m.subject}\n${m.text}`.includes(s));

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    smtp = await startTestSmtp();
    mailer = smtpMailer(smtp);
    const ctx = at("2026-12-01");
    org = await testOrganization(ctx, ORG_NAME);
    const fields = { email: "contact@atelier.fr", city: "Lyon", siren: "552100554", iban: IBAN };
    await ctx.db.updateTable("organization").set(fields).where("id", "=", org.id).execute();
    org = { ...org, ...fields };
    client = await makeClient(ctx, org, { name: CLIENT_NAME, kind: "consumer" });
    await insertContacts(ctx.db, [
      {
        id: newId(),
        organization_id: org.id,
        client_id: client,
        name: CONTACT_NAME,
        role: null,
        email: "client@example.fr",
        phone: null,
        is_billing: 1,
        created_at: "2026-11-01T00:00:00.000Z",
        updated_at: "2026-11-01T00:00:00.000Z",
      },
    ]);
    quoteId = (
      await createQuote({
        ctx,
        org,
        userId: null,
        input: {
          client_id: client,
          number: QUOTE_NUMBER,
          issue_date: "2026-12-01",
          valid_until: "2026-12-31",
          deposit_percent: 30,
          lines: [
            { description: "Cuisine", quantity_milli: 1000, unit_price_cents: 500_000, vat_rate_bp: 1000 },
          ],
        },
      })
    ).id;
  });
  afterAll(async () => {
    await mailer?.close();
    await smtp?.close();
    await t?.drop();
    files.remove();
  });

  it("prints them as text in the quote's e-mail (quote.sent), escaped in the HTML part", async () => {
    const ctx = at("2026-12-01");
    await sendQuote({ ctx, org, userId: null, id: quoteId, email: true });
    expect(await dispatchOutbox({ ctx, org, mailer, filesDir: files.dir, env: {} })).toMatchObject({
      sent: 1,
    });
    await smtp.waitFor(1);
    const [mail] = mailsWith(QUOTE_NUMBER);
    if (!mail) throw new Error("no quote e-mail");
    expect(mail.subject).toBe(`Devis n° ${QUOTE_NUMBER} – ${ORG_NAME}`);
    expectLiteral(mail, QUOTE_NUMBER, "D-{{ 7*7 }}&lt;b&gt;x&lt;/b&gt;");
    // the quote attached: the client's name drawn as text
    const pdf = mail.attachments.find((a) => a.contentType.startsWith("application/pdf"));
    if (!pdf) throw new Error("no PDF attached");
    const text = await pdfText(pdf.content);
    expect(text).toContain(`Devis n° ${QUOTE_NUMBER}`);
    expect(text).toContain(CLIENT_NAME);
    expect(text).not.toContain("Client 49");
  });

  it("prints them as text in the deposit invoice's reminder (deposit.reminder_1)", async () => {
    await acceptQuote({ ctx: at("2026-12-01"), org, userId: null, id: quoteId });
    const deposit = await at("2026-12-01")
      .db.selectFrom("invoice")
      .select(["number", "due_date"])
      .where("organization_id", "=", org.id)
      .where("kind", "=", "deposit")
      .executeTakeFirstOrThrow();
    expect(deposit.number).toBe(`AC-${QUOTE_NUMBER}`);
    const before = smtp.received.length;
    await runOn("2026-12-04"); // J+3 of a deposit due on 1 December
    await smtp.waitFor(before + 1);
    const mails = mailsWith(`AC-${QUOTE_NUMBER}`);
    expect(mails).toHaveLength(1);
    expectLiteral(mails[0] as ReceivedMail, `AC-${QUOTE_NUMBER}`, "AC-D-{{ 7*7 }}&lt;b&gt;x&lt;/b&gt;");
  });

  it("prints them as text in the payment plan's installment reminder (plan.installment_before)", async () => {
    const ctx = at("2026-12-05");
    const invoice = await makeInvoice(ctx, org, client, {
      number: INVOICE_NUMBER,
      total_cents: 90_000,
      issue_date: "2026-12-01",
      due_date: "2026-12-31",
    });
    const plan = await createPlan({
      ctx,
      org,
      userId: null,
      clientId: client,
      invoiceIds: [invoice],
      schedule: { dates: ["2026-12-20", "2027-01-20"], amounts: [45_000, 45_000] },
    });
    await signPlan({ ctx, org, userId: null, id: plan.id });
    const before = smtp.received.length;
    await runOn("2026-12-17"); // J−3 of the first installment
    await smtp.waitFor(before + 1);
    const mails = mailsWith("Échéancier");
    expect(mails).toHaveLength(1);
    expectLiteral(mails[0] as ReceivedMail, INVOICE_NUMBER, `F-{{ 7*7 }}${ESCAPED}`);
  });
});
