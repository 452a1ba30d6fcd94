import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createQuote } from "../../src/app/quotes/create-quote.js";
import { todayIn } from "../../src/core/calendar.js";
import type { Organization } from "../../src/db/schema.js";
import { relance } from "../support/cli.js";
import { testContext } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient } from "../support/factories.js";
import { pdfText } from "../support/pdf-text.js";

describe.each(testDialects())("relance quotes on %s", (dialect) => {
  let t: TestDatabase;
  const work = mkdtempSync(join(tmpdir(), "relance-quotes-cli-"));
  const cli = (args: string[]) => relance(["--db", t.url, ...args]);
  // the CLI runs on the real clock: the quote is valid from today for a month
  const today = todayIn("Europe/Paris", Date.now());

  beforeAll(async () => {
    t = await createTestDatabase(dialect, { migrate: false });
    expect(cli(["init", "--name", "Atelier Martin"]).code).toBe(0);
    const org = (await t.db.selectFrom("organization").selectAll().executeTakeFirstOrThrow()) as Organization;
    const ctx = testContext(t, { now: new Date().toISOString() });
    const client = await makeClient(ctx, org, { name: "Boulangerie Dupont" });
    for (const number of ["D-1", "D-2"]) {
      await createQuote({
        ctx,
        org,
        userId: null,
        input: {
          client_id: client,
          number,
          issue_date: today.toString(),
          valid_until: today.add({ days: 30 }).toString(),
          deposit_percent: 30,
          lines: [
            { description: "Pose", quantity_milli: 1000, unit_price_cents: 100_000, vat_rate_bp: 2000 },
          ],
        },
      });
    }
  });
  afterAll(async () => {
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it("sends, accepts (deposit invoice), warns, refuses, writes the PDF and the final invoice", () => {
    expect(cli(["quotes", "accept", "D-1"]).code).not.toBe(0); // a draft: 409
    expect(cli(["quotes", "send", "D-1"]).code).toBe(0);
    const accepted = cli(["quotes", "accept", "D-1"]);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toContain("Facture d'acompte AC-D-1");
    expect(accepted.stdout).toContain("Ne pas commencer les travaux : acompte non réglé");
    const en = cli(["--lang", "en", "--json", "quotes", "list"]);
    expect(en.code, en.stderr).toBe(0);
    const rows =
      en.json<{ number: string; status: string; deposit_cents: number; warning: string | null }[]>();
    expect(rows.find((r) => r.number === "D-1")).toMatchObject({
      status: "accepted",
      deposit_cents: 36_000,
      warning: "deposit_unpaid",
    });

    expect(cli(["quotes", "send", "D-2"]).code).toBe(0);
    const refused = cli(["--json", "quotes", "refuse", "D-2"]);
    expect(refused.json<{ status: string }>().status).toBe("refused");
    const again = cli(["quotes", "accept", "D-2"]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain("D-2");
    expect(cli(["quotes", "accept", "D-404"]).code).not.toBe(0);

    const file = join(work, "devis.pdf");
    expect(cli(["quotes", "pdf", "D-1", file]).code).toBe(0);
    expect(readFileSync(file).subarray(0, 4).toString()).toBe("%PDF");

    const final = cli(["quotes", "final-invoice", "D-1"]);
    expect(final.code, final.stderr).toBe(0);
    expect(final.stdout).toContain("Facture de solde F-D-1");
  });

  it("the PDF carries the « Bon pour accord » block", async () => {
    const file = join(work, "devis-2.pdf");
    expect(cli(["quotes", "pdf", "D-2", file]).code).toBe(0);
    const text = await pdfText(readFileSync(file));
    expect(text).toContain("Devis n° D-2");
    expect(text).toContain("Bon pour accord");
  });
});
