import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDay } from "../../src/app/dunning/run-day.js";
import { createPlan } from "../../src/app/plans/create-plan.js";
import { signPlan } from "../../src/app/plans/sign-plan.js";
import { findOrganization } from "../../src/db/repositories/organizations.js";
import type { Organization } from "../../src/db/schema.js";
import { day, smtpMailer } from "../dunning/support.js";
import { testDialects } from "../support/databases.js";
import { type Agent, signUp, startTestServer, type TestServer } from "../support/http.js";
import { startTestSmtp, type TestSmtp } from "../support/smtp.js";
import { json } from "./ledger-fixtures.js";

/**
 * The portal link in the reminders (docs/portal.md, « The link in every message »): the J−5 e-mail and the
 * reminders sent over a real SMTP server carry `<public URL>/p/<link id>.<mac>`, which opens the client's own
 * portal through the HTTP API; one link serves every message (created by the first, by no user); a tampered MAC,
 * a revoked link and a missing secret key close it.
 */
const LINE = { description: "Dépannage", quantity_milli: 1000, unit_price_cents: 50000, vat_rate_bp: 2000 };
const KEY = "4f1c2a9e8b7d6c5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e";
const BASE = "https://relance.example.fr";
const ENV = { RELANCE_SECRET_KEY: KEY, RELANCE_PUBLIC_URL: `${BASE}/` };
const URL_PATTERN = /https:\/\/relance\.example\.fr\/p\/([0-9a-f-]{36}\.[A-Za-z0-9_-]{43})/;

