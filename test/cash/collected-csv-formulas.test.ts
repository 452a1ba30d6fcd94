/**
 * The « Encaissée » CSV (GET /api/v1/collected.csv): no cell a spreadsheet would run as a formula, whatever the
 * first character (= + - @, tab, carriage return, NUL and the other control characters). test/http/cash.test.ts
 * covers `=` end to end; this walks the other triggers on the two free-text columns (invoice number, SIREN).
 * OWASP ASVS 5.0 1.2.10 (level 3).
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

  it("neutralises a leading NUL and every other control character, and keeps the row on its line", () => {
    const controls = [
      "\u0000=1+2",
      "\u0000",
      "\u0001=A1",
      "\u001b=1",
      "\u007f=1",
      "\n=1+2",
      "\u000b@SUM(A1)",
    ];
    const csv = collectedCsv({
      from: "2025-06-01",
      to: "2025-06-30",
      rows: [...controls.map((c) => row(c)), row("F-2", "\u0000=cmd|' /C calc'!A0")],
    });
    const body = csv.replace(/^\uFEFF/, "");
    expect(body).toContain("\n'\u0000=1+2;2025-06-01;");
    expect(body).toContain("\n'\u0000;2025-06-01;");
    expect(body).toContain("\n'\u0001=A1;2025-06-01;");
    expect(body).toContain("\n'\u001b=1;2025-06-01;");
    expect(body).toContain("\n'\u007f=1;2025-06-01;");
    // a line feed inside a cell: quoted (RFC 4180) as well as neutralised
    expect(body).toContain(`\n"'\n=1+2";2025-06-01;`);
    expect(body).toContain("\n'\u000b@SUM(A1);2025-06-01;");
    expect(body).toContain("F-2;2025-06-01;'\u0000=cmd|' /C calc'!A0;2025-06-30;");
    // no cell starts with a trigger once the CSV is split on its separator
    const records = body.replace(/"[^"]*"/g, "x").split("\r\n");
    expect(records).toHaveLength(controls.length + 3); // header, rows, the empty string after the last CRLF
    for (const line of records)
      for (const cell of line.split(";")) {
        if (cell === "") continue;
        const first = cell.codePointAt(0) ?? 0x20;
        expect("=+-@".includes(cell.charAt(0)) || first < 0x20 || first === 0x7f, line).toBe(false);
      }
  });

  it("leaves ordinary texts alone", () => {
    const csv = collectedCsv({
      from: "2025-06-01",
      to: "2025-06-30",
      rows: [row("F-2025-001", "732829320"), row("Facture n°12 — été", null), row("'déjà cité", null)],
    });
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[1]?.startsWith("F-2025-001;2025-06-01;732829320;")).toBe(true);
    expect(lines[2]?.startsWith("Facture n°12 — été;2025-06-01;;")).toBe(true);
    expect(lines[3]?.startsWith("'déjà cité;2025-06-01;;")).toBe(true);
  });
});
