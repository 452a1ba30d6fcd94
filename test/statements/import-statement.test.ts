// Importing bank statements: credits become bank transactions; the same statement imported again adds nothing;
// identical lines of one statement are all kept; a bad file is refused whole, nothing written; organizations apart.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { isAppError } from "../../src/app/errors.js";
import { importStatement } from "../../src/app/statements/import-statement.js";
import type { Organization } from "../../src/db/schema.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";

const SAMPLES = [resolve(process.cwd(), "../shared/samples/camt053"), "/work/shared/samples/camt053"].find(
  (d) => existsSync(join(d, "camt053.v8.xml")),
);

/** A CFONB 120 statement: two identical cheque remittances without an entry number, a transfer, a debit. */
function cfonb(): string {
  const head = (code: string) => `${code}30004056800123EUR2 00012345678  `;
  const balance = (code: string, date: string, amount: string) =>
    `${head(code)}${date}${" ".repeat(50)}${amount}${" ".repeat(16)}`;
  const movement = (date: string, label: string, entry: string, amount: string) =>
    `${head("04")}${date}  ${date}${label.padEnd(31)}  ${entry.padStart(7, "0")}  ${amount}${" ".repeat(16)}`;
  return [
    balance("01", "011226", "0000000100000{"),
    movement("021226", "VIR SEPA RECU /DE SARL MARTIN", "1201", "0000000014400{"),
    movement("031226", "REMISE CHEQUE", "", "0000000000500{"),
    movement("031226", "REMISE CHEQUE", "", "0000000000500{"),
    movement("041226", "FRAIS", "1300", "0000000001250}"),
    balance("07", "051226", "0000000114150{"),
  ].join("\n");
}

describe.each(testDialects())("bank statement import (%s)", (dialect) => {
  let t: TestDatabase;
  let org: Organization;
  let other: Organization;
  const ctx = (): AppContext => testContext(t, { now: "2026-12-07T09:00:00Z" });
  const count = async (orgId: string) =>
    Number(
      (
        await ctx()
          .db.selectFrom("bank_transaction")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("organization_id", "=", orgId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    org = await testOrganization(ctx(), "Atelier Morel");
    other = await testOrganization(ctx(), "Bureau Voisin");
  });
  afterAll(() => t?.drop());

  it("keeps the credits of a CFONB 120 statement, identical lines included, and adds nothing the second time", async () => {
    const bytes = Buffer.from(cfonb(), "latin1");
    const first = await importStatement({ ctx: ctx(), org, userId: null, bytes, fileName: "releve.txt" });
    expect(first).toMatchObject({
      format: "cfonb120",
      statements: 1,
      transactions: 4,
      credits: 3,
      new_credits: 3,
    });
    const rows = await ctx()
      .db.selectFrom("bank_transaction")
      .select(["id", "amount_cents", "label", "dedupe_key", "match_state", "booking_date"])
      .where("organization_id", "=", org.id)
      .orderBy("position")
      .execute();
    expect(rows.map((r) => [r.booking_date, Number(r.amount_cents), r.label, r.match_state])).toEqual([
      ["2026-12-02", 144_000, "VIR SEPA RECU /DE SARL MARTIN", "unmatched"],
      ["2026-12-03", 5_000, "REMISE CHEQUE", "unmatched"],
      ["2026-12-03", 5_000, "REMISE CHEQUE", "unmatched"],
    ]);
    expect(new Set(rows.map((r) => r.dedupe_key)).size).toBe(3);
    expect(first.new_ids).toEqual(rows.map((r) => r.id));

    const again = await importStatement({ ctx: ctx(), org, userId: null, bytes, fileName: "releve-bis.txt" });
    expect(again).toMatchObject({ credits: 3, new_credits: 0, new_ids: [] });
    expect(await count(org.id)).toBe(3);
    const statements = await ctx()
      .db.selectFrom("bank_statement")
      .select(["account", "statement_ref", "opening_balance_cents", "closing_balance_cents", "entries"])
      .where("organization_id", "=", org.id)
      .execute();
    expect(
      statements.map((s) => ({
        ...s,
        opening_balance_cents: Number(s.opening_balance_cents),
        closing_balance_cents: Number(s.closing_balance_cents),
      })),
    ).toEqual([
      {
        account: "300040012300012345678", // bank, branch, account
        statement_ref: expect.stringContaining("2026-12-01:2026-12-05"),
        opening_balance_cents: 1_000_000,
        closing_balance_cents: 1_141_500,
        entries: 4,
      },
    ]);
  });

  it("another organization importing the same file gets its own lines", async () => {
    const result = await importStatement({
      ctx: ctx(),
      org: other,
      userId: null,
      bytes: Buffer.from(cfonb(), "latin1"),
    });
    expect(result.new_credits).toBe(3);
    expect(await count(other.id)).toBe(3);
    expect(await count(org.id)).toBe(3);
  });

  it.skipIf(!SAMPLES)(
    "imports a camt.053 (v08) statement: the bank's reference, the payer and the remittance",
    async () => {
      const bytes = readFileSync(join(SAMPLES as string, "camt053.v8.xml"));
      const result = await importStatement({ ctx: ctx(), org, userId: null, bytes });
      expect(result).toMatchObject({
        format: "camt053",
        statements: 1,
        transactions: 1,
        credits: 1,
        new_credits: 1,
      });
      const row = await ctx()
        .db.selectFrom("bank_transaction")
        .selectAll()
        .where("id", "=", result.new_ids[0] as string)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        account: "NL26VAYB8060476890",
        bank_ref: "AAAASESS-FP-CN_98765/01",
        ref_kind: "bank",
        counterparty_name: "NAME NAME",
        counterparty_iban: "NL56AGDH9619008421",
        remittance: "4654654654654654",
        creditor_reference: "4654654654654654",
        end_to_end_id: "MUELL/FINP/RA12345",
      });
      expect(Number(row.amount_cents)).toBe(885);
      expect((await importStatement({ ctx: ctx(), org, userId: null, bytes })).new_credits).toBe(0);
    },
  );

  it("refuses a malformed file whole, with the line, and writes nothing", async () => {
    const before = await count(org.id);
    const lines = cfonb().split("\n");
    lines[3] = `${(lines[3] as string).slice(0, 90)}00000000050X0{${(lines[3] as string).slice(104)}`;
    const refused = await importStatement({
      ctx: ctx(),
      org,
      userId: null,
      bytes: Buffer.from(lines.join("\n"), "latin1"),
    }).catch((e: unknown) => e);
    expect(isAppError(refused)).toBe(true);
    if (!isAppError(refused)) return;
    expect(refused.code).toBe("invalid_input");
    expect(refused.details).toEqual([
      {
        path: "line:4",
        messageCode: "statement.invalid_amount",
        params: { where: "ligne 4", value: "00000000050X0{" },
      },
    ]);
    const none = await importStatement({
      ctx: ctx(),
      org,
      userId: null,
      bytes: Buffer.from("bonjour"),
    }).catch((e: unknown) => e);
    expect(isAppError(none) && none.messageCode).toBe("statement.unknown_format");
    expect(await count(org.id)).toBe(before);
  });
});
