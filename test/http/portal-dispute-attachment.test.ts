import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../support/databases.js";
import { type Agent, signUp, startTestServer, type TestServer } from "../support/http.js";
import { multipartBody } from "../support/multipart.js";
import { json } from "./ledger-fixtures.js";

/**
 * « Contester » with an attachment on the portal (docs/portal.md): multipart (reason, file), the file checked as
 * add-document does but limited to PDF, PNG and JPEG, stored under a new id as a document of the invoice, named on
 * the timeline, seen by the staff in the client's documents; a refused file writes nothing and opens no dispute;
 * another client's token cannot reach the invoice. The JSON form still works.
 */
const LINE = { description: "Dépannage", quantity_milli: 1000, unit_price_cents: 50000, vat_rate_bp: 2000 };
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
  "latin1",
);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from("0000000d49484452000000010000000108060000001f15c489", "hex"),
  Buffer.from([0x00, 0xff, 0x10, 0x80]),
]);
const XLSX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60, 1)]);

interface Doc {
  id: string;
  kind: string;
  filename: string;
  invoice_id: string | null;
  client_id: string | null;
  size_bytes: number;
}

describe.each(testDialects())("portal dispute with an attachment (%s)", (dialect) => {
  let s: TestServer;
  let owner: Agent;
  let clientA: string;
  let clientA2: string;
  let tokenA: string;
  let tokenA2: string;

  async function client(name: string): Promise<string> {
    return json<{ id: string }>(
      await owner.post("/api/v1/clients", {
        kind: "business",
        name,
        contacts: [{ email: "c@ex.fr", is_billing: true }],
      }),
      201,
    ).id;
  }
  async function invoice(clientId: string, number: string): Promise<string> {
    return json<{ id: string }>(
      await owner.post("/api/v1/invoices", {
        client_id: clientId,
        number,
        issue_date: "2025-05-01",
        due_date: "2025-06-01",
        lines: [LINE],
      }),
      201,
    ).id;
  }
  async function tokenOf(clientId: string): Promise<string> {
    const link = json<{ url: string }>(await owner.post(`/api/v1/clients/${clientId}/portal-link`), 201);
    return link.url.split("/p/")[1] ?? "";
  }
  function dispute(
    token: string,
    invoiceId: string,
    reason: string,
    file?: { filename: string; content: Buffer },
  ) {
    const body = multipartBody(
      { reason },
      file
        ? { name: "file", filename: file.filename, content: file.content, type: "application/octet-stream" }
        : undefined,
    );
    return s.app.inject({
      method: "POST",
      url: `/api/portal/${token}/invoices/${invoiceId}/dispute`,
      payload: body.payload,
      headers: body.headers,
      remoteAddress: "203.0.113.7",
    });
  }
  async function documentsOf(clientId: string): Promise<Doc[]> {
    return json<{ data: Doc[] }>(await owner.get(`/api/v1/documents?client_id=${clientId}`)).data;
  }
  async function disputed(id: string): Promise<boolean> {
    return json<{ disputed: boolean }>(await owner.get(`/api/v1/invoices/${id}`)).disputed;
  }
  /** Every file under the organization's folder, temporary ones included. */
  function files(): string[] {
    try {
      return readdirSync(join(s.filesDir, owner.orgId));
    } catch {
      return [];
    }
  }

  beforeAll(async () => {
    s = await startTestServer(dialect);
    owner = await signUp(s.app, { organization: "Atelier Morel" });
    clientA = await client("Boulangerie Roux");
    clientA2 = await client("Garage Petit");
    tokenA = await tokenOf(clientA);
    tokenA2 = await tokenOf(clientA2);
  });
  afterAll(async () => {
    await s?.close();
  });

  it("stores the file as a document of the invoice, named on the timeline, seen by the staff", async () => {
    const id = await invoice(clientA, "F-1");
    const res = await dispute(tokenA, id, "Travaux non terminés", { filename: "constat.pdf", content: PDF });
    expect(res.statusCode, res.body).toBe(204);
    expect(await disputed(id)).toBe(true);
    const [doc, ...rest] = await documentsOf(clientA);
    expect(rest).toEqual([]);
    expect(doc).toMatchObject({
      kind: "correspondence",
      filename: "constat.pdf",
      invoice_id: id,
      client_id: clientA,
    });
    expect(doc?.size_bytes).toBe(PDF.length);
    // on disk under a new id (a UUID), never the client's name for it
    const stored = files();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(readFileSync(join(s.filesDir, owner.orgId, stored[0] ?? "")).equals(PDF)).toBe(true);
    const content = await owner.get(`/api/v1/documents/${doc?.id}/content`);
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload.equals(PDF)).toBe(true);
    const actions = await s.ctx.db
      .selectFrom("action")
      .selectAll()
      .where("organization_id", "=", owner.orgId)
      .where("invoice_id", "=", id)
      .where("kind", "=", "portal_dispute")
      .execute();
    expect(actions).toHaveLength(1);
    expect(actions[0]?.summary).toContain("constat.pdf");
    expect(JSON.parse(actions[0]?.data ?? "{}")).toMatchObject({
      document_id: doc?.id,
      filename: "constat.pdf",
    });
  });

  it("refuses another type (by extension or by content) with 400: nothing written, no dispute opened", async () => {
    const id = await invoice(clientA, "F-2");
    const before = files();
    const cases = [
      { filename: "tableau.xlsx", content: XLSX },
      { filename: "photo.png", content: PDF },
      { filename: "faux.pdf", content: PNG.subarray(0, 0) },
    ];
    for (const file of cases) {
      const res = await dispute(tokenA, id, "Montant erroné", file);
      expect(res.statusCode, `${file.filename}: ${res.body}`).toBe(400);
      expect((res.json() as { error: { details: { path: string }[] } }).error.details[0]?.path).toBe("file");
    }
    expect(await disputed(id)).toBe(false);
    expect((await documentsOf(clientA)).filter((d) => d.invoice_id === id)).toEqual([]);
    expect(files()).toEqual(before);
    const actions = await s.ctx.db
      .selectFrom("action")
      .select("kind")
      .where("organization_id", "=", owner.orgId)
      .where("invoice_id", "=", id)
      .execute();
    expect(actions.map((a) => a.kind)).not.toContain("portal_dispute");
  });

  it("answers 404 to another client's token: nothing written, nothing seen", async () => {
    const id = await invoice(clientA, "F-3");
    const before = files();
    const res = await dispute(tokenA2, id, "Pas à moi", { filename: "preuve.png", content: PNG });
    expect(res.statusCode).toBe(404);
    expect(await disputed(id)).toBe(false);
    expect(files()).toEqual(before);
    expect(await documentsOf(clientA2)).toEqual([]);
    // the other client's portal shows nothing of client A's invoices or attachments
    const view = await s.app.inject({
      method: "GET",
      url: `/api/portal/${tokenA2}`,
      remoteAddress: "203.0.113.8",
    });
    expect(view.statusCode).toBe(200);
    expect(view.body).not.toContain("constat.pdf");
    expect(view.body).not.toContain("F-1");
  });

  it("still takes the JSON form, and multipart without a file", async () => {
    const id = await invoice(clientA, "F-4");
    const res = await s.app.inject({
      method: "POST",
      url: `/api/portal/${tokenA}/invoices/${id}/dispute`,
      payload: { reason: "Prestation non conforme" },
      remoteAddress: "203.0.113.7",
    });
    expect(res.statusCode, res.body).toBe(204);
    expect(await disputed(id)).toBe(true);
    const other = await invoice(clientA, "F-5");
    expect((await dispute(tokenA, other, "Déjà payé en espèces")).statusCode).toBe(204);
    expect(await disputed(other)).toBe(true);
    expect((await dispute(tokenA, await invoice(clientA, "F-6"), "")).statusCode).toBe(400);
  });
});
