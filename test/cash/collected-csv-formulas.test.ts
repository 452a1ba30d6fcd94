/**
 * The « Encaissée » CSV (GET /api/v1/collected.csv): no cell a spreadsheet would run as a formula, whatever the
 * first character (= + - @, tab, carriage return). test/http/cash.test.ts covers `=` end to end; this walks the
 * other triggers on the two free-text columns (invoice number, SIREN). OWASP ASVS 5.0 V1 (number to confirm).
 */
import { describe, expect, it } from "vitest";
import { type CollectedDto, collectedCsv } from "../../src/app/cash/export-collected.js";

const row = (invoice_number: string, client_siren: string | null = null): CollectedDto => ({
  invoice_number,
  invoice_date: "2025-06-01",
  client_siren,
  payment_date: "2025-06-30",
  amount_cents: 100,
  amount: "1.00",
  payment_method: "transfer",
  status_code: 212,
  status_label: "Encaissée",
});

describe("collectedCsv: formula injection", () => {
  it("neutralises every formula trigger with a leading apostrophe, and quotes what needs it", () => {
    const triggers = ["=1+2", "+33-1", "-5+5", "@SUM(A1)", '=HYPERLINK("http://evil";"x")', "\t=1", "\r=1"];
    const csv = collectedCsv({
      from: "2025-06-01",
      to: "2025-06-30",
      rows: [...triggers.map((t) => row(t)), row("F-1", "=cmd|' /C calc'!A0")],
    });
    const body = csv.replace(/^\uFEFF/, "");
    const lines = body.split("\r\n");
    expect(lines[1]?.startsWith("'=1+2;")).toBe(true);
    expect(lines[2]?.startsWith("'+33-1;")).toBe(true);
    expect(lines[3]?.startsWith("'-5+5;")).toBe(true);
    expect(lines[4]?.startsWith("'@SUM(A1);")).toBe(true);
    expect(lines[5]?.startsWith(`"'=HYPERLINK(""http://evil"";""x"")";`)).toBe(true);
    expect(lines[6]?.startsWith("'\t=1;")).toBe(true);
    // a carriage return is a line break to the spreadsheet: quoted as well as neutralised
    expect(body).toContain(`"'\r=1";2025-06-01;`);
    expect(body).toContain(`F-1;2025-06-01;'=cmd|' /C calc'!A0;2025-06-30;`);
    // no cell starts with a trigger once the CSV is split on its separator
    for (const line of body.replace(/"[^"]*"/g, "x").split("\r\n"))
      for (const cell of line.split(";")) expect(cell, line).not.toMatch(/^[=+\-@\t\r]/);
  });
});
