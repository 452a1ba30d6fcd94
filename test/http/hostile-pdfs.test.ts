/**
 * Hostile text in every PDF Relance makes from the ledger (issue 11; OWASP ASVS 5.0 1.3.3, number to confirm):
 * an organization, clients, addresses, invoice and quote numbers and line descriptions holding markup
 * (`<b>x</b>`, `<img src=x onerror=alert(1)>`), Liquid (`{{ 7*7 }}`), a bidi override, zero-width characters,
 * emoji, Cyrillic and CJK letters and a very long word, typed through the API. The invoice, Factur-X, duplicate,
 * quote, bill of exchange, payment plan acknowledgement, call sheet, the four recovery PDFs and the aging balance
 * are made without a crash; read back, each shows the text as plain text — what the WinAnsi sanitising of
 * src/pdf/text.ts leaves of it — and nothing evaluated. The Factur-X invoice's XML keeps the exact text, escaped.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEInvoice } from "../../src/formats/einvoice/read-einvoice.js";
import { isWinAnsi } from "../../src/pdf/text.js";
import { testDialects } from "../support/databases.js";
import { type Agent, signUp, startTestServer, type TestServer } from "../support/http.js";
import { pdfText } from "../support/pdf-text.js";
import { json } from "./ledger-fixtures.js";

const LIQUID = "{{ 7*7 }}";
const BOLD = "<b>x</b>";
const IMG = "<img src=x onerror=alert(1)>";
/** A right-to-left override: the file name would display as « exe.png ». */
const BIDI = "\u202Egnp.exe\u202C";
const ZERO_WIDTH = "zero\u200Bwidth\u200D";
const EMOJI = "😀👍🏽";
const CJK = "東京";
const CYRILLIC = "Москва";
const LONG_WORD = "Anticonstitutionnellement".repeat(12);

const ORG_NAME = `Atelier ${LIQUID} ${BOLD} ${BIDI}`;
const CLIENT_NAME = `Client ${LIQUID} ${IMG} ${ZERO_WIDTH} ${EMOJI} ${CJK} ${CYRILLIC}`;
const ADDRESS = `place ${LIQUID} ${BOLD} ${BIDI} ${CYRILLIC} ${LONG_WORD}`;
const NUMBER = `F-${LIQUID}${BOLD}`;
const DESCRIPTION = `Pose ${LIQUID} ${BOLD} ${IMG} ${BIDI} ${ZERO_WIDTH} ${EMOJI} ${CJK} ${CYRILLIC} ${LONG_WORD}`;
const CONTACT = `${IMG} ${LIQUID}`;

// What the PDFs show, written out by hand: markup and Liquid as typed, bidi and zero-width characters dropped,
// each emoji, CJK or Cyrillic letter a « ? » (the skin-tone modifier is one more).
const SHOWN = {
  org: "Atelier {{ 7*7 }} <b>x</b> gnp.exe",
  client: "Client {{ 7*7 }} <img src=x onerror=alert(1)> zerowidth ??? ?? ??????",
  /** Where the name is cut with « … » to fit its box. */
  clientStart: "Client {{ 7*7 }} <img src=x onerror=alert(1)>",
  addressStart: "place {{ 7*7 }} <b>x</b> gnp.exe ??????",
  number: "F-{{ 7*7 }}<b>x</b>",
  /** A line of the invoice's table is one line, cut with « … ». */
  descriptionStart: "Pose {{ 7*7 }} <b>x</b> <img src=x onerror",
  contact: "<img src=x onerror=alert(1)> {{ 7*7 }}",
};
/** What `{{ 7*7 }}` would have become next to its neighbours, had anything evaluated it. */
const EVALUATED = ["Atelier49", "Client49", "F-49", "D-49", "B-49", "P-49", "Lyon49", "place49", "Banque49"];
/** Characters that must never reach a PDF's text: Cyrillic, CJK, zero-width and bidi controls, emoji. */
const UNDRAWABLE = /[\u0400-\u04FF\u3040-\u9FFF\u200B-\u200F\u202A-\u202E]|\p{Extended_Pictographic}/u;

