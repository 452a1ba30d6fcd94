import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordPayment } from "../../src/app/payments/record-payment.js";
import { parseIsoDate } from "../../src/core/calendar.js";
import { frenchVatFromSiren, sirenCheckDigit, siretCheckDigit } from "../../src/core/identifiers.js";
import type { Cents } from "../../src/core/money.js";
import { unwrap } from "../../src/core/result.js";
import { findOrganization } from "../../src/db/repositories/organizations.js";
import type { Organization } from "../../src/db/schema.js";
import { testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";
import { type Agent, memberWithRole, signUp, startTestServer, type TestServer } from "../support/http.js";

interface Contact {
  id: string;
  client_id: string;
  name: string | null;
  role: string | null;
  email: string | null;
  phone: string | null;
  is_billing: boolean;
}

interface ClientDetail {
  id: string;
  kind: string;
  name: string;
  siren: string | null;
  siret: string | null;
  vat_number: string | null;
  city: string | null;
  country: string;
  language: string;
  tags: string[];
  notes: string | null;
  contacts: Contact[];
  stats: {
    outstanding_cents: number;
    overdue_cents: number;
    invoices: number;
    paid_invoices: number;
    average_days_late: number | null;
  };
}

interface ListItem {
  id: string;
  name: string;
  kind: string;
  siren: string | null;
  city: string | null;
  outstanding_cents: number;
  overdue_cents: number;
  open_invoices: number;
  overdue_invoices: number;
}

interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] | null };
}

let sirenCounter = 10_000_000;
/** A fresh valid SIREN (Luhn key). */
function newSiren(): string {
  sirenCounter += 7;
  const first8 = String(sirenCounter).padStart(8, "0");
  return first8 + sirenCheckDigit(first8);
}

function siretOf(siren: string, establishment = "0001"): string {
  const first13 = siren + establishment;
  return first13 + siretCheckDigit(first13);
}

async function organization(server: TestServer, agent: Agent): Promise<Organization> {
  const org = await findOrganization(server.ctx.db, agent.orgId);
  if (!org) throw new Error("no organization");
  return org;
}

/** Every page of a list, following next_cursor. */
async function allPages<T>(agent: Agent, url: string, query: Record<string, string>): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | null = null;
  do {
    const res = await agent.get(url, { query: { ...query, ...(cursor ? { cursor } : {}) } });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as Page<T>;
    pages.push(page.data);
    cursor = page.next_cursor;
  } while (cursor && pages.length < 50);
  return pages;
}

