/** The invoices CSV of the hand-over ZIP: amounts from integer cents, no cell a spreadsheet would run as a formula. */
import { describe, expect, it } from "vitest";
import type { CaseFacts } from "../../src/app/recovery/case-facts.js";
import { invoicesCsv } from "../../src/app/recovery/case-file.js";

const invoice = (number: string, cents: number) => ({
  number,
  issue_date: "2026-01-10",
  due_date: "2026-02-10",
  total_ttc_cents: cents,
  balance_cents: cents,
  interest_cents: 5,
  indemnity_cents: 4000,
  total_claim_cents: cents + 4005,
  prescription_date: "2031-02-10",
});

describe("invoicesCsv", () => {
  it("neutralises formulas, quotes separators and writes amounts from cents", () => {
    const facts = {
      invoices: [
        invoice('=HYPERLINK("http://evil";"x")', 123_456),
        invoice("+33-1", 1),
        invoice("@SUM(A1)", 100),
        invoice("-5", 99),
        invoice("F;2026\r1", 1_000_000_07),
      ],
    } as unknown as CaseFacts;
    const lines = invoicesCsv(facts)
      .replace(/^\uFEFF/, "")
      .split("\r\n");
    expect(lines[1]).toBe(
      `"'=HYPERLINK(""http://evil"";""x"")";2026-01-10;2026-02-10;1234,56;1234,56;0,05;40,00;1274,61;2031-02-10`,
    );
    expect(lines[2]?.startsWith("'+33-1;")).toBe(true);
    expect(lines[2]).toContain(";0,01;0,01;");
    expect(lines[3]?.startsWith("'@SUM(A1);")).toBe(true);
    expect(lines[4]?.startsWith("'-5;")).toBe(true);
    expect(invoicesCsv(facts)).toContain('"F;2026\r1";2026-01-10;2026-02-10;1000000,07;');
  });

  it("neutralises a leading NUL, tab, carriage return or other control character", () => {
    const facts = {
      invoices: [
        invoice("\u0000=1+2", 100),
        invoice("\t=1", 100),
        invoice("\r=1", 100),
        invoice("\u001f-1", 100),
      ],
    } as unknown as CaseFacts;
    const body = invoicesCsv(facts).replace(/^\uFEFF/, "");
    expect(body).toContain("\r\n'\u0000=1+2;2026-01-10;");
    expect(body).toContain("\r\n'\t=1;2026-01-10;");
    expect(body).toContain(`\r\n"'\r=1";2026-01-10;`);
    expect(body).toContain("\r\n'\u001f-1;2026-01-10;");
  });
});
