import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInvoice } from "../../src/app/invoices/create-invoice.js";
import type { Organization } from "../../src/db/schema.js";
import { readEInvoice } from "../../src/formats/einvoice/read-einvoice.js";
import { relance } from "../support/cli.js";
import { testContext } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";

describe.each(testDialects())("relance invoices facturx / xml on %s", (dialect) => {
  let t: TestDatabase;
  const work = mkdtempSync(join(tmpdir(), "relance-einvoice-cli-"));
  const cli = (args: string[]) => relance(["--db", t.url, ...args]);

  beforeAll(async () => {
    t = await createTestDatabase(dialect, { migrate: false });
    expect(cli(["init", "--name", "Atelier Martin"]).code).toBe(0);
    const org = (await t.db.selectFrom("organization").selectAll().executeTakeFirstOrThrow()) as Organization;
    const ctx = testContext(t);
    const client = await makeClient(ctx, org, { name: "Boulangerie Dupont", siren: "732829320" });
    await createInvoice({
      ctx,
      org,
      userId: null,
      input: {
        client_id: client,
        number: "F-1",
        issue_date: "2025-06-02",
        due_date: "2025-07-02",
        lines: [{ description: "Pose", quantity_milli: 1000, unit_price_cents: 100_000, vat_rate_bp: 2000 }],
      },
    });
    await makeInvoice(ctx, org, client, { number: "IMP-1" });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("writes the Factur-X PDF and the CII / UBL XML; refuses an unknown syntax and an invoice without lines", () => {
    const pdf = join(work, "f.pdf");
    const made = cli(["invoices", "facturx", "F-1", "--out", pdf]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain("F-1");
    const read = readEInvoice(readFileSync(pdf));
    expect(read.ok && read.invoice).toMatchObject({ number: "F-1", totalTtcCents: 120_000 });
    for (const syntax of ["cii", "ubl"]) {
      const xml = join(work, `f.${syntax}.xml`);
      const out = cli(["--json", "invoices", "xml", "F-1", "--syntax", syntax, "--out", xml]);
      expect(out.code, out.stderr).toBe(0);
      expect(out.json<{ syntax: string }>().syntax).toBe(syntax);
      const back = readEInvoice(readFileSync(xml));
      expect(back.ok && back.invoice).toMatchObject({ syntax, number: "F-1", kind: "invoice" });
    }
    const bad = cli(["invoices", "xml", "F-1", "--syntax", "pdf", "--out", join(work, "x.xml")]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("cii ou ubl");
    const none = cli(["invoices", "facturx", "IMP-1", "--out", join(work, "i.pdf")]);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain("IMP-1");
  });
});