describe.each(testDialects())("clients and contacts API on %s", (dialect) => {
  let server: TestServer;
  let owner: Agent;
  let stranger: Agent;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    owner = await signUp(server.app);
    stranger = await signUp(server.app);
  });
  afterAll(async () => server?.close());

  describe("creating", () => {
    it("creates a client with its contacts; a SIRET implies its SIREN", async () => {
      const siren = newSiren();
      const res = await owner.post("/api/v1/clients", {
        kind: "business",
        name: "  Boulangerie Dupont SARL ",
        siret: siretOf(siren).replace(/(\d{3})/g, "$1 "),
        vat_number: frenchVatFromSiren(siren),
        address: "3 rue des Lilas",
        postal_code: "69003",
        city: "Lyon",
        notes: "Payer le 10",
        tags: ["boulangerie", " boulangerie ", "lyon"],
        contacts: [
          { name: "Marie Dupont", role: "Gérante", email: "Marie@Dupont.FR", is_billing: true },
          { name: "Paul", phone: "04 78 00 00 00" },
        ],
      });
      expect(res.statusCode, res.body).toBe(201);
      const client = res.json() as ClientDetail;
      expect(client).toMatchObject({
        kind: "business",
        name: "Boulangerie Dupont SARL",
        siren,
        siret: siretOf(siren),
        vat_number: frenchVatFromSiren(siren),
        city: "Lyon",
        country: "FR",
        language: "fr",
        tags: ["boulangerie", "lyon"],
        notes: "Payer le 10",
        stats: {
          outstanding_cents: 0,
          overdue_cents: 0,
          invoices: 0,
          paid_invoices: 0,
          average_days_late: null,
        },
      });
      expect(client.contacts).toHaveLength(2);
      const billing = client.contacts.find((c) => c.is_billing);
      expect(billing).toMatchObject({ client_id: client.id, email: "Marie@dupont.fr", role: "Gérante" });
      expect(Object.keys(billing ?? {}).sort()).toEqual(
        ["client_id", "email", "id", "is_billing", "name", "phone", "role"].sort(),
      );

      const again = await owner.get(`/api/v1/clients/${client.id}`);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual(client);
    });

    it("refuses a second client with the same SIREN (409), whatever the way it is written", async () => {
      const siren = newSiren();
      expect(
        (await owner.post("/api/v1/clients", { kind: "business", name: "Premier", siren })).statusCode,
      ).toBe(201);
      const spaced = `${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)}`;
      const twin = await owner.post("/api/v1/clients", { kind: "business", name: "Second", siren: spaced });
      expect(twin.statusCode).toBe(409);
      expect((twin.json() as ErrorBody).error.message).toContain("Premier");
      const bySiret = await owner.post("/api/v1/clients", {
        kind: "public",
        name: "Troisième",
        siret: siretOf(siren, "0002"),
      });
      expect(bySiret.statusCode).toBe(409);
      // Another organization may have a client with that SIREN.
      expect(
        (await stranger.post("/api/v1/clients", { kind: "business", name: "Chez eux", siren })).statusCode,
      ).toBe(201);
    });

    it("validates every field and writes nothing when one is wrong", async () => {
      const before = (
        await owner.get("/api/v1/clients", { query: { limit: "500" } })
      ).json() as Page<ListItem>;
      const cases: [unknown, string][] = [
        [{ kind: "business", name: "X", siren: "123456789" }, "siren"],
        [{ kind: "business", name: "X", siret: "12345678901234" }, "siret"],
        [{ kind: "business", name: "X", vat_number: "FR00123456789" }, "vat_number"],
        [{ kind: "business", name: "   " }, "name"],
        [{ kind: "person", name: "X" }, "kind"],
        [{ name: "X" }, "kind"],
        [{ kind: "business", name: "X", language: "de" }, "language"],
        [{ kind: "business", name: "X", country: "France" }, "country"],
        [{ kind: "business", name: "X", tags: "vip" }, "tags"],
        [{ kind: "business", name: "X", contacts: [{ email: "pas-un-email" }] }, "contacts.0.email"],
        [{ kind: "business", name: "X", contacts: [{ role: "Comptable" }] }, "contacts.0.name"],
        [
          {
            kind: "business",
            name: "X",
            contacts: [
              { name: "A", is_billing: true },
              { name: "B", is_billing: true },
            ],
          },
          "contacts.1.is_billing",
        ],
        [{ kind: "business", name: "X", siren: newSiren(), siret: siretOf(newSiren()) }, "siret"],
      ];
      for (const [body, path] of cases) {
        const res = await owner.post("/api/v1/clients", body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        const error = (res.json() as ErrorBody).error;
        expect(error.code).toBe("invalid_input");
        expect(
          error.details?.map((d) => d.path),
          JSON.stringify(body),
        ).toContain(path);
      }
      const unknown = await owner.post("/api/v1/clients", {
        kind: "business",
        name: "X",
        hold_until: "2025-01-01",
      });
      expect(unknown.statusCode).toBe(400);
      const french = await owner.post("/api/v1/clients", { kind: "business", name: "X", siren: "123456789" });
      expect((french.json() as ErrorBody).error.details?.[0]?.message).toContain("SIREN invalide");
      const english = await owner.post(
        "/api/v1/clients",
        { kind: "business", name: "X", siren: "123456789" },
        { headers: { "accept-language": "en" } },
      );
      expect((english.json() as ErrorBody).error.details?.[0]?.message).toContain("Invalid SIREN");
      const after = (
        await owner.get("/api/v1/clients", { query: { limit: "500" } })
      ).json() as Page<ListItem>;
      expect(after.data).toEqual(before.data);
    });

    it("keeps user text as given: a name with markup comes back as the same JSON string", async () => {
      const name = `<script>alert(1)</script> & "Fils" 'SARL'`;
      const res = await owner.post("/api/v1/clients", {
        kind: "consumer",
        name,
        notes: "<img src=x onerror=alert(1)>",
        contacts: [{ name: "<b>Bob</b>" }],
      });
      expect(res.statusCode, res.body).toBe(201);
      const client = res.json() as ClientDetail;
      expect(client.name).toBe(name);
      expect(client.notes).toBe("<img src=x onerror=alert(1)>");
      expect(client.contacts[0]?.name).toBe("<b>Bob</b>");
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      const list = (
        await owner.get("/api/v1/clients", { query: { q: "script alert", limit: "500" } })
      ).json() as Page<ListItem>;
      expect(list.data.map((c) => c.name)).toContain(name);
    });
  });

  describe("listing", () => {
    let lister: Agent;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      lister = await signUp(server.app);
      const org = await organization(server, lister);
      const { ctx } = server;
      ids.alpha = await makeClient(ctx, org, { name: "Alpha Conseil", siren: "732829320" });
      ids.beta = await makeClient(ctx, org, { name: "Béta Électricité", kind: "business" });
      ids.gamma = await makeClient(ctx, org, { name: "Gamma", kind: "public" });
      ids.delta = await makeClient(ctx, org, { name: "Delta", kind: "consumer" });
      ids.epsilon = await makeClient(ctx, org, { name: "Epsilon" });
      // Alpha: 300 overdue + 200 not yet due; Beta: 500 overdue, partly paid (100); Gamma: 300 overdue;
      // Delta: paid in full; Epsilon: nothing.
      await makeInvoice(ctx, org, ids.alpha, { number: "A1", total_cents: 30000, due_date: "2025-05-31" });
      await makeInvoice(ctx, org, ids.alpha, { number: "A2", total_cents: 20000, due_date: "2025-07-31" });
      const b1 = await makeInvoice(ctx, org, ids.beta, {
        number: "B1",
        total_cents: 50000,
        due_date: "2025-06-29",
      });
      await recordPayment({
        ctx,
        org,
        invoice: { id: b1 },
        amount: 10000 as Cents,
        date: unwrap(parseIsoDate("2025-06-01")),
        method: "transfer",
      });
      await makeInvoice(ctx, org, ids.gamma, { number: "G1", total_cents: 30000, due_date: "2025-06-01" });
      const d1 = await makeInvoice(ctx, org, ids.delta, {
        number: "D1",
        total_cents: 9000,
        due_date: "2025-03-01",
      });
      await recordPayment({
        ctx,
        org,
        invoice: { id: d1 },
        amount: 9000 as Cents,
        date: unwrap(parseIsoDate("2025-03-05")),
        method: "card",
      });
      // Another organization's client never shows.
      await makeClient(ctx, await organization(server, stranger), { name: "Alpha Étranger" });
    });

    it("lists by name with the balances of each client", async () => {
      const res = await lister.get("/api/v1/clients");
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as Page<ListItem>;
      expect(page.next_cursor).toBeNull();
      expect(page.data.map((c) => c.name)).toEqual([
        "Alpha Conseil",
        "Béta Électricité",
        "Delta",
        "Epsilon",
        "Gamma",
      ]);
      const alpha = page.data[0];
      expect(alpha).toEqual({
        id: ids.alpha,
        name: "Alpha Conseil",
        kind: "business",
        siren: "732829320",
        city: null,
        outstanding_cents: 50000,
        overdue_cents: 30000,
        open_invoices: 2,
        overdue_invoices: 1,
        // A1, its only invoice due, 30 days late and unpaid: 100 − 30 − 25 − 7 (docs/calls.md)
        score: { value: 38, grade: "D" },
      });
      expect(page.data[1]).toMatchObject({
        outstanding_cents: 40000,
        overdue_cents: 40000,
        overdue_invoices: 1,
      });
      expect(page.data[2]).toMatchObject({ outstanding_cents: 0, open_invoices: 0 });
    });

    it("sorts by overdue amount, then name, then id, and pages with a cursor on both sorts", async () => {
      const overdue = (
        await lister.get("/api/v1/clients", { query: { sort: "overdue" } })
      ).json() as Page<ListItem>;
      expect(overdue.data.map((c) => [c.name, c.overdue_cents])).toEqual([
        ["Béta Électricité", 40000],
        ["Alpha Conseil", 30000],
        ["Gamma", 30000],
        ["Delta", 0],
        ["Epsilon", 0],
      ]);
      for (const sort of ["overdue", "name"]) {
        const whole = (await lister.get("/api/v1/clients", { query: { sort } })).json() as Page<ListItem>;
        for (const limit of ["1", "2", "3"]) {
          const pages = await allPages<ListItem>(lister, "/api/v1/clients", { sort, limit });
          expect(
            pages.flat().map((c) => c.id),
            `${sort} by ${limit}`,
          ).toEqual(whole.data.map((c) => c.id));
          expect(pages.slice(0, -1).every((p) => p.length === Number(limit))).toBe(true);
        }
      }
    });

    it("refuses a cursor of the other sort or a forged one", async () => {
      const first = (
        await lister.get("/api/v1/clients", { query: { sort: "name", limit: "2" } })
      ).json() as Page<ListItem>;
      expect(first.next_cursor).not.toBeNull();
      const wrong = await lister.get("/api/v1/clients", {
        query: { sort: "overdue", cursor: first.next_cursor ?? "" },
      });
      expect(wrong.statusCode).toBe(400);
      expect((await lister.get("/api/v1/clients", { query: { cursor: "pas-un-curseur" } })).statusCode).toBe(
        400,
      );
      expect((await lister.get("/api/v1/clients", { query: { limit: "0" } })).statusCode).toBe(400);
      expect((await lister.get("/api/v1/clients", { query: { search: "x" } })).statusCode).toBe(400);
    });

    it("searches the normalized name and the SIREN, and filters on the kind", async () => {
      const names = async (query: Record<string, string>) =>
        ((await lister.get("/api/v1/clients", { query })).json() as Page<ListItem>).data.map((c) => c.name);
      expect(await names({ q: "ELECTRICITE" })).toEqual(["Béta Électricité"]);
      expect(await names({ q: "conseil" })).toEqual(["Alpha Conseil"]);
      expect(await names({ q: "732 829" })).toEqual(["Alpha Conseil"]);
      expect(await names({ q: "alpha" })).toEqual(["Alpha Conseil"]);
      expect(await names({ kind: "public" })).toEqual(["Gamma"]);
      expect(await names({ kind: "consumer", q: "delta" })).toEqual(["Delta"]);
      expect(await names({ q: "nobody" })).toEqual([]);
      expect((await lister.get("/api/v1/clients", { query: { kind: "person" } })).statusCode).toBe(400);
    });

    it("gives each client's statistics, with the average delay of its paid invoices", async () => {
      const org = await organization(server, lister);
      const { ctx } = server;
      const id = await makeClient(ctx, org, { name: "Retardataire" });
      // Due 2025-03-01, paid in two payments, the last on 2025-03-11: 10 days late.
      const late = await makeInvoice(ctx, org, id, {
        number: "R1",
        total_cents: 10000,
        due_date: "2025-03-01",
      });
      for (const [amount, date] of [
        [4000, "2025-03-05"],
        [6000, "2025-03-11"],
      ] as const) {
        await recordPayment({
          ctx,
          org,
          invoice: { id: late },
          amount: amount as Cents,
          date: unwrap(parseIsoDate(date)),
          method: "transfer",
        });
      }
      // Paid early: counts as 0. Mean (10 + 0 + 1) / 3 = 3.666… → 3.7.
      const early = await makeInvoice(ctx, org, id, {
        number: "R2",
        total_cents: 5000,
        due_date: "2025-04-30",
      });
      await recordPayment({
        ctx,
        org,
        invoice: { id: early },
        amount: 5000 as Cents,
        date: unwrap(parseIsoDate("2025-04-20")),
        method: "cheque",
      });
      const oneDay = await makeInvoice(ctx, org, id, {
        number: "R3",
        total_cents: 1000,
        due_date: "2025-05-31",
      });
      await recordPayment({
        ctx,
        org,
        invoice: { id: oneDay },
        amount: 1000 as Cents,
        date: unwrap(parseIsoDate("2025-06-01")),
        method: "cheque",
      });
      // Still open, partly paid: not in the mean.
      const open = await makeInvoice(ctx, org, id, {
        number: "R4",
        total_cents: 8000,
        due_date: "2025-06-15",
      });
      await recordPayment({
        ctx,
        org,
        invoice: { id: open },
        amount: 3000 as Cents,
        date: unwrap(parseIsoDate("2025-06-20")),
        method: "cheque",
      });
      const res = await lister.get(`/api/v1/clients/${id}`);
      expect(res.statusCode, res.body).toBe(200);
      expect((res.json() as ClientDetail).stats).toEqual({
        outstanding_cents: 5000,
        overdue_cents: 5000,
        invoices: 4,
        paid_invoices: 3,
        average_days_late: 3.7,
      });
      const none = (await lister.get(`/api/v1/clients/${ids.alpha}`)).json() as ClientDetail;
      expect(none.stats).toEqual({
        outstanding_cents: 50000,
        overdue_cents: 30000,
        invoices: 2,
        paid_invoices: 0,
        average_days_late: null,
      });
    });
  });

  describe("changing", () => {
    it("updates fields, keeps the search key in sync, clears with null", async () => {
      const created = (
        await owner.post("/api/v1/clients", {
          kind: "business",
          name: "Ancien Nom",
          city: "Lyon",
          notes: "x",
        })
      ).json() as ClientDetail;
      const siren = newSiren();
      const res = await owner.patch(`/api/v1/clients/${created.id}`, {
        name: "Menuiserie Nouvelle",
        city: null,
        notes: "  ",
        siret: siretOf(siren),
        language: "en",
        country: "be",
        tags: ["menuiserie"],
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        id: created.id,
        name: "Menuiserie Nouvelle",
        city: null,
        notes: null,
        siren,
        siret: siretOf(siren),
        language: "en",
        country: "BE",
        tags: ["menuiserie"],
      });
      const found = (
        await owner.get("/api/v1/clients", { query: { q: "menuiserie nouvelle" } })
      ).json() as Page<ListItem>;
      expect(found.data.map((c) => c.id)).toEqual([created.id]);
      const old = (
        await owner.get("/api/v1/clients", { query: { q: "ancien nom" } })
      ).json() as Page<ListItem>;
      expect(old.data).toEqual([]);
    });

    it("refuses invalid changes, a SIREN that does not match the SIRET, and another client's SIREN", async () => {
      const siren = newSiren();
      const a = (
        await owner.post("/api/v1/clients", { kind: "business", name: "A", siret: siretOf(siren) })
      ).json() as ClientDetail;
      const otherSiren = newSiren();
      const b = (
        await owner.post("/api/v1/clients", { kind: "business", name: "B", siren: otherSiren })
      ).json() as ClientDetail;
      const mismatch = await owner.patch(`/api/v1/clients/${a.id}`, { siren: newSiren() });
      expect(mismatch.statusCode).toBe(400);
      expect((mismatch.json() as ErrorBody).error.details?.[0]?.path).toBe("siren");
      expect((await owner.patch(`/api/v1/clients/${a.id}`, { vat_number: "XX123" })).statusCode).toBe(400);
      expect((await owner.patch(`/api/v1/clients/${a.id}`, { name: "" })).statusCode).toBe(400);
      expect((await owner.patch(`/api/v1/clients/${a.id}`, { contacts: [] })).statusCode).toBe(400);
      expect(
        (await owner.patch(`/api/v1/clients/${b.id}`, { siret: siretOf(siren, "0009") })).statusCode,
      ).toBe(409);
      expect((await owner.patch(`/api/v1/clients/${b.id}`, { siren })).statusCode).toBe(409);
      const unchanged = (await owner.get(`/api/v1/clients/${b.id}`)).json() as ClientDetail;
      expect(unchanged.siren).toBe(otherSiren);
      // Its own SIREN again is fine.
      expect((await owner.patch(`/api/v1/clients/${b.id}`, { siren: otherSiren })).statusCode).toBe(200);
    });

    it("answers 404 for another organization's client and for an unknown id", async () => {
      const theirs = (
        await stranger.post("/api/v1/clients", { kind: "business", name: "À eux" })
      ).json() as ClientDetail;
      expect((await owner.get(`/api/v1/clients/${theirs.id}`)).statusCode).toBe(404);
      const patch = await owner.patch(`/api/v1/clients/${theirs.id}`, { name: "Volé" });
      expect(patch.statusCode).toBe(404);
      expect((patch.json() as ErrorBody).error.code).toBe("not_found");
      expect((await owner.get("/api/v1/clients/nope")).statusCode).toBe(404);
      expect(((await stranger.get(`/api/v1/clients/${theirs.id}`)).json() as ClientDetail).name).toBe(
        "À eux",
      );
    });
  });

  describe("contacts", () => {
    let client: ClientDetail;

    beforeAll(async () => {
      client = (
        await owner.post("/api/v1/clients", {
          kind: "business",
          name: "Contacts & Co",
          contacts: [{ name: "Première", email: "premiere@example.fr", is_billing: true }],
        })
      ).json() as ClientDetail;
    });

    it("adds a contact; a new billing contact takes the flag from the previous one", async () => {
      const res = await owner.post(`/api/v1/clients/${client.id}/contacts`, {
        name: "Seconde",
        email: "seconde@EXAMPLE.fr",
        phone: "06 00 00 00 00",
        is_billing: true,
      });
      expect(res.statusCode, res.body).toBe(201);
      const contact = res.json() as Contact;
      expect(contact).toMatchObject({
        client_id: client.id,
        name: "Seconde",
        email: "seconde@example.fr",
        is_billing: true,
        role: null,
      });
      const detail = (await owner.get(`/api/v1/clients/${client.id}`)).json() as ClientDetail;
      expect(detail.contacts.filter((c) => c.is_billing).map((c) => c.id)).toEqual([contact.id]);
    });

    it("updates a contact: billing flag moves, null clears, bad e-mail and empty contact are refused", async () => {
      const first = ((await owner.get(`/api/v1/clients/${client.id}`)).json() as ClientDetail).contacts.find(
        (c) => c.name === "Première",
      );
      if (!first) throw new Error("no contact");
      const res = await owner.patch(`/api/v1/contacts/${first.id}`, { is_billing: true, role: "Comptable" });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id: first.id, is_billing: true, role: "Comptable" });
      let detail = (await owner.get(`/api/v1/clients/${client.id}`)).json() as ClientDetail;
      expect(detail.contacts.filter((c) => c.is_billing).map((c) => c.id)).toEqual([first.id]);

      const bad = await owner.patch(`/api/v1/contacts/${first.id}`, { email: "nope@", is_billing: false });
      expect(bad.statusCode).toBe(400);
      expect((bad.json() as ErrorBody).error.details?.[0]?.path).toBe("email");
      const empty = await owner.patch(`/api/v1/contacts/${first.id}`, { name: null, email: null });
      expect(empty.statusCode).toBe(400);
      expect((await owner.patch(`/api/v1/contacts/${first.id}`, { client_id: "x" })).statusCode).toBe(400);
      detail = (await owner.get(`/api/v1/clients/${client.id}`)).json() as ClientDetail;
      expect(detail.contacts.find((c) => c.id === first.id)).toMatchObject({
        name: "Première",
        email: "premiere@example.fr",
        is_billing: true,
      });

      const cleared = await owner.patch(`/api/v1/contacts/${first.id}`, { role: null, email: "" });
      expect(cleared.json()).toMatchObject({ role: null, email: null, name: "Première" });
      expect((await owner.post(`/api/v1/clients/${client.id}/contacts`, {})).statusCode).toBe(400);
      expect((await owner.post(`/api/v1/clients/${client.id}/contacts`, { email: "x" })).statusCode).toBe(
        400,
      );
    });

    it("deletes a contact", async () => {
      const added = (
        await owner.post(`/api/v1/clients/${client.id}/contacts`, { name: "Éphémère" })
      ).json() as Contact;
      const res = await owner.delete(`/api/v1/contacts/${added.id}`);
      expect(res.statusCode).toBe(204);
      expect((await owner.delete(`/api/v1/contacts/${added.id}`)).statusCode).toBe(404);
      expect((await owner.patch(`/api/v1/contacts/${added.id}`, { name: "x" })).statusCode).toBe(404);
      const detail = (await owner.get(`/api/v1/clients/${client.id}`)).json() as ClientDetail;
      expect(detail.contacts.map((c) => c.id)).not.toContain(added.id);
    });

    it("answers 404 for another organization's client or contact", async () => {
      const theirs = (
        await stranger.post("/api/v1/clients", {
          kind: "business",
          name: "Leur client",
          contacts: [{ name: "Leur" }],
        })
      ).json() as ClientDetail;
      const theirContact = theirs.contacts[0];
      if (!theirContact) throw new Error("no contact");
      expect((await owner.post(`/api/v1/clients/${theirs.id}/contacts`, { name: "Intrus" })).statusCode).toBe(
        404,
      );
      expect((await owner.patch(`/api/v1/contacts/${theirContact.id}`, { name: "Intrus" })).statusCode).toBe(
        404,
      );
      expect((await owner.delete(`/api/v1/contacts/${theirContact.id}`)).statusCode).toBe(404);
      const still = (await stranger.get(`/api/v1/clients/${theirs.id}`)).json() as ClientDetail;
      expect(still.contacts).toEqual(theirs.contacts);
    });
  });

  describe("roles", () => {
    it("viewers only read; collectors manage contacts but cannot create or change clients", async () => {
      const client = (
        await owner.post("/api/v1/clients", { kind: "business", name: "Rôles" })
      ).json() as ClientDetail;
      const viewer = await memberWithRole(owner, "viewer");
      const collector = await memberWithRole(owner, "collector");

      expect((await viewer.get("/api/v1/clients")).statusCode).toBe(200);
      expect((await viewer.get(`/api/v1/clients/${client.id}`)).statusCode).toBe(200);
      expect((await viewer.post("/api/v1/clients", { kind: "business", name: "Non" })).statusCode).toBe(403);
      expect((await viewer.patch(`/api/v1/clients/${client.id}`, { name: "Non" })).statusCode).toBe(403);
      expect((await viewer.post(`/api/v1/clients/${client.id}/contacts`, { name: "Non" })).statusCode).toBe(
        403,
      );

      expect((await collector.post("/api/v1/clients", { kind: "business", name: "Non" })).statusCode).toBe(
        403,
      );
      expect((await collector.patch(`/api/v1/clients/${client.id}`, { name: "Non" })).statusCode).toBe(403);
      const added = await collector.post(`/api/v1/clients/${client.id}/contacts`, { name: "Par l'agent" });
      expect(added.statusCode, added.body).toBe(201);
      const contactId = (added.json() as Contact).id;
      expect((await viewer.patch(`/api/v1/contacts/${contactId}`, { name: "Non" })).statusCode).toBe(403);
      expect((await viewer.delete(`/api/v1/contacts/${contactId}`)).statusCode).toBe(403);
      expect((await collector.patch(`/api/v1/contacts/${contactId}`, { role: "Agent" })).statusCode).toBe(
        200,
      );
      expect((await collector.delete(`/api/v1/contacts/${contactId}`)).statusCode).toBe(204);

      const detail = (await owner.get(`/api/v1/clients/${client.id}`)).json() as ClientDetail;
      expect(detail.name).toBe("Rôles");
      expect(detail.contacts).toEqual([]);
    });

    it("needs a session and the CSRF token", async () => {
      expect((await server.app.inject({ method: "GET", url: "/api/v1/clients" })).statusCode).toBe(401);
      const res = await owner.post(
        "/api/v1/clients",
        { kind: "business", name: "Sans jeton" },
        { noCsrf: true },
      );
      expect(res.statusCode).toBe(403);
    });
  });
});