describe.each(testDialects())("the portal link in the reminders (%s)", (dialect) => {
  let s: TestServer;
  let smtp: TestSmtp;
  let owner: Agent;
  let org: Organization;
  let clientA: string;
  let clientB: string;
  const previousKey = process.env.RELANCE_SECRET_KEY;

  async function client(name: string, email: string): Promise<string> {
    return json<{ id: string }>(
      await owner.post("/api/v1/clients", {
        kind: "business",
        name,
        contacts: [{ email, is_billing: true }],
      }),
      201,
    ).id;
  }
  async function invoice(clientId: string, number: string): Promise<void> {
    json(
      await owner.post("/api/v1/invoices", {
        client_id: clientId,
        number,
        issue_date: "2026-03-01",
        due_date: "2026-03-31",
        lines: [LINE],
      }),
      201,
    );
  }
  function run(iso: string, env: NodeJS.ProcessEnv = ENV) {
    return runDay({ ctx: s.ctx, org, day: day(iso), mailer: smtpMailer(smtp), filesDir: s.filesDir, env });
  }
  function mailTo(address: string, from = 0) {
    return smtp.received.slice(from).find((m) => m.to.includes(address));
  }
  function tokenIn(text: string | null | undefined): string {
    const m = URL_PATTERN.exec(text ?? "");
    if (!m?.[1]) throw new Error(`no portal URL in ${text}`);
    return m[1];
  }
  function portal(token: string) {
    return s.app.inject({ method: "GET", url: `/api/portal/${token}`, remoteAddress: "203.0.113.9" });
  }
  async function links(clientId: string) {
    return s.ctx.db
      .selectFrom("portal_link")
      .selectAll()
      .where("organization_id", "=", org.id)
      .where("client_id", "=", clientId)
      .execute();
  }

  beforeAll(async () => {
    // the portal routes read the key from the process's environment, as in production
    process.env.RELANCE_SECRET_KEY = KEY;
    s = await startTestServer(dialect, { now: "2026-03-26T08:00:00Z", publicUrl: BASE });
    smtp = await startTestSmtp();
    owner = await signUp(s.app, { organization: "Atelier Morel" });
    json(await owner.patch("/api/v1/organization", { iban: "FR7630006000011234567890189" }));
    clientA = await client("Boulangerie Roux", "compta@roux.fr");
    clientB = await client("Garage Petit", "compta@petit.fr");
    await invoice(clientA, "F-1");
    await invoice(clientB, "G-1");
    const found = await findOrganization(s.ctx.db, owner.orgId);
    if (!found) throw new Error("no organization");
    org = found;
  });
  afterAll(async () => {
    if (previousKey === undefined) delete process.env.RELANCE_SECRET_KEY;
    else process.env.RELANCE_SECRET_KEY = previousKey;
    await smtp?.close();
    await s?.close();
  });

  it("puts the portal URL in the J−5 e-mail, and it opens that client's invoices only", async () => {
    const result = await run("2026-03-26");
    expect(result.dispatch?.sent).toBe(2);
    const mail = mailTo("compta@roux.fr");
    expect(mail?.text).toContain("F-1");
    expect(mail?.text).toContain("échéance le 31/03/2026");
    expect(mail?.text).toMatch(/600,00\s€/);
    expect(mail?.text).toMatch(
      /Consultez vos factures, payez ou signalez un paiement en ligne\s: https:\/\/relance\.example\.fr\/p\//,
    );
    const token = tokenIn(mail?.text);
    expect(mail?.html).toContain(`<a href="${BASE}/p/${token}">`);
    const [link] = await links(clientA);
    expect(token.startsWith(`${link?.id}.`)).toBe(true);

    const res = await portal(token);
    expect(res.statusCode).toBe(200);
    const view = res.json() as { invoices: { number: string }[] };
    expect(view.invoices.map((i) => i.number)).toEqual(["F-1"]);
    // the other client's message opens the other client's portal
    const other = await portal(tokenIn(mailTo("compta@petit.fr")?.text));
    expect((other.json() as { invoices: { number: string }[] }).invoices.map((i) => i.number)).toEqual([
      "G-1",
    ]);
  });

  it("creates one link per client, by no user, and quotes it in every reminder", async () => {
    const before = smtp.received.length;
    await run("2026-04-01");
    const mail = mailTo("compta@roux.fr", before);
    expect(mail?.subject).toContain("Relance");
    const first = tokenIn(mailTo("compta@roux.fr")?.text);
    expect(tokenIn(mail?.text)).toBe(first);
    const rows = await links(clientA);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.created_by).toBeNull();
    const created = await s.ctx.db
      .selectFrom("action")
      .selectAll()
      .where("organization_id", "=", org.id)
      .where("client_id", "=", clientA)
      .where("kind", "=", "portal_link_created")
      .execute();
    expect(created).toHaveLength(1);
    expect(created[0]?.user_id).toBeNull();
    expect(created[0]?.summary).toContain("pour les relances");
  });

  it("answers 404 to a tampered MAC or link id", async () => {
    const token = tokenIn(mailTo("compta@roux.fr")?.text);
    const [id = "", mac = ""] = token.split(".");
    const flipped = `${mac.slice(0, 10)}${mac[10] === "A" ? "B" : "A"}${mac.slice(11)}`;
    expect((await portal(`${id}.${flipped}`)).statusCode).toBe(404);
    const [linkB] = await links(clientB);
    expect((await portal(`${linkB?.id}.${mac}`)).statusCode).toBe(404);
    expect((await portal(token)).statusCode).toBe(200);
  });

  it("closes every message's URL when the link is revoked; the next message gets a new link", async () => {
    const token = tokenIn(mailTo("compta@roux.fr")?.text);
    expect((await owner.delete(`/api/v1/clients/${clientA}/portal-link`)).statusCode).toBeLessThan(300);
    expect((await portal(token)).statusCode).toBe(404);
    const before = smtp.received.length;
    await run("2026-04-08");
    const next = tokenIn(mailTo("compta@roux.fr", before)?.text);
    expect(next).not.toBe(token);
    expect((await portal(next)).statusCode).toBe(200);
    expect((await portal(token)).statusCode).toBe(404);
  });

  it("puts it in a payment plan's installment reminder too", async () => {
    const clientD = await client("Fleuriste Blanc", "compta@blanc.fr");
    await invoice(clientD, "K-1");
    const draft = await createPlan({
      ctx: s.ctx,
      org,
      userId: null,
      clientId: clientD,
      schedule: { count: 2, first_on: "2026-04-20" },
      graceDays: 5,
    });
    await signPlan({ ctx: s.ctx, org, userId: null, id: draft.id, signedOn: "2026-03-26" });
    const before = smtp.received.length;
    await run("2026-04-17");
    const mail = mailTo("compta@blanc.fr", before);
    expect(mail?.subject).toContain("Échéancier");
    const token = tokenIn(mail?.text);
    expect(mail?.html).toContain(`<a href="${BASE}/p/${token}">`);
    const res = await portal(token);
    expect((res.json() as { invoices: { number: string }[] }).invoices.map((i) => i.number)).toEqual(["K-1"]);
    expect(await links(clientD)).toHaveLength(1);
  });

  it("sends the reminders without a portal URL (and creates no link) without RELANCE_SECRET_KEY", async () => {
    const clientC = await client("Café Durand", "compta@durand.fr");
    await invoice(clientC, "H-1");
    const before = smtp.received.length;
    await run("2026-04-01", { RELANCE_PUBLIC_URL: BASE });
    const mail = mailTo("compta@durand.fr", before);
    expect(mail?.text).toContain("H-1");
    expect(mail?.text).not.toContain("/p/");
    expect(mail?.text).not.toContain("Consultez vos factures");
    expect(await links(clientC)).toHaveLength(0);
  });
});
