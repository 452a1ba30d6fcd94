import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../support/databases.js";
import { type Agent, signUp, startTestServer, type TestServer } from "../support/http.js";
import { multipartBody } from "../support/multipart.js";
import { json } from "./ledger-fixtures.js";

/**
 * Upload size limits (OWASP ASVS 5.0 5.2.1) on the two uploads that had no test: a bank statement
 * (`POST /api/v1/statements`) and the file of a dispute on the client portal. Past the multipart limit of 10 MiB
 * (src/http/server.ts), each answers 400 with the API's error shape, the problem on `file` — the API answers
 * every size limit with 400, not 413 (src/http/errors.ts) — and stores nothing: no statement, no line, no payment;
 * no document, no file left in the organization's folder, no dispute, nothing on the timeline.
 */
const LIMIT = 10 * 1024 * 1024;
const LINE = { description: "Dépannage", quantity_milli: 1000, unit_price_cents: 50_000, vat_rate_bp: 2000 };

interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] | null };
}

/** A statement line paying F-1 in full: imported, it would record a payment. */
const CREDIT = "02/06/2025;VIR SEPA RECU /DE BOULANGERIE ROUX /REF F-1;;600,00\n";
const STATEMENT_HEADER = "Date;Libellé;Débit;Crédit\n";

describe.each(testDialects())("upload size limits (%s)", (dialect) => {
  let s: TestServer;
  let owner: Agent;
  let clientId: string;
  let invoiceId: string;
  let token: string;

  const count = async (table: "bank_statement" | "bank_transaction" | "payment" | "document") =>
    (await s.ctx.db.selectFrom(table).select("id").where("organization_id", "=", owner.orgId).execute())
      .length;
  /** Every file under the organization's folder, temporary ones included. */
  const files = (): string[] => {
    try {
      return readdirSync(join(s.filesDir, owner.orgId));
    } catch {
      return [];
    }
  };
  const statement = (content: Buffer, headers: Record<string, string> = {}) => {
    const body = multipartBody({}, { name: "file", filename: "releve.csv", content, type: "text/csv" });
    return owner.request("POST", "/api/v1/statements", body.payload, {
      headers: { ...body.headers, ...headers },
    });
  };
  const dispute = (content: Buffer) => {
    const body = multipartBody(
      { reason: "Travaux non terminés" },
      { name: "file", filename: "constat.pdf", content, type: "application/pdf" },
    );
    return s.app.inject({
      method: "POST",
      url: `/api/portal/${token}/invoices/${invoiceId}/dispute`,
      payload: body.payload,
      headers: body.headers,
      remoteAddress: "203.0.113.7",
    });
  };

  beforeAll(async () => {
    s = await startTestServer(dialect);
    owner = await signUp(s.app, { organization: "Atelier Morel" });
    clientId = json<{ id: string }>(
      await owner.post("/api/v1/clients", {
        kind: "business",
        name: "Boulangerie Roux",
        contacts: [{ email: "compta@roux.fr", is_billing: true }],
      }),
      201,
    ).id;
    invoiceId = json<{ id: string }>(
      await owner.post("/api/v1/invoices", {
        client_id: clientId,
        number: "F-1",
        issue_date: "2025-05-01",
        due_date: "2025-06-01",
        lines: [LINE],
      }),
      201,
    ).id;
    const link = json<{ url: string }>(await owner.post(`/api/v1/clients/${clientId}/portal-link`), 201);
    token = link.url.split("/p/")[1] ?? "";
  });
  afterAll(async () => {
    await s?.close();
  });

  it("refuses a bank statement over 10 MiB with 400 on file: no statement, no line, no payment", async () => {
    const big = Buffer.from(STATEMENT_HEADER + CREDIT.repeat(Math.ceil(LIMIT / CREDIT.length) + 10));
    expect(big.length).toBeGreaterThan(LIMIT);
    const res = await statement(big);
    expect(res.statusCode, res.body).toBe(400);
    const error = (res.json() as ErrorBody).error;
    expect(error.code).toBe("invalid_input");
    expect(error.details).toEqual([{ path: "file", message: "Relevé trop volumineux : 10 Mo au plus" }]);
    const en = (await statement(big, { "accept-language": "en" })).json() as ErrorBody;
    expect(en.error.details?.[0]?.message).toBe("Statement too large: 10 MB at most");
    expect(await count("bank_statement")).toBe(0);
    expect(await count("bank_transaction")).toBe(0);
    expect(await count("payment")).toBe(0);
    expect(
      json<{ balance_cents: number }>(await owner.get(`/api/v1/invoices/${invoiceId}`)).balance_cents,
    ).toBe(60_000);
    // the same line in a file of ordinary size is imported: the refusal was the size
    const small = await statement(Buffer.from(STATEMENT_HEADER + CREDIT));
    expect(small.statusCode, small.body).toBe(200);
    expect(await count("bank_transaction")).toBe(1);
  });

  it("refuses a dispute attachment over 10 MiB with 400 on file: no document, no file, no dispute", async () => {
    const before = files();
    const big = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(LIMIT, 0x20), Buffer.from("%%EOF\n")]);
    const res = await dispute(big);
    expect(res.statusCode, res.body).toBe(400);
    const error = (res.json() as ErrorBody).error;
    expect(error.code).toBe("invalid_input");
    expect(error.details).toEqual([
      { path: "file", message: "Le fichier dépasse la taille maximale de 10 Mo." },
    ]);
    expect(await count("document")).toBe(0);
    expect(files()).toEqual(before);
    expect(json<{ disputed: boolean }>(await owner.get(`/api/v1/invoices/${invoiceId}`)).disputed).toBe(
      false,
    );
    const actions = await s.ctx.db
      .selectFrom("action")
      .select("kind")
      .where("organization_id", "=", owner.orgId)
      .where("invoice_id", "=", invoiceId)
      .execute();
    expect(actions.map((a) => a.kind)).not.toContain("portal_dispute");
    expect(actions.map((a) => a.kind)).not.toContain("dispute_opened");
  });
});
