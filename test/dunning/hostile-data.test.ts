/**
 * Template injection through the data (OWASP ASVS 5.0 1.3.7, and 1.2.1 for the HTML): an organization, a client
 * and an invoice number holding Liquid syntax and HTML, typed through the API, come back as typed in the API's
 * JSON, are printed as text — never parsed as a template — in the reminder e-mail received by a real SMTP server
 * (HTML part escaped), and are drawn as text in the mise en demeure PDF made by the dispatcher.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Organization } from "../../src/db/schema.js";
import { json } from "../http/ledger-fixtures.js";
import { testDialects } from "../support/databases.js";
import { type Agent, signUp, startTestServer, type TestServer } from "../support/http.js";
import { pdfText } from "../support/pdf-text.js";
import { startTestSmtp, type TestSmtp } from "../support/smtp.js";
import { runOn, smtpMailer } from "./support.js";

const HTML = "<img src=x onerror=alert(1)>";
const ESCAPED = "&lt;img src=x onerror=alert(1)&gt;";
const ORG_NAME = `Atelier {{ 7*7 }} ${HTML}`;
const CLIENT_NAME = `{% assign x = 1 %}{{ x }} {{ organization.iban }} ${HTML}`;
const NUMBER = `F-{{ 7*7 }}${HTML}`;
const IBAN = "FR7630006000011234567890189";

interface Outbox {
  id: string;
  state: string;
  channel: string;
  client_name: string;
  invoices: { id: string; number: string }[];
  subject: string;
  text_body: string;
  html_body: string | null;
  document_id: string | null;
}

/** Whitespace removed: a long name may wrap in a PDF, and the text extraction puts spaces where lines break. */
const squeeze = (s: string) => s.replace(/\s+/g, "");

