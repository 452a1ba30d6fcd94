import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { parseMapOption, readTrackingSheet, type TrackingRow } from "./index.js";
import { brief, collect, TempDir } from "./test-helpers.js";

const tmp = new TempDir();
afterAll(() => tmp.remove());

const NBSP = "\u00a0";

/** What a French user's spreadsheet saved as "CSV (séparateur : point-virgule)" looks like. */
const FRENCH_EXPORT = [
  "Numéro;Client;SIREN;Date d'émission;Échéance;Montant TTC;Déjà payé",
  `F2025-001;Boulangerie Martin;732829320;31/01/2025;02/03/2025;1${NBSP}234,56;0`,
  `F2025-002;"Société Générale d'Électricité";552 100 554;15/02/2025;17/03/2025;"12${NBSP}000,00 €";4${NBSP}000,00`,
  "F2025-003;  Café   des   Arts ;;01/03/2025;31/03/2025;360;",
  ";;;;;;",
  "",
  "",
].join("\r\n");

const FRENCH_ROWS: TrackingRow[] = [
  {
    line: 2,
    number: "F2025-001",
    client: "Boulangerie Martin",
    siren: "732829320",
    issue_date: "2025-01-31",
    due_date: "2025-03-02",
    total_cents: 123456,
    paid_cents: 0,
  },
  {
    line: 3,
    number: "F2025-002",
    client: "Société Générale d'Électricité",
    siren: "552100554",
    issue_date: "2025-02-15",
    due_date: "2025-03-17",
    total_cents: 1200000,
    paid_cents: 400000,
  },
  {
    line: 4,
    number: "F2025-003",
    client: "Café des Arts",
    issue_date: "2025-03-01",
    due_date: "2025-03-31",
    total_cents: 36000,
    paid_cents: 0,
  },
];

