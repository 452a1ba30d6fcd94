// `relance payment(s) cheque <invoice>`: a cheque received, awaiting deposit — the line printed, the --json shape,
// the declared row; refusals with a message and a non-zero exit, nothing written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Organization } from "../../src/db/schema.js";
import { relance } from "../support/cli.js";
import { testContext } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe.each(testDialects())("relance payment cheque on %s", (dialect) => {
  let t: TestDatabase;
  const cli = (args: string[]) => relance(["--db", t.url, "--lang", "fr", ...args]);
  const payments = () => t.db.selectFrom("payment").selectAll().execute();

  beforeAll(async () => {
    t = await createTestDatabase(dialect, { migrate: false });
    expect(cli(["init", "--name", "Plomberie Martin"]).code).toBe(0);
    const org = (await t.db.selectFrom("organization").selectAll().executeTakeFirstOrThrow()) as Organization;
    const ctx = testContext(t);
    const client = await makeClient(ctx, org, { name: "Boulangerie Dupont" });
    await makeInvoice(ctx, org, client, { number: "F-1", total_cents: 30_000, issue_date: "2025-01-15" });
  });
  afterAll(async () => t?.drop());

  it("records the cheque and says what it did", async () => {
    const out = cli([
      "payment",
      "cheque",
      "F-1",
      "--amount",
      "150.00",
      "--number",
      "1234567",
      "--drawer",
      "SARL X",
      "--bank",
      "LCL",
      "--date",
      "2025-06-28",
    ]);
    expect(out.code, out.stderr).toBe(0);
    expect(plain(out.stdout)).toMatch(
      /^Chèque de 150,00 € reçu pour la facture F-1 \(tireur : SARL X, n° 1234567\), à encaisser ; relances suspendues jusqu'au \d\d\/\d\d\/\d{4}\.\n$/,
    );
    const rows = await payments();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      state: "declared",
      method: "cheque",
      source: "staff",
      reference: "1234567",
      payer: "SARL X",
      date: "2025-06-28",
    });
    expect(Number(rows[0]?.amount_cents)).toBe(15_000);
  });

  it("--json prints the payment, the invoice and the pause", () => {
    const out = cli(["--json", "payments", "cheque", "F-1", "--amount", "20,00"]);
    expect(out.code, out.stderr).toBe(0);
    const json = out.json<{ payment: Record<string, unknown>; invoice_number: string; paused: boolean }>();
    expect(json.invoice_number).toBe("F-1");
    expect(json.paused).toBe(false); // the first cheque's pause already runs as long
    expect(json.payment).toMatchObject({
      amount_cents: 2000,
      state: "declared",
      method: "cheque",
      payer: "Boulangerie Dupont",
      reference: null,
    });
  });

  it("refuses an unknown invoice, a date in the future, a bad amount: a message, a non-zero exit, nothing written", async () => {
    const before = (await payments()).length;
    const unknown = cli(["payment", "cheque", "F-404", "--amount", "10"]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("Facture introuvable : F-404");
    const future = cli(["payment", "cheque", "F-1", "--amount", "10", "--date", "2199-01-01"]);
    expect(future.code).not.toBe(0);
    expect(future.stderr).toContain("La date de réception du chèque (2199-01-01) est dans le futur.");
    const bad = cli(["payment", "cheque", "F-1", "--amount", "abc"]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("Montant invalide");
    expect(await payments()).toHaveLength(before);
  });
});