describe.each(testDialects())("hostile names in messages and letters (%s)", (dialect) => {
  let s: TestServer;
  let smtp: TestSmtp;
  let owner: Agent;
  let org: Organization;
  let clientId: string;
  let invoiceId: string;

  beforeAll(async () => {
    // today on the server: 2026-03-20; the invoice fell due on 2026-02-10
    s = await startTestServer(dialect, { now: "2026-03-20T08:00:00Z" });
    smtp = await startTestSmtp();
    owner = await signUp(s.app, { organization: ORG_NAME });
    json(
      await owner.patch("/api/v1/organization", {
        email: "compta@atelier.fr",
        iban: IBAN,
        address: "12 rue de la République",
        postal_code: "69002",
        city: "Lyon",
      }),
    );
    clientId = json<{ id: string }>(
      await owner.post("/api/v1/clients", {
        kind: "consumer",
        name: CLIENT_NAME,
        address: "4 place Bellecour",
        postal_code: "69002",
        city: "Lyon",
        contacts: [{ email: "client@example.fr", is_billing: true }],
      }),
      201,
    ).id;
    invoiceId = json<{ id: string }>(
      await owner.post("/api/v1/invoices", {
        client_id: clientId,
        number: NUMBER,
        issue_date: "2026-01-10",
        due_date: "2026-02-10",
        lines: [
          { description: "Dépannage", quantity_milli: 1000, unit_price_cents: 50_000, vat_rate_bp: 2000 },
        ],
      }),
      201,
    ).id;
    org = await s.ctx.db
      .selectFrom("organization")
      .selectAll()
      .where("id", "=", owner.orgId)
      .executeTakeFirstOrThrow();
  });
  afterAll(async () => {
    await smtp?.close();
    await s?.close();
  });

  it("keeps the names as typed in the API's JSON", async () => {
    const organization = json<{ name: string; iban: string }>(await owner.get("/api/v1/organization"));
    expect(organization.name).toBe(ORG_NAME);
    expect(organization.iban).toBe(IBAN);
    const client = await owner.get(`/api/v1/clients/${clientId}`);
    expect(client.headers["content-type"]).toMatch(/^application\/json/);
    expect(json<{ name: string }>(client).name).toBe(CLIENT_NAME);
    const invoice = json<{ number: string; client: { name: string } }>(
      await owner.get(`/api/v1/invoices/${invoiceId}`),
    );
    expect(invoice.number).toBe(NUMBER);
    const list = json<{ data: { number: string }[] }>(await owner.get("/api/v1/invoices"));
    expect(list.data.map((i) => i.number)).toEqual([NUMBER]);
  });

  it("prints them as text in the reminder e-mail: nothing evaluated, the HTML part escaped", async () => {
    const result = await runOn(s.ctx, org, "2026-02-11", smtpMailer(smtp), s.filesDir);
    expect(result.planned.map((p) => p.invoices)).toEqual([[NUMBER]]);
    await smtp.waitFor(1);
    const mail = smtp.received[0];
    if (!mail?.text || !mail.html) throw new Error("no text or HTML part");
    expect(mail.to).toEqual(["client@example.fr"]);

    expect(mail.subject).toContain(NUMBER);
    // the greeting names the consumer client, the list names the invoice, the signature the organization
    expect(mail.text).toContain(`Bonjour ${CLIENT_NAME},`);
    expect(mail.text).toContain(`- Facture n°\u00a0${NUMBER} du 10/01/2026`);
    expect(mail.text).toContain(ORG_NAME);
    for (const evaluated of ["F-49", "Atelier 49", "Bonjour 1 ", `Bonjour 1${IBAN}`, `1 ${IBAN}`]) {
      expect(mail.text).not.toContain(evaluated);
      expect(mail.subject).not.toContain(evaluated);
      expect(mail.html).not.toContain(evaluated);
    }

    expect(mail.html).not.toContain("<img src=x");
    expect(mail.html).toContain(`{% assign x = 1 %}{{ x }} {{ organization.iban }} ${ESCAPED}`);
    expect(mail.html).toContain(`F-{{ 7*7 }}${ESCAPED}`);
    expect(mail.html).toContain(`Atelier {{ 7*7 }} ${ESCAPED}`);

    // the API shows the message as sent, with the same literal text
    const outbox = json<{ data: Outbox[] }>(await owner.get("/api/v1/outbox")).data;
    expect(outbox).toHaveLength(1);
    const sent = json<Outbox>(await owner.get(`/api/v1/outbox/${outbox[0]?.id}`));
    expect(sent.client_name).toBe(CLIENT_NAME);
    expect(sent.invoices.map((i) => i.number)).toEqual([NUMBER]);
    expect(sent.subject).toBe(mail.subject);
    expect(sent.text_body).toContain(`Bonjour ${CLIENT_NAME},`);
    expect(sent.html_body).not.toContain("<img src=x");
    expect(sent.html_body).toContain(`{% assign x = 1 %}{{ x }} {{ organization.iban }} ${ESCAPED}`);
  });

  it("draws them as text in the mise en demeure PDF", async () => {
    // J+30: the mise en demeure, awaiting approval; approved, it is made on the next run
    await runOn(s.ctx, org, "2026-03-12", smtpMailer(smtp), s.filesDir);
    const pending = json<{ data: Outbox[] }>(await owner.get("/api/v1/outbox")).data.filter(
      (m) => m.channel === "registered_letter",
    );
    expect(pending.map((m) => m.state)).toEqual(["awaiting_approval"]);
    json(await owner.post(`/api/v1/outbox/${pending[0]?.id}/approve`));
    await runOn(s.ctx, org, "2026-03-20", smtpMailer(smtp), s.filesDir);

    const made = json<Outbox>(await owner.get(`/api/v1/outbox/${pending[0]?.id}`));
    expect(made.state).toBe("sent");
    const content = await owner.get(`/api/v1/documents/${made.document_id}/content`);
    expect(content.statusCode).toBe(200);
    expect(content.headers["content-type"]).toBe("application/pdf");
    const text = await pdfText(content.rawPayload);
    expect(text).toMatch(/mise en demeure/i);
    const flat = squeeze(text);
    expect(flat).toContain(squeeze(ORG_NAME));
    // the debtor's block cuts a long name with « … »: what is printed of it is the literal text
    expect(flat).toContain(squeeze("{% assign x = 1 %}{{ x }} {{ organization.iban }} <img src=x"));
    expect(flat).toContain(squeeze(`Référence à indiquer : ${NUMBER}`));
    expect(flat).not.toContain("F-49");
    expect(flat).not.toContain("Atelier49");
  });
});
