import { createHash } from "node:crypto";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOrganization } from "../../src/db/repositories/organizations.js";
import type { Organization } from "../../src/db/schema.js";
import { testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";
import { type Agent, memberWithRole, signUp, startTestServer, type TestServer } from "../support/http.js";
import { multipartBody } from "../support/multipart.js";

interface StoredDocument {
  id: string;
  kind: string;
  filename: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  client_id: string | null;
  invoice_id: string | null;
  created_at: string;
  uploaded_by: string | null;
}

interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] | null };
}

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
  "latin1",
);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from("0000000d49484452000000010000000108060000001f15c489", "hex"),
  Buffer.from([0x00, 0xff, 0x10, 0x80]),
]);
const JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9,
]);
const XLSX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60, 1)]);
const EXE = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), Buffer.alloc(200)]);
const HTML = Buffer.from("<html><script>alert(document.cookie)</script></html>");

function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Every file under a folder, as paths relative to it (temporary files included). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => relative(dir, join(dir, f)))
    .sort();
}

async function organization(server: TestServer, agent: Agent): Promise<Organization> {
  const org = await findOrganization(server.ctx.db, agent.orgId);
  if (!org) throw new Error("no organization");
  return org;
}

describe.each(testDialects())("documents API on %s", (dialect) => {
  let server: TestServer;
  let owner: Agent;
  let stranger: Agent;
  let clientId: string;
  let invoiceId: string;
  let otherClientId: string;
  let theirClientId: string;

  function upload(
    agent: Agent,
    fields: Record<string, string>,
    file?: { filename: string; content: Buffer; type?: string; name?: string },
  ) {
    const { payload, headers } = multipartBody(
      fields,
      file
        ? {
            name: file.name ?? "file",
            filename: file.filename,
            content: file.content,
            type: file.type ?? "application/octet-stream",
          }
        : undefined,
    );
    return agent.request("POST", "/api/v1/documents", payload, { headers });
  }

  async function documents(agent: Agent, query: Record<string, string> = {}): Promise<StoredDocument[]> {
    const res = await agent.get("/api/v1/documents", { query: { limit: "500", ...query } });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as Page<StoredDocument>).data;
  }

  /** A refused upload leaves no file (not even a temporary one) and no row. */
  async function expectNothingStored(agent: Agent, filesBefore: string[], docsBefore: StoredDocument[]) {
    expect(filesUnder(server.filesDir)).toEqual(filesBefore);
    expect(await documents(agent)).toEqual(docsBefore);
  }

  beforeAll(async () => {
    server = await startTestServer(dialect);
    owner = await signUp(server.app, { name: "Paul Martin" });
    stranger = await signUp(server.app);
    const org = await organization(server, owner);
    clientId = await makeClient(server.ctx, org, { name: "Boulangerie Dupont" });
    otherClientId = await makeClient(server.ctx, org, { name: "Café de la Gare" });
    invoiceId = await makeInvoice(server.ctx, org, clientId, { number: "F-2025-0042" });
    theirClientId = await makeClient(server.ctx, await organization(server, stranger), {
      name: "Leur client",
    });
  });
  afterAll(async () => server?.close());

  it("stores a PDF under the organization's folder with a new name, and gives it back byte for byte", async () => {
    const res = await upload(
      owner,
      { kind: "delivery_note", client_id: clientId },
      { filename: "BL 42.pdf", content: PDF },
    );
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json() as StoredDocument;
    expect(doc).toEqual({
      id: doc.id,
      kind: "delivery_note",
      filename: "BL 42.pdf",
      mime_type: "application/pdf",
      size_bytes: PDF.length,
      sha256: sha256(PDF),
      client_id: clientId,
      invoice_id: null,
      created_at: "2025-06-30T08:00:00.000Z",
      uploaded_by: "Paul Martin",
    });
    const stored = filesUnder(join(server.filesDir, owner.orgId));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(stored[0]).not.toBe(doc.id);

    const content = await owner.get(`/api/v1/documents/${doc.id}/content`);
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload.equals(PDF)).toBe(true);
    expect(content.headers["content-type"]).toBe("application/pdf");
    expect(content.headers["x-content-type-options"]).toBe("nosniff");
    expect(content.headers["content-disposition"]).toBe(
      `attachment; filename="BL 42.pdf"; filename*=UTF-8''BL%2042.pdf`,
    );

    const timeline = (await owner.get("/api/v1/actions", { query: { client_id: clientId } })).json() as Page<{
      kind: string;
      summary: string;
      data: Record<string, unknown>;
    }>;
    expect(timeline.data[0]).toMatchObject({
      kind: "document_added",
      summary: "Pièce ajoutée (Bon de livraison) : BL 42.pdf",
      data: { document_id: doc.id, kind: "delivery_note" },
    });
  });

  it("attaches a PNG to an invoice (its client implied); a client's list includes its invoices' documents", async () => {
    const res = await upload(
      owner,
      { kind: "signed_quote", invoice_id: invoiceId },
      { filename: "devis.PNG", content: PNG, type: "image/png" },
    );
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json() as StoredDocument;
    expect(doc).toMatchObject({
      client_id: clientId,
      invoice_id: invoiceId,
      mime_type: "image/png",
      filename: "devis.PNG",
    });
    const content = await owner.get(`/api/v1/documents/${doc.id}/content`);
    expect(content.rawPayload.equals(PNG)).toBe(true);
    expect(content.headers["content-type"]).toBe("image/png");

    expect((await documents(owner, { invoice_id: invoiceId })).map((d) => d.id)).toEqual([doc.id]);
    const ofClient = await documents(owner, { client_id: clientId });
    expect(ofClient.map((d) => d.id)).toContain(doc.id);
    expect(ofClient.every((d) => d.client_id === clientId)).toBe(true);
    expect(await documents(owner, { client_id: otherClientId })).toEqual([]);
  });

  it("accepts JPEG, XLSX and text in UTF-8 or Windows-1252, and stores the text's charset", async () => {
    const cases: [string, Buffer, string][] = [
      ["photo.jpeg", JPEG, "image/jpeg"],
      ["photo.jpg", JPEG, "image/jpeg"],
      ["suivi.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
      ["export.csv", Buffer.from("\ufeffNuméro;Montant\r\nF-1;12,50\r\n"), "text/csv; charset=utf-8"],
      [
        "export-excel.csv",
        iconv.encode("Numéro;Échéance\r\nF-1;31/01/2025\r\n", "win1252"),
        "text/csv; charset=windows-1252",
      ],
      ["note.txt", Buffer.from("Rappeler lundi.\n"), "text/plain; charset=utf-8"],
    ];
    for (const [filename, content, mime] of cases) {
      const res = await upload(owner, { kind: "other", client_id: otherClientId }, { filename, content });
      expect(res.statusCode, `${filename}: ${res.body}`).toBe(201);
      const doc = res.json() as StoredDocument;
      expect(doc.mime_type, filename).toBe(mime);
      const back = await owner.get(`/api/v1/documents/${doc.id}/content`);
      expect(back.rawPayload.equals(content), filename).toBe(true);
    }
  });

  it("refuses a file whose content is not what its name says, with a clear message, and keeps nothing", async () => {
    const files = filesUnder(server.filesDir);
    const docs = await documents(owner);
    const cases: [string, Buffer, string][] = [
      ["facture.pdf", EXE, "ne correspond pas à son extension"],
      ["image.png", HTML, "ce n'est pas un fichier PNG"],
      ["photo.jpg", PDF, "JPEG"],
      ["tableau.xlsx", PDF, "Excel"],
      ["programme.exe", EXE, "Type de fichier non accepté"],
      ["page.html", HTML, "Type de fichier non accepté"],
      ["sans-extension", PDF, "Type de fichier non accepté"],
      ["binaire.txt", EXE, "n'est pas un texte lisible"],
      ["utf16.csv", iconv.encode("Numéro;Montant", "utf16le"), "n'est pas un texte lisible"],
      ["vide.pdf", Buffer.alloc(0), "vide"],
    ];
    for (const [filename, content, message] of cases) {
      const res = await upload(
        owner,
        { kind: "other", client_id: clientId },
        { filename, content, type: "application/pdf" },
      );
      expect(res.statusCode, filename).toBe(400);
      const error = (res.json() as ErrorBody).error;
      expect(error.code).toBe("invalid_input");
      expect(error.message, filename).toContain(message);
      expect(error.details?.[0]?.path).toBe("file");
    }
    await expectNothingStored(owner, files, docs);
  });

  it("refuses a file over 10 MB and keeps nothing", async () => {
    const files = filesUnder(server.filesDir);
    const docs = await documents(owner);
    const big = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(11 * 1024 * 1024, 0x20)]);
    const res = await upload(
      owner,
      { kind: "contract", client_id: clientId },
      { filename: "gros.pdf", content: big },
    );
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorBody).error.message).toContain("10 Mo");
    await expectNothingStored(owner, files, docs);
  });

  it("never uses the uploaded name as a path", async () => {
    const names = [
      "../../etc/passwd.pdf",
      "..\\..\\windows\\system.ini.pdf",
      "/etc/shadow.pdf",
      `a\u202Efdp.exe.pdf`,
    ];
    for (const filename of names) {
      const res = await upload(owner, { kind: "other", client_id: clientId }, { filename, content: PDF });
      expect(res.statusCode, `${filename}: ${res.body}`).toBe(201);
      const doc = res.json() as StoredDocument;
      expect(doc.filename, filename).not.toMatch(/[/\\\u202E]/);
      expect(doc.filename.startsWith(".")).toBe(false);
      const disposition = (await owner.get(`/api/v1/documents/${doc.id}/content`)).headers[
        "content-disposition"
      ];
      expect(String(disposition)).not.toMatch(/[/\\]/);
    }
    const docs = await documents(owner);
    expect(docs.find((d) => d.filename.endsWith("passwd.pdf"))?.filename).toBe("passwd.pdf");
    // Every stored file sits in the organization's folder under a generated name.
    for (const file of filesUnder(server.filesDir)) {
      expect(file).toMatch(/^[0-9a-f-]{36}[/\\][0-9a-f-]{36}$/);
    }
    expect(existsSync(join(server.filesDir, "..", "etc"))).toBe(false);
    // A name that is nothing but a path has no extension left: refused.
    const bare = await upload(
      owner,
      { kind: "other", client_id: clientId },
      { filename: "..", content: PDF },
    );
    expect(bare.statusCode).toBe(400);
  });

  it("keeps a long or unusual name for display, safely encoded in the download header", async () => {
    const long = `${"é".repeat(250)}.pdf`;
    const res = await upload(
      owner,
      { kind: "correspondence", client_id: clientId },
      { filename: long, content: PDF },
    );
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json() as StoredDocument;
    expect([...doc.filename]).toHaveLength(200);
    expect(doc.filename.endsWith("é.pdf")).toBe(true);

    const odd = await upload(
      owner,
      { kind: "other", client_id: clientId },
      { filename: "Relevé; (copie) 100%.pdf", content: PDF },
    );
    const oddDoc = odd.json() as StoredDocument;
    expect(oddDoc.filename).toBe("Relevé; (copie) 100%.pdf");
    const header = String(
      (await owner.get(`/api/v1/documents/${oddDoc.id}/content`)).headers["content-disposition"],
    );
    expect(header).toBe(
      `attachment; filename="Relev__ (copie) 100_.pdf"; filename*=UTF-8''Relev%C3%A9%3B%20%28copie%29%20100%25.pdf`,
    );
  });

  it("validates the form fields and writes nothing when they are wrong", async () => {
    const files = filesUnder(server.filesDir);
    const docs = await documents(owner);
    const pdf = { filename: "a.pdf", content: PDF };
    const cases: [Record<string, string>, typeof pdf | undefined, number, string | null][] = [
      [{ client_id: clientId }, pdf, 400, "kind"],
      [{ kind: "invoice", client_id: clientId }, pdf, 400, "kind"],
      [{ kind: "other" }, pdf, 400, "client_id"],
      [{ kind: "other", client_id: clientId }, undefined, 400, "file"],
      [{ kind: "other", client_id: clientId, extra: "x" }, pdf, 400, null],
      [{ kind: "other", client_id: otherClientId, invoice_id: invoiceId }, pdf, 400, "invoice_id"],
      [{ kind: "other", client_id: theirClientId }, pdf, 404, null],
      [{ kind: "other", invoice_id: "inconnue" }, pdf, 404, null],
    ];
    for (const [fields, file, status, path] of cases) {
      const res = await upload(owner, fields, file);
      expect(res.statusCode, JSON.stringify(fields)).toBe(status);
      if (path) expect((res.json() as ErrorBody).error.details?.map((d) => d.path)).toContain(path);
    }
    const wrongPart = await upload(
      owner,
      { kind: "other", client_id: clientId },
      { ...pdf, name: "document" },
    );
    expect(wrongPart.statusCode).toBe(400);
    const json = await owner.post("/api/v1/documents", { kind: "other", client_id: clientId });
    expect(json.statusCode).toBe(400);
    await expectNothingStored(owner, files, docs);
  });

  it("keeps each organization's documents to itself", async () => {
    const mine = (
      await upload(
        owner,
        { kind: "contract", client_id: clientId },
        { filename: "contrat.pdf", content: PDF },
      )
    ).json() as StoredDocument;
    expect((await stranger.get(`/api/v1/documents/${mine.id}/content`)).statusCode).toBe(404);
    expect((await stranger.delete(`/api/v1/documents/${mine.id}`)).statusCode).toBe(404);
    expect(await documents(stranger)).toEqual([]);
    expect((await stranger.get("/api/v1/documents", { query: { client_id: clientId } })).statusCode).toBe(
      404,
    );
    expect((await stranger.get("/api/v1/documents", { query: { invoice_id: invoiceId } })).statusCode).toBe(
      404,
    );
    expect((await owner.get(`/api/v1/documents/${mine.id}/content`)).statusCode).toBe(200);
    expect((await owner.get("/api/v1/documents/inconnu/content")).statusCode).toBe(404);
  });

  it("pages the list, newest first", async () => {
    const all = await documents(owner, { client_id: clientId });
    expect(all.length).toBeGreaterThan(3);
    const keys = all.map((d) => `${d.created_at}|${d.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
    const seen: StoredDocument[] = [];
    let cursor: string | null = null;
    do {
      const res = await owner.get("/api/v1/documents", {
        query: { client_id: clientId, limit: "3", ...(cursor ? { cursor } : {}) },
      });
      const page = res.json() as Page<StoredDocument>;
      expect(page.data.length).toBeLessThanOrEqual(3);
      seen.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it("deletes the row, then the file, and says so on the timeline", async () => {
    const doc = (
      await upload(
        owner,
        { kind: "contract", client_id: clientId },
        { filename: "à-supprimer.pdf", content: PDF },
      )
    ).json() as StoredDocument;
    const before = filesUnder(server.filesDir);
    const res = await owner.delete(`/api/v1/documents/${doc.id}`);
    expect(res.statusCode).toBe(204);
    expect(filesUnder(server.filesDir)).toHaveLength(before.length - 1);
    expect((await owner.get(`/api/v1/documents/${doc.id}/content`)).statusCode).toBe(404);
    expect((await owner.delete(`/api/v1/documents/${doc.id}`)).statusCode).toBe(404);
    expect((await documents(owner)).map((d) => d.id)).not.toContain(doc.id);
    const timeline = (
      await owner.get("/api/v1/actions", { query: { client_id: clientId, limit: "1" } })
    ).json() as Page<{
      kind: string;
      summary: string;
    }>;
    expect(timeline.data[0]).toMatchObject({
      kind: "document_removed",
      summary: "Pièce supprimée (Contrat) : à-supprimer.pdf",
    });
  });

  it("lets collectors add and delete documents, not viewers", async () => {
    const viewer = await memberWithRole(owner, "viewer");
    const collector = await memberWithRole(owner, "collector");
    const files = filesUnder(server.filesDir);
    const docs = await documents(owner);
    const denied = await upload(
      viewer,
      { kind: "other", client_id: clientId },
      { filename: "v.pdf", content: PDF },
    );
    expect(denied.statusCode).toBe(403);
    await expectNothingStored(owner, files, docs);
    const added = await upload(
      collector,
      { kind: "other", client_id: clientId },
      { filename: "c.pdf", content: PDF },
    );
    expect(added.statusCode, added.body).toBe(201);
    const doc = added.json() as StoredDocument;
    expect(doc.uploaded_by).toBe("Membre collector");
    expect((await viewer.get(`/api/v1/documents/${doc.id}/content`)).statusCode).toBe(200);
    expect((await viewer.delete(`/api/v1/documents/${doc.id}`)).statusCode).toBe(403);
    expect((await collector.delete(`/api/v1/documents/${doc.id}`)).statusCode).toBe(204);
    expect(filesUnder(server.filesDir)).toEqual(files);
  });

  it("answers 404 when the stored file has gone missing", async () => {
    const doc = (
      await upload(owner, { kind: "other", client_id: clientId }, { filename: "perdu.pdf", content: PDF })
    ).json() as StoredDocument;
    const dir = join(server.filesDir, owner.orgId);
    // Stored names are time-ordered ids: the last one is this document's file.
    const newest = filesUnder(dir).sort().at(-1);
    if (!newest) throw new Error("no file");
    rmSync(join(dir, newest));
    const res = await owner.get(`/api/v1/documents/${doc.id}/content`);
    expect(res.statusCode).toBe(404);
    expect((res.json() as ErrorBody).error.message).toContain("introuvable");
  });
});