describe("readTrackingSheet — CSV", () => {
  it("reads a French Windows-1252 export (semicolons, NBSP groups, €, CRLF)", async () => {
    const bytes = iconv.encode(FRENCH_EXPORT, "windows-1252");
    expect(bytes.includes(0xe9)).toBe(true); // é as one byte: really not UTF-8
    expect(bytes.includes(0x80)).toBe(true); // € in Windows-1252
    const r = await collect(tmp.write("suivi.csv", bytes));
    expect(r.errors).toEqual([]);
    expect(r.header).toMatchObject({ encoding: "windows-1252", delimiter: ";" });
    expect(r.header?.columns.map((c) => c.field)).toEqual([
      "number",
      "client",
      "siren",
      "issue_date",
      "due_date",
      "total",
      "paid",
    ]);
    expect(r.rows).toEqual(FRENCH_ROWS);
    expect(r.order[0]).toBe("header");
    expect(r.progress.at(-1)).toEqual({
      type: "progress",
      bytesRead: bytes.length,
      totalBytes: bytes.length,
    });
  });

  it("reads the same export from the fixture file", async () => {
    const fixture = fileURLToPath(
      new URL("../../../test/fixtures/tracking/suivi-windows-1252.csv", import.meta.url),
    );
    expect(readFileSync(fixture).includes(0xe9)).toBe(true);
    const r = await collect(fixture);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual(FRENCH_ROWS);
  });

  it("reads UTF-8 with a BOM and commas", async () => {
    const text = [
      "\ufeffN° facture,Client,E-mail,Échéance,Montant TTC,Reste à payer,Type,Commentaire",
      'F1,"Dupont, Fils & Cie",compta@Dupont.FR,2025-04-30,"1 200,00",200,B2B,"dit ""OK"""',
      "F2,Mme Durand,,30/04/2025,99.90,,particulier,",
    ].join("\n");
    const r = await collect(tmp.write("bom.csv", text));
    expect(r.errors).toEqual([]);
    expect(r.header).toMatchObject({ encoding: "utf-8", delimiter: "," });
    expect(r.header?.columns[0]?.header).toBe("N° facture");
    expect(r.rows).toEqual([
      {
        line: 2,
        number: "F1",
        client: "Dupont, Fils & Cie",
        email: "compta@dupont.fr",
        due_date: "2025-04-30",
        total_cents: 120000,
        paid_cents: 100000,
        kind: "business",
        notes: 'dit "OK"',
      },
      {
        line: 3,
        number: "F2",
        client: "Mme Durand",
        due_date: "2025-04-30",
        total_cents: 9990,
        paid_cents: 0,
        kind: "consumer",
      },
    ]);
  });

  it("reads English headers, tabs, HT + VAT without a total, a SIRET", async () => {
    const text = [
      "Invoice number\tCustomer name\tSIRET\tInvoice date\tDue date\tNet amount\tVAT amount\tAmount paid\tPaid on\tClient type\tStatus",
      "INV-7\tACME Ltd\t732 829 320 00074\t2025-01-31\t2025-03-02\t1000.00\t200.00\t1200\t2025-03-01\tpublic\tPaid",
    ].join("\n");
    const r = await collect(tmp.write("english.tsv", text), { locale: "en" });
    expect(r.errors).toEqual([]);
    expect(r.header?.delimiter).toBe("\t");
    expect(r.header?.columns.at(-1)).toEqual({ header: "Status", field: "ignore" });
    expect(r.rows).toEqual([
      {
        line: 2,
        number: "INV-7",
        client: "ACME Ltd",
        siren: "732829320",
        siret: "73282932000074",
        issue_date: "2025-01-31",
        due_date: "2025-03-02",
        ht_cents: 100000,
        vat_cents: 20000,
        total_cents: 120000,
        paid_cents: 120000,
        payment_date: "2025-03-01",
        kind: "public",
      },
    ]);
  });

  it("reports every bad line with its line number and column, and goes on", async () => {
    const text = [
      "Numéro;Client;SIREN;Date d'émission;Échéance;Montant TTC;Déjà payé", // 1
      "F1;Client A;732829320;31/02/2025;31/03/2025;100,00;0", // 2
      "F2;Client B;732829320;01/02/2025;01/03/2025;abc;0", // 3
      "F3;Client C;123456789;01/02/2025;01/03/2025;100;0", // 4
      "F4;;732829320;01/02/2025;01/03/2025;100;0", // 5
      "F5;Client E;732829320;01/03/2025;01/02/2025;100;150", // 6
      "F6;Client F;732829320;01/02/2025;01/03/2025;100,00;0", // 7
      ";Client G;73282932000074;;;0;-1;en trop", // 8
    ].join("\n");
    const r = await collect(tmp.write("broken.csv", text));
    expect(brief(r.errors)).toEqual([
      { line: 2, column: "Date d'émission", code: "date.impossible" },
      { line: 3, column: "Montant TTC", code: "amount.invalid" },
      { line: 4, column: "SIREN", code: "siren.invalid" },
      { line: 5, column: "Client", code: "field.required" },
      { line: 6, column: "Échéance", code: "date.due_before_issue" },
      { line: 6, column: "Déjà payé", code: "amount.paid_exceeds_total" },
      { line: 8, column: "", code: "row.too_many_columns" },
      { line: 8, column: "Numéro", code: "field.required" },
      { line: 8, column: "Échéance", code: "date.missing" },
      { line: 8, column: "Montant TTC", code: "amount.zero" },
      { line: 8, column: "Déjà payé", code: "amount.negative" },
    ]);
    expect(r.errors[0]?.message).toBe("Date impossible : 31/02/2025 (le 31/02 n'existe pas en 2025)");
    expect(r.errors[2]?.message).toContain("« 123456789 »");
    expect(r.errors[4]?.message).toBe(
      "L'échéance (01/02/2025) est antérieure à la date d'émission (01/03/2025)",
    );
    expect(r.errors[5]?.message).toBe(
      "Le montant payé (150,00\u00a0€) dépasse le montant TTC (100,00\u00a0€)",
    );
    expect(r.rows.map((row) => row.line)).toEqual([7]);
  });

  it("gives messages in English when asked", async () => {
    const text = "Numéro;Client;Échéance;Montant TTC\nF1;A;31/02/2025;10\n";
    const r = await collect(tmp.write("en.csv", text), { locale: "en" });
    expect(r.errors.map((e) => e.message)).toEqual([
      "Impossible date: 31/02/2025 (31/02 does not exist in 2025)",
    ]);
  });

  it("checks HT + VAT = total, balances and kinds", async () => {
    const text = [
      "Numéro;Client;Échéance;Montant HT;TVA;Montant TTC;Payé;Solde;Type",
      "F1;A;31/03/2025;100;20;120;20;100;B2B", // 2 ok
      "F2;A;31/03/2025;100;20;121;;;", // 3 ht+vat mismatch
      "F3;A;31/03/2025;;;120;50;60;", // 4 paid + balance != total
      "F4;A;31/03/2025;;;120;;130;", // 5 balance > total
      "F5;A;31/03/2025;;;120;;20;grossiste", // 6 kind invalid
      "F6;A;31/03/2025;100;20;;;;public", // 7 total from HT + VAT
    ].join("\n");
    const r = await collect(tmp.write("amounts.csv", text));
    expect(brief(r.errors)).toEqual([
      { line: 3, column: "Montant TTC", code: "amount.ht_vat_mismatch" },
      { line: 4, column: "Solde", code: "amount.paid_balance_mismatch" },
      { line: 5, column: "Solde", code: "amount.balance_exceeds_total" },
      { line: 6, column: "Type", code: "kind.invalid" },
    ]);
    expect(r.errors[0]?.message).toBe(
      "HT (100,00\u00a0€) + TVA (20,00\u00a0€) = 120,00\u00a0€, différent du montant TTC (121,00\u00a0€)",
    );
    expect(r.rows.map((row) => [row.line, row.total_cents, row.paid_cents, row.kind])).toEqual([
      [2, 12000, 2000, "business"],
      [7, 12000, 0, "public"],
    ]);
  });

  it("derives paid from a balance column alone", async () => {
    const text = "Facture;Client;Date;Total;Reste dû\nF1;A;01/01/2025;1000;250\nF2;A;01/01/2025;1000;0\n";
    const r = await collect(tmp.write("balance.csv", text));
    expect(r.errors).toEqual([]);
    expect(r.rows.map((row) => row.paid_cents)).toEqual([75000, 100000]);
  });

  it("reports an unknown column with the --map hint and reads no rows; --map fixes it", async () => {
    const text = "Numéro;Client;Commercial;Échéance;Montant TTC;Statut\nF1;A;Paul;31/03/2025;10;En retard\n";
    const file = tmp.write("unknown.csv", text);
    const r = await collect(file);
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([
      {
        line: 1,
        column: "Commercial",
        code: "column.unknown",
        message:
          'Colonne inconnue « Commercial » : utilisez --map "Commercial=champ" ou --map "Commercial=ignore"',
      },
    ]);
    expect(r.order).toEqual(["header", "error"]);

    const map = parseMapOption(["Commercial=ignore"]);
    expect(map.ok).toBe(true);
    if (!map.ok) return;
    const fixed = await collect(file, { locale: "fr", map: map.value });
    expect(fixed.errors).toEqual([]);
    expect(fixed.rows.map((row) => row.number)).toEqual(["F1"]);

    const asNotes = await collect(file, { locale: "fr", map: { Commercial: "notes" } });
    expect(asNotes.rows[0]?.notes).toBe("Paul");
  });

  it("reports missing and duplicate columns, all at once", async () => {
    const r = await collect(tmp.write("missing.csv", "Client;Montant;Total TTC;Notes\nA;1;1;x\n"));
    expect(brief(r.errors)).toEqual([
      { line: 1, column: "Total TTC", code: "column.duplicate" },
      { line: 1, column: "", code: "column.missing_required" },
      { line: 1, column: "", code: "column.missing_required" },
    ]);
    expect(r.rows).toEqual([]);
  });

  it("keeps the right line numbers around quoted multi-line cells", async () => {
    const text = [
      "Numéro;Client;Échéance;Montant TTC;Notes", // 1
      'F1;A;31/01/2025;100;"line one', // 2
      'line two"', // 3
      "F2;B;31/01/2025;100;ok", // 4
      'F3;"Multi', // 5
      'Line Client";31/01/2025;abc;x', // 6
      "", // 7
      "F4;D;31/01/2025;100;", // 8
    ].join("\r\n");
    const r = await collect(tmp.write("multiline.csv", text));
    expect(r.rows.map((row) => [row.line, row.number])).toEqual([
      [2, "F1"],
      [4, "F2"],
      [8, "F4"],
    ]);
    expect(r.rows[0]?.notes).toBe("line one\r\nline two");
    expect(brief(r.errors)).toEqual([{ line: 5, column: "Montant TTC", code: "amount.invalid" }]);
  });

  it("keeps line numbers right across chunk boundaries in a large file", async () => {
    const lines = ["Numéro;Client;Échéance;Montant TTC;Notes"];
    let line = 2;
    const expected: number[] = [];
    for (let i = 0; i < 6000; i++) {
      expected.push(line);
      const notes = i % 3 === 0 ? `"note ${i}\nsuite ""citée""\navec ; et é"` : `note ${i}`;
      lines.push(`F${i};Client ${i} é;31/01/2025;${i + 1},50;${notes}`);
      line += i % 3 === 0 ? 3 : 1;
    }
    const text = lines.join("\n");
    expect(text.length).toBeGreaterThan(4 * 65536);
    const r = await collect(tmp.write("large.csv", text));
    expect(r.errors).toEqual([]);
    expect(r.rows.map((row) => row.line)).toEqual(expected);
    expect(r.rows[3000]?.notes).toBe('note 3000\nsuite "citée"\navec ; et é');
  });

  it("refuses a UTF-16 file as unreadable, with no rows", async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(FRENCH_EXPORT, "utf-16le")]);
    const r = await collect(tmp.write("utf16.csv", bytes));
    expect(r.rows).toEqual([]);
    expect(brief(r.errors)).toEqual([{ line: 0, column: "", code: "file.unreadable_encoding" }]);
  });

  it("reports an empty file, a blank file, a missing file and an old .xls", async () => {
    for (const content of ["", "\ufeff", "\r\n\r\n;;;\r\n"]) {
      const r = await collect(tmp.write("empty.csv", content));
      expect(brief(r.errors)).toEqual([{ line: 0, column: "", code: "file.empty" }]);
    }
    expect(brief((await collect(tmp.file("nope.csv"))).errors)).toEqual([
      { line: 0, column: "", code: "file.not_found" },
    ]);
    const xls = tmp.write("old.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    expect(brief((await collect(xls)).errors)).toEqual([
      { line: 0, column: "", code: "file.unsupported_format" },
    ]);
  });

  it("reads a header-only file and a file without a final line break", async () => {
    expect(await collect(tmp.write("h.csv", "Numéro;Client;Date;Montant"))).toMatchObject({
      rows: [],
      errors: [],
    });
    const r = await collect(tmp.write("nofinal.csv", "Numéro;Client;Date;Montant\nF1;A;01/01/2025;5"));
    expect(r.rows.map((row) => row.total_cents)).toEqual([500]);
  });

  it("reports an unclosed quote", async () => {
    const r = await collect(
      tmp.write("quote.csv", 'Numéro;Client;Date;Montant\nF1;"A;01/01/2025;5\nF2;B;01/01/2025;5\n'),
    );
    expect(brief(r.errors)).toEqual([{ line: 2, column: "", code: "row.unterminated_quote" }]);
  });

  it("can be abandoned midway", async () => {
    const lines = ["Numéro;Client;Date;Montant"];
    for (let i = 0; i < 50_000; i++) lines.push(`F${i};A;01/01/2025;5`);
    const file = tmp.write("abandon.csv", lines.join("\n"));
    let rows = 0;
    for await (const e of readTrackingSheet(file, { locale: "fr" })) {
      if (e.type === "row" && ++rows === 10) break;
    }
    expect(rows).toBe(10);
  });
});