/** Whitespace removed: a long text wraps, and the extraction puts spaces where lines break. */
const squeeze = (s: string) => s.replace(/\s+/g, "");

const LINE = (description: string) => ({
  description,
  quantity_milli: 1000,
  unit_price_cents: 10_000,
  vat_rate_bp: 2000,
});

describe.each(testDialects())("hostile text in every PDF (%s)", (dialect) => {
  let s: TestServer;
  let owner: Agent;
  const ids = { client: "", invoice: "", quote: "", bill: "", plan: "", recovery: "" };

  beforeAll(async () => {
    // today on the server: 2025-06-30
    s = await startTestServer(dialect);
    owner = await signUp(s.app, { organization: ORG_NAME });
    json(
      await owner.patch("/api/v1/organization", {
        address: ADDRESS,
        postal_code: "69002",
        city: `Lyon ${LIQUID}`,
        siren: "552100554",
        iban: "FR7630006000011234567890189",
      }),
    );
    const client = async (name: string, siren: string) =>
      json<{ id: string }>(
        await owner.post("/api/v1/clients", {
          kind: "business",
          name,
          siren,
          address: ADDRESS,
          postal_code: "69002",
          city: `Lyon ${CYRILLIC}`,
          contacts: [{ name: CONTACT, email: "compta@client.fr", is_billing: true }],
        }),
        201,
      ).id;
    ids.client = await client(CLIENT_NAME, "732829320");
    // the bill and the plan hold their invoices: a client of their own, so that the recovery case can open
    const other = await client(`${CLIENT_NAME} (2)`, "552081317");
    const invoice = async (number: string, clientId: string) =>
      json<{ id: string }>(
        await owner.post("/api/v1/invoices", {
          client_id: clientId,
          number,
          issue_date: "2025-04-01",
          due_date: "2025-05-01",
          lines: [LINE(DESCRIPTION), LINE("Déplacement")],
        }),
        201,
      ).id;
    ids.invoice = await invoice(NUMBER, ids.client);
    const forBill = await invoice(`B-${LIQUID}${BOLD}`, other);
    const forPlan = await invoice(`P-${LIQUID}${BOLD}`, other);
    ids.quote = json<{ id: string }>(
      await owner.post("/api/v1/quotes", {
        client_id: ids.client,
        number: `D-${LIQUID}${BOLD}`,
        issue_date: "2025-06-01",
        deposit_percent: 30,
        lines: [LINE(DESCRIPTION)],
      }),
      201,
    ).id;
    ids.bill = json<{ id: string }>(
      await owner.post("/api/v1/bills", {
        client_id: other,
        due_on: "2025-07-31",
        invoice_ids: [forBill],
        issue_place: `Lyon ${LIQUID} ${BIDI}`,
        payee_name: `${IMG} ${CJK}`,
        domiciliation_bank: `Banque ${LIQUID} ${CYRILLIC}`,
      }),
      201,
    ).id;
    ids.plan = json<{ id: string }>(
      await owner.post("/api/v1/plans", {
        client_id: other,
        invoice_ids: [forPlan],
        count: 3,
        first_on: "2025-07-15",
      }),
      201,
    ).id;
    ids.recovery = json<{ id: string }>(
      await owner.post("/api/v1/recovery-cases", { client_id: ids.client }),
      201,
    ).id;
    json(await owner.post(`/api/v1/recovery-cases/${ids.recovery}/procedures`, { kind: "injunction" }), 201);
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it("makes every PDF without a crash; read back, the text is plain and nothing is evaluated", async () => {
    const sale = [SHOWN.number, SHOWN.org, SHOWN.clientStart, SHOWN.addressStart, SHOWN.descriptionStart];
    const recovery = [SHOWN.org, SHOWN.client, SHOWN.number, SHOWN.addressStart, LONG_WORD, "Lyon {{ 7*7 }}"];
    const expected: [string, string[]][] = [
      [`/api/v1/invoices/${ids.invoice}/invoice.pdf`, [...sale, "Lyon {{ 7*7 }}", "Lyon ??????"]],
      [`/api/v1/invoices/${ids.invoice}/facturx.pdf`, [...sale, "Lyon {{ 7*7 }}", "Lyon ??????"]],
      [`/api/v1/invoices/${ids.invoice}/duplicate.pdf`, [...sale, "DUPLICATA"]],
      [
        `/api/v1/quotes/${ids.quote}/quote.pdf`,
        ["D-{{ 7*7 }}<b>x</b>", SHOWN.org, SHOWN.clientStart, SHOWN.addressStart, SHOWN.descriptionStart],
      ],
      [
        `/api/v1/bills/${ids.bill}/pdf`,
        [
          SHOWN.org,
          `${SHOWN.client} (2)`,
          SHOWN.addressStart,
          "B-{{ 7*7 }}<b>x</b>",
          "à l'ordre de <img src=x onerror=alert(1)> ??",
          "Banque {{ 7*7 }} ??????",
          "Lyon {{ 7*7 }} gnp.exe, le 30 juin 2025",
        ],
      ],
      [
        `/api/v1/plans/${ids.plan}/acknowledgement.pdf`,
        [SHOWN.org, `${SHOWN.client} (2)`, "P-{{ 7*7 }}<b>x</b>", SHOWN.addressStart, LONG_WORD],
      ],
      [
        `/api/v1/clients/${ids.client}/call-sheet.pdf`,
        [SHOWN.org, SHOWN.client, SHOWN.number, SHOWN.contact, "Devis D-{{ 7*7 }}<b>x</b>"],
      ],
      [`/api/v1/recovery-cases/${ids.recovery}/requete.pdf`, recovery],
      [`/api/v1/recovery-cases/${ids.recovery}/small-claims.pdf`, recovery],
      [`/api/v1/recovery-cases/${ids.recovery}/summary.pdf`, recovery],
      [`/api/v1/recovery-cases/${ids.recovery}/bordereau.pdf`, [SHOWN.org, SHOWN.client, SHOWN.number]],
      ["/api/v1/aging.pdf", [SHOWN.org, "Client {{ 7*7 }} <i"]],
    ];
    for (const [url, parts] of expected) {
      const res = await owner.get(url);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
      expect(res.headers["content-type"], url).toBe("application/pdf");
      const text = await pdfText(res.rawPayload);
      expect(isWinAnsi(text), url).toBe(true);
      expect(text, url).not.toMatch(UNDRAWABLE);
      const flat = squeeze(text);
      for (const part of parts) expect(flat, `${url}: ${part}`).toContain(squeeze(part));
      for (const evaluated of EVALUATED) expect(flat, `${url}: ${evaluated}`).not.toContain(evaluated);
    }
  }, 60_000);

  it("keeps the exact text in the Factur-X invoice's XML, escaped", async () => {
    const res = await owner.get(`/api/v1/invoices/${ids.invoice}/facturx.pdf`);
    expect(res.statusCode).toBe(200);
    const read = readEInvoice(res.rawPayload);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.invoice.number).toBe(NUMBER);
    expect(read.invoice.seller.name).toBe(ORG_NAME);
    expect(read.invoice.buyer.name).toBe(CLIENT_NAME);
    expect(read.invoice.buyer.address.line).toBe(ADDRESS);
    const xml = await owner.get(`/api/v1/invoices/${ids.invoice}/einvoice.xml`);
    expect(xml.statusCode).toBe(200);
    expect(xml.body).not.toContain(BOLD);
    expect(xml.body).not.toContain(IMG);
    expect(xml.body).toContain("F-{{ 7*7 }}&lt;b&gt;x&lt;/b&gt;");
  });
});
