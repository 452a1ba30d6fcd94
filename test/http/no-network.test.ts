import dns from "node:dns";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../support/databases.js";
import { FRENCH_SHEET } from "../support/files.js";
import { type Agent, signUp, startTestServer, type TestServer } from "../support/http.js";
import { multipartBody } from "../support/multipart.js";

/**
 * No outbound network from the PDF and import code (issue 11; OWASP ASVS 5.0 V1.3.6 SSRF and V13 outbound
 * allowlist, numbers to confirm): while every PDF, the Factur-X and e-invoice files and the ZIP are made, and
 * while a tracking sheet, an e-invoice and a bank statement are read, no socket may open and no name may be
 * resolved — except the test's own PostgreSQL connection. The server is driven in-process (`inject`): no socket
 * of its own.
 */
const LINE = { description: "Prestation", quantity_milli: 1000, unit_price_cents: 10000, vat_rate_bp: 2000 };

/** Where the test database listens (PostgreSQL only): its connections are not what this test looks for. */
function databaseTarget(): { host: string; port: number } | null {
  const url = process.env.RELANCE_TEST_PG_URL;
  if (!url) return null;
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 5432) };
}

interface Guard {
  attempts: string[];
  restore(): void;
}

/** Records, and refuses, every socket connection and name lookup but the database's. */
function guardNetwork(): Guard {
  const attempts: string[] = [];
  const db = databaseTarget();
  const connect = net.Socket.prototype.connect;
  const lookup = dns.lookup;
  const promisesLookup = dns.promises.lookup;
  const fetch = globalThis.fetch;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const first = Array.isArray(args[0]) ? args[0][0] : args[0];
    const options = (
      typeof first === "object" && first !== null ? first : { port: first, host: args[1] }
    ) as {
      port?: unknown;
      host?: unknown;
      path?: unknown;
    };
    const isDb =
      db !== null && Number(options.port) === db.port && String(options.host ?? "localhost") === db.host;
    if (!isDb) {
      attempts.push(`connect ${String(options.path ?? `${String(options.host)}:${String(options.port)}`)}`);
      throw new Error("outbound network refused by the test");
    }
    return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof connect;
  const refuseLookup = (hostname: unknown) => {
    attempts.push(`lookup ${String(hostname)}`);
    throw new Error("name lookup refused by the test");
  };
  (dns as { lookup: unknown }).lookup = refuseLookup;
  (dns.promises as { lookup: unknown }).lookup = async (hostname: unknown) => refuseLookup(hostname);
  globalThis.fetch = (async (input: unknown) => {
    attempts.push(`fetch ${String(input)}`);
    throw new Error("fetch refused by the test");
  }) as typeof fetch;
  return {
    attempts,
    restore() {
      net.Socket.prototype.connect = connect;
      (dns as { lookup: unknown }).lookup = lookup;
      (dns.promises as { lookup: unknown }).lookup = promisesLookup;
      globalThis.fetch = fetch;
    },
  };
}

describe.each(testDialects())("no outbound network from PDF and import code on %s", (dialect) => {
  let s: TestServer;
  let owner: Agent;
  const ids = { client: "", invoice: "", quote: "", recovery: "" };

  beforeAll(async () => {
    s = await startTestServer(dialect);
    owner = await signUp(s.app, { organization: "Atelier Réseau" });
    const client = await owner.post("/api/v1/clients", {
      kind: "business",
      name: "Client Réseau",
      siren: "552100554",
      contacts: [{ name: "Compta", email: "compta@client-reseau.fr", is_billing: true }],
    });
    expect(client.statusCode, client.body).toBe(201);
    ids.client = (client.json() as { id: string }).id;
    const invoice = await owner.post("/api/v1/invoices", {
      client_id: ids.client,
      number: "R-001",
      issue_date: "2025-04-01",
      due_date: "2025-05-01",
      lines: [LINE],
    });
    expect(invoice.statusCode, invoice.body).toBe(201);
    ids.invoice = (invoice.json() as { id: string }).id;
    const quote = await owner.post("/api/v1/quotes", {
      client_id: ids.client,
      number: "DR-001",
      issue_date: "2025-06-01",
      deposit_percent: 0,
      lines: [LINE],
    });
    expect(quote.statusCode, quote.body).toBe(201);
    ids.quote = (quote.json() as { id: string }).id;
    const recovery = await owner.post("/api/v1/recovery-cases", { client_id: ids.client });
    expect(recovery.statusCode, recovery.body).toBe(201);
    ids.recovery = (recovery.json() as { id: string }).id;
    const procedure = await owner.post(`/api/v1/recovery-cases/${ids.recovery}/procedures`, {
      kind: "injunction",
    });
    expect(procedure.statusCode, procedure.body).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it("makes every PDF, e-invoice and ZIP, and reads every kind of import, without opening a socket", async () => {
    const guard = guardNetwork();
    const answers: string[] = [];
    let facturx: Buffer = Buffer.alloc(0);
    try {
      for (const url of [
        `/api/v1/invoices/${ids.invoice}/invoice.pdf`,
        `/api/v1/invoices/${ids.invoice}/facturx.pdf`,
        `/api/v1/invoices/${ids.invoice}/duplicate.pdf`,
        `/api/v1/invoices/${ids.invoice}/einvoice.xml`,
        `/api/v1/quotes/${ids.quote}/quote.pdf`,
        `/api/v1/clients/${ids.client}/call-sheet.pdf`,
        `/api/v1/recovery-cases/${ids.recovery}/requete.pdf`,
        `/api/v1/recovery-cases/${ids.recovery}/small-claims.pdf`,
        `/api/v1/recovery-cases/${ids.recovery}/bordereau.pdf`,
        `/api/v1/recovery-cases/${ids.recovery}/summary.pdf`,
        `/api/v1/recovery-cases/${ids.recovery}/file.zip`,
      ]) {
        const res = await owner.get(url);
        answers.push(`${url} ${res.statusCode} ${res.statusCode === 200 ? "" : res.body.slice(0, 160)}`);
        if (url.endsWith("facturx.pdf")) facturx = res.rawPayload;
      }
      const uploads: [string, string, Buffer, string][] = [
        ["/api/v1/imports/invoices/preview", "suivi.csv", Buffer.from(FRENCH_SHEET), "text/csv"],
        ["/api/v1/imports/invoices/preview", "facture.pdf", facturx, "application/pdf"],
        [
          "/api/v1/statements",
          "releve.csv",
          Buffer.from("Date;Libellé;Débit;Crédit\n02/06/2025;VIR SEPA RECU /DE CLIENT RESEAU;;120,00\n"),
          "text/csv",
        ],
      ];
      for (const [url, filename, content, type] of uploads) {
        const body = multipartBody({}, { name: "file", filename, content, type });
        const res = await owner.request("POST", url, body.payload, { headers: body.headers });
        answers.push(
          `${url} ${filename} ${res.statusCode} ${res.statusCode === 200 ? "" : res.body.slice(0, 160)}`,
        );
      }
    } finally {
      guard.restore();
    }
    expect(guard.attempts).toEqual([]);
    // every call did its work (so the absence of network is not the absence of work)
    expect(answers.filter((a) => !/ 200 $/.test(a))).toEqual([]);
    expect(facturx.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  }, 60_000);
});
