import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Organization } from "../../src/db/schema.js";
import { relance } from "../support/cli.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";
import { pdfText } from "../support/pdf-text.js";

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

interface Doc {
  id: string;
  kind: string;
  filename: string;
  sha256: string;
  size_bytes: number;
  client_id: string | null;
  invoice_id: string | null;
}

describe.each(testDialects())("relance documents on %s", (dialect) => {
  let t: TestDatabase;
  const work = mkdtempSync(join(tmpdir(), "relance-docs-cli-"));
  const files = join(work, "files");
  const cli = (args: string[]) => relance(["--db", t.url, ...args], { RELANCE_FILES_DIR: files });
  let clientId: string;
  let invoiceId: string;
  // a real PDF, with bytes of every value so that any re-encoding would show
  const pdf = Buffer.concat([
    Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n", "latin1"),
    Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
    Buffer.from("\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1"),
  ]);

  beforeAll(async () => {
    t = await createTestDatabase(dialect, { migrate: false });
    const init = cli(["init", "--name", "Plomberie Martin"]);
    expect(init.code, init.stderr).toBe(0);
    const org = (await t.db.selectFrom("organization").selectAll().executeTakeFirstOrThrow()) as Organization;
    const ctx = { db: t.db } as Parameters<typeof makeClient>[0];
    clientId = await makeClient(ctx, org, { name: "Boulangerie Dupont", siren: "732829320" });
    invoiceId = await makeInvoice(ctx, org, clientId, { number: "F-7" });
    await makeClient(ctx, org, { name: "Garage Ancien" });
    writeFileSync(join(work, "bon-de-livraison.pdf"), pdf);
  });
  afterAll(async () => {
    await t?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it("adds a delivery note to an invoice, lists it, and gives back the same bytes from another process (documents survive a restart)", async () => {
    const added = cli([
      "documents",
      "add",
      join(work, "bon-de-livraison.pdf"),
      "--client",
      "boulangerie dupont",
      "--invoice",
      "F-7",
      "--kind",
      "delivery_note",
      "--json",
    ]);
    expect(added.code, added.stderr).toBe(0);
    const doc = added.json<Doc>();
    expect(doc).toMatchObject({
      kind: "delivery_note",
      filename: "bon-de-livraison.pdf",
      sha256: sha256(pdf),
      size_bytes: pdf.length,
      client_id: clientId,
      invoice_id: invoiceId,
    });
    const action = await t.db
      .selectFrom("action")
      .select(["kind", "summary"])
      .where("invoice_id", "=", invoiceId)
      .executeTakeFirstOrThrow();
    expect(action).toEqual({
      kind: "document_added",
      summary: "Pièce ajoutée (Bon de livraison) : bon-de-livraison.pdf",
    });

    const text = cli(["documents", "list", "--client", "732 829 320"]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`${doc.id}\\s+Bon de livraison\\s+bon-de-livraison\\.pdf\\s+F-7`));
    expect(cli(["documents", "list", "--client", "Garage Ancien", "--json"]).json<Doc[]>()).toEqual([]);
    expect(
      cli(["documents", "list", "--invoice", "F-7", "--json"])
        .json<Doc[]>()
        .map((d) => d.id),
    ).toEqual([doc.id]);

    // each command is its own process: the database and the file are read back after the first one ended
    const out = join(work, "copie.pdf");
    const got = cli(["documents", "get", doc.id, out]);
    expect(got.code, got.stderr).toBe(0);
    expect(got.stdout).toContain(sha256(pdf));
    expect(sha256(readFileSync(out))).toBe(doc.sha256);
  });

  it("writes an invoice's duplicate (duplicata) as a PDF; an unknown number is refused", async () => {
    const out = join(work, "duplicata.pdf");
    const written = cli(["invoices", "duplicate", "F-7", out]);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toContain("Duplicata de la facture F-7");
    const text = await pdfText(readFileSync(out));
    expect(text).toContain("DUPLICATA");
    expect(text).toContain("Facture n° F-7");
    expect(text).toContain("Boulangerie Dupont");
    // an imported invoice without lines: its totals
    expect(text).toContain("Le détail des lignes de cette facture n'est pas enregistré");
    expect(text).toContain("Reste à payer 1 200,00 €");
    const unknown = cli(["invoices", "duplicate", "F-404", join(work, "x.pdf")]);
    expect(unknown.code).toBe(3);
  });

  it("refuses bad input with a message, a non-zero exit code and nothing stored", async () => {
    const before = await t.db.selectFrom("document").select("id").execute();
    const stored = () => readdirSync(files, { recursive: true }).length;
    const filesBefore = stored();

    const kind = cli([
      "documents",
      "add",
      join(work, "bon-de-livraison.pdf"),
      "--client",
      "Garage Ancien",
      "--kind",
      "receipt",
    ]);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain("Type de document inconnu : « receipt »");

    const noTarget = cli(["documents", "add", join(work, "bon-de-livraison.pdf")]);
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toContain("Rattachez le document à un client ou à une facture");

    // text named .pdf: the content check of the upload refuses it too
    writeFileSync(join(work, "faux.pdf"), "ceci n'est pas un PDF");
    const fake = cli(["documents", "add", join(work, "faux.pdf"), "--client", "Garage Ancien"]);
    expect(fake.code).toBe(2);
    expect(fake.stderr).toContain("ce n'est pas un fichier PDF");

    const big = join(work, "gros.pdf");
    writeFileSync(big, "%PDF-1.4\n");
    truncateSync(big, 10 * 1024 * 1024 + 1);
    const tooBig = cli(["documents", "add", big, "--client", "Garage Ancien"]);
    expect(tooBig.code).toBe(2);
    expect(tooBig.stderr).toContain("taille maximale de 10 Mo");

    const exe = join(work, "outil.exe");
    writeFileSync(exe, "MZ");
    const type = cli(["documents", "add", exe, "--client", "Garage Ancien"]);
    expect(type.code).toBe(2);
    expect(type.stderr).toContain("« .exe »");

    const unknown = cli(["documents", "add", join(work, "bon-de-livraison.pdf"), "--client", "Personne"]);
    expect(unknown.code).toBe(3);
    const missing = cli(["documents", "add", join(work, "absent.pdf"), "--client", "Garage Ancien"]);
    expect(missing.code).toBe(3);
    const noDoc = cli(["documents", "get", "0190a0a0-0000-7000-8000-000000000000", join(work, "x.pdf")]);
    expect(noDoc.code).toBe(3);

    expect(await t.db.selectFrom("document").select("id").execute()).toEqual(before);
    expect(stored()).toBe(filesBefore);
  });
});
