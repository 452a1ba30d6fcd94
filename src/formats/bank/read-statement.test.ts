import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { detectStatementFormat, readStatement } from "./read-statement.js";
import type { StatementFile, StatementResult } from "./types.js";

/** The camt.053 samples with their expected parse (genkgo/camt), kept in the shared folder beside the checkout. */
const SAMPLES = [
  process.env.RELANCE_CAMT053_SAMPLES,
  resolve(process.cwd(), "../shared/samples/camt053"),
  "/work/shared/samples/camt053",
].find((dir) => dir !== undefined && existsSync(join(dir, "camt053.v8.xml")));

const ok = (result: StatementResult): StatementFile => {
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.file;
};
const read = (text: string, format?: Parameters<typeof readStatement>[1]) =>
  readStatement(Buffer.from(text, "utf8"), format);

type Json = { [key: string]: unknown };
/** Every Entry object of the expected dump, wherever it sits. */
function expectedEntries(node: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(node)) for (const n of node) expectedEntries(n, out);
  else if (node && typeof node === "object") {
    const o = node as Json;
    if (o.__CLASS__ === "Genkgo\\Camt\\DTO\\Entry") out.push(o);
    for (const v of Object.values(o)) expectedEntries(v, out);
  }
  return out;
}
const get = (o: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((x, k) => (x && typeof x === "object" ? (x as Json)[k] : undefined), o);

describe.skipIf(!SAMPLES)("camt.053 samples (versions 02, 04, 08) against their expected parse", () => {
  for (const name of ["camt053.v2.minimal", "camt053.v2.multi.statement", "camt053.v4", "camt053.v8"]) {
    it(name, () => {
      const dir = SAMPLES as string;
      const xml = readFileSync(join(dir, `${name}.xml`));
      expect(detectStatementFormat(xml.toString("utf8"))).toBe("camt053");
      const file = ok(readStatement(xml));
      expect(file.format).toBe("camt053");
      const expected = JSON.parse(readFileSync(join(dir, `${name}.expected.json`), "utf8"));
      const wanted = expectedEntries(expected);
      expect(wanted.length).toBeGreaterThan(0);
      for (const e of wanted) {
        const statementId = get(e, "getRecord", "getId");
        const statement =
          typeof statementId === "string"
            ? file.statements.find((s) => s.id === statementId)
            : file.statements[file.statements.length - 1];
        const entry = statement?.entries[get(e, "getIndex") as number];
        if (!entry) throw new Error(`no entry ${String(get(e, "getIndex"))} in ${String(statementId)}`);
        const minor = Number(get(e, "getAmount", "getAmount"));
        expect(entry.amount_cents).toBe(Math.abs(minor));
        expect(entry.direction).toBe(get(e, "getCreditDebitIndicator") === "CRDT" ? "credit" : "debit");
        expect(entry.currency).toBe(get(e, "getAmount", "getCurrency", "getCode"));
        expect(entry.booking_date).toBe(String(get(e, "getBookingDate", "0")).slice(0, 10));
        expect(entry.value_date).toBe(String(get(e, "getValueDate", "0")).slice(0, 10));
        expect(entry.reversal).toBe(get(e, "getReversalIndicator"));
        const servicer = get(e, "getAccountServicerReference") as string | null;
        const endToEnd = get(e, "getTransactionDetail", "getReference", "getEndToEndId") as string | null;
        expect(entry.end_to_end_id).toBe(endToEnd);
        expect(entry.bank_ref).toBe(servicer ?? endToEnd ?? `${statement?.id}#${entry.index + 1}`);
        expect(entry.remittance).toContain(
          get(e, "getTransactionDetail", "getRemittanceInformation", "getMessage"),
        );
        const parties = (get(e, "getTransactionDetail", "getRelatedParties") as Json[]) ?? [];
        const other = parties.find((p) =>
          String(get(p, "getRelatedPartyType", "__CLASS__")).endsWith(
            entry.direction === "credit" ? "Debtor" : "Creditor",
          ),
        );
        expect(entry.counterparty_name).toBe(other ? get(other, "getRelatedPartyType", "getName") : null);
        expect(entry.counterparty_iban).toBe(
          other ? (get(other, "getAccount", "getIdentification") ?? null) : null,
        );
      }
    });
  }

  it("reads both statements of a multi-statement file, with their balances", () => {
    const file = ok(readStatement(readFileSync(join(SAMPLES as string, "camt053.v2.multi.statement.xml"))));
    expect(file.statements.map((s) => [s.id, s.account_iban, s.entries.length])).toEqual([
      ["253EURNL26VAYB8060476890", "NL26VAYB8060476890", 1],
      ["254EURNL26VAYB8060476890", "NL26VAYB8060476890", 1],
    ]);
    expect(file.statements.map((s) => [s.opening_balance_cents, s.closing_balance_cents])).toEqual([
      [1815, 2700],
      [2700, 2000],
    ]);
    expect(file.statements[0]?.entries[0]).toMatchObject({
      amount_cents: 885,
      direction: "credit",
      remittance: "Transaction Description 1",
      // the sample names only the creditor (the account holder): no payer
      counterparty_name: null,
      end_to_end_id: "000000001",
      bank_ref: "000000001",
      ref_kind: "end_to_end",
    });
  });
});

describe("camt.053 refusals", () => {
  it("refuses a DOCTYPE, a file without statement and malformed XML, with a line", () => {
    const doctype = read(
      '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<Document/>',
      "camt053",
    );
    expect(doctype).toMatchObject({
      ok: false,
      problems: [{ code: "statement.doctype_forbidden", line: 2 }],
    });
    const empty = read(
      '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr/></BkToCstmrStmt></Document>',
    );
    expect(empty).toMatchObject({ ok: false, problems: [{ code: "statement.none" }] });
    const broken = read("<Document><BkToCstmrStmt>\n<Stmt>\n</BkToCstmrStmt></Document>", "camt053");
    expect(broken).toMatchObject({ ok: false, problems: [{ code: "statement.malformed_xml" }] });
    const amount = read(
      '<Document><BkToCstmrStmt><Stmt><Id>S1</Id><Ntry><Amt Ccy="EUR">12,50</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-01-02</Dt></BookgDt></Ntry></Stmt></BkToCstmrStmt></Document>',
    );
    expect(amount).toMatchObject({
      ok: false,
      problems: [{ code: "statement.invalid_amount", params: { value: "12,50" } }],
    });
  });
});

/** A CFONB 120 record from its fields, padded to 120 characters. */
function cfonb(
  code: string,
  o: {
    date: string;
    amount: string;
    label?: string;
    entry?: string;
    value?: string;
    ref?: string;
    qualifier?: string;
    info?: string;
  },
) {
  const head = `${code}30004056800123EUR2 00012345678  `; // bank, reserved, branch, currency, decimals, account
  let line: string;
  if (code === "05")
    line = `${head}${o.date}${" ".repeat(5)}${o.qualifier ?? "LIB"}${(o.info ?? "").padEnd(70)}  `;
  else
    line = `${head}${o.date}  ${o.value ?? o.date}${(o.label ?? "").padEnd(31)}  ${(o.entry ?? "").padStart(7, "0")}  ${o.amount}${(o.ref ?? "").padEnd(16)}`;
  if (code !== "04" && code !== "05") line = `${head}${o.date}${" ".repeat(50)}${o.amount}${" ".repeat(16)}`;
  expect(line).toHaveLength(120);
  return line;
}

describe("CFONB 120", () => {
  const statement = [
    cfonb("01", { date: "011226", amount: "0000000100000{" }), // 10 000,00 € (2 decimals)
    cfonb("04", {
      date: "021226",
      amount: "0000000014400{",
      label: "VIR SEPA RECU /DE SARL MARTIN",
      entry: "1201",
      ref: "F2026-0042",
    }),
    cfonb("05", { date: "021226", amount: "", qualifier: "NPY", info: "SARL MARTIN" }),
    cfonb("05", { date: "021226", amount: "", qualifier: "LIB", info: "/MOTIF FACT F2026-0042" }),
    // the same line twice in one statement, without an entry number: both kept
    cfonb("04", { date: "031226", amount: "0000000000500{", label: "REMISE CHEQUE" }),
    cfonb("04", { date: "031226", amount: "0000000000500{", label: "REMISE CHEQUE" }),
    cfonb("04", { date: "041226", amount: "0000000001250}", label: "FRAIS TENUE DE COMPTE", entry: "1300" }), // −125,00 → debit
    cfonb("04", { date: "041226", amount: "0000000000012J", label: "COMMISSION", entry: "1301" }), // −1,21
    cfonb("07", { date: "051226", amount: "0000000114137I" }),
  ].join("\r\n");

  it("reads movements, complements, signs and balances; identical lines are all kept, under stable references", () => {
    expect(detectStatementFormat(statement)).toBe("cfonb120");
    const file = ok(read(statement));
    expect(file.format).toBe("cfonb120");
    const [s] = file.statements;
    expect(s).toMatchObject({
      account_id: "300040012300012345678",
      from_date: "2026-12-01",
      to_date: "2026-12-05",
      opening_balance_cents: 10_000_00,
      closing_balance_cents: 11_413_79,
    });
    expect(s?.entries.map((e) => [e.booking_date, e.direction, e.amount_cents, e.ref_kind])).toEqual([
      ["2026-12-02", "credit", 1_440_00, "bank"],
      ["2026-12-03", "credit", 50_00, "position"],
      ["2026-12-03", "credit", 50_00, "position"],
      ["2026-12-04", "debit", 125_00, "bank"],
      ["2026-12-04", "debit", 1_21, "bank"],
    ]);
    expect(s?.entries[0]).toMatchObject({
      label: "VIR SEPA RECU /DE SARL MARTIN /MOTIF FACT F2026-0042",
      remittance: "F2026-0042",
      counterparty_name: "SARL MARTIN",
      bank_ref: "300040012300012345678:2026-12-02:0001201",
    });
    const refs = s?.entries.map((e) => e.bank_ref) ?? [];
    expect(new Set(refs).size).toBe(refs.length);
    // the same file read again gives the same references
    expect(ok(read(statement)).statements[0]?.entries.map((e) => e.bank_ref)).toEqual(refs);
  });

  it("reads records without line breaks", () => {
    expect(ok(read(statement.replace(/\r\n/g, ""))).statements[0]?.entries).toHaveLength(5);
  });

  it("refuses a bad record, an amount, a statement never closed — with the line", () => {
    const lines = statement.split("\r\n");
    const badAmount = [...lines];
    badAmount[4] = `${(badAmount[4] as string).slice(0, 90)}00000000050X0{${(badAmount[4] as string).slice(104)}`;
    expect(read(badAmount.join("\n"), "cfonb120")).toMatchObject({
      ok: false,
      problems: [{ code: "statement.invalid_amount", line: 5 }],
    });
    expect(read(lines.slice(0, -1).join("\n"), "cfonb120")).toMatchObject({
      ok: false,
      problems: [{ code: "statement.cfonb_unclosed", params: { line: 1 } }],
    });
    const stray = [...lines];
    stray[2] = `99${(stray[2] as string).slice(2)}`;
    expect(read(stray.join("\n"), "cfonb120")).toMatchObject({
      ok: false,
      problems: [{ code: "statement.cfonb_record", line: 3 }],
    });
    expect(read(lines.slice(1).join("\n"), "cfonb120")).toMatchObject({ ok: false });
  });
});

describe("OFX", () => {
  const sgml = `OFXHEADER:100
DATA:OFXSGML
VERSION:102
CHARSET:1252

<OFX>
<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20261207<LANGUAGE>FRA</SONRS></SIGNONMSGSRSV1>
<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>
<STMTRS><CURDEF>EUR
<BANKACCTFROM><BANKID>30004<BRANCHID>00568<ACCTID>00012345678<ACCTTYPE>CHECKING</BANKACCTFROM>
<BANKTRANLIST><DTSTART>20261201<DTEND>20261206
<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20261202<TRNAMT>1440.00<FITID>2026120200001<NAME>VIR SEPA SARL MARTIN<MEMO>FACT F2026-0042 &amp; F2026-0043</STMTTRN>
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261203120000[+1:CET]<TRNAMT>-12,50<FITID>2026120300002<NAME>FRAIS</STMTTRN>
<STMTTRN><TRNTYPE>CHECK<DTPOSTED>20261204<TRNAMT>300.00<CHECKNUM>8812345<NAME>REMISE CHEQUE</STMTTRN>
</BANKTRANLIST>
<LEDGERBAL><BALAMT>11727.50<DTASOF>20261206</LEDGERBAL>
</STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>
`;
  it("reads an OFX 1 (SGML) statement: unclosed leaves, entities, signed amounts, FITID as the bank reference", () => {
    expect(detectStatementFormat(sgml)).toBe("ofx");
    const file = ok(read(sgml));
    const [s] = file.statements;
    expect(s).toMatchObject({
      account_id: "300040056800012345678",
      from_date: "2026-12-01",
      to_date: "2026-12-06",
      closing_balance_cents: 11_727_50,
    });
    expect(
      s?.entries.map((e) => [e.bank_ref, e.ref_kind, e.booking_date, e.direction, e.amount_cents]),
    ).toEqual([
      ["2026120200001", "bank", "2026-12-02", "credit", 1_440_00],
      ["2026120300002", "bank", "2026-12-03", "debit", 12_50],
      ["300040056800012345678:2026-12-01:2026-12-06#3", "position", "2026-12-04", "credit", 300_00],
    ]);
    expect(s?.entries[0]).toMatchObject({
      counterparty_name: "VIR SEPA SARL MARTIN",
      remittance: "FACT F2026-0042 & F2026-0043",
      transaction_code: "CREDIT",
    });
    expect(s?.entries[2]?.cheque_number).toBe("8812345");
  });

  it("reads an OFX 2 (XML) statement and refuses one without statement", () => {
    const xml = sgml
      .replace(/^[\s\S]*?<OFX>/, '<?xml version="1.0"?>\n<?OFX OFXHEADER="200" VERSION="220"?>\n<OFX>')
      .replace(
        /<(CODE|SEVERITY|DTSERVER|LANGUAGE|TRNUID|CURDEF|BANKID|BRANCHID|ACCTID|ACCTTYPE|DTSTART|DTEND|TRNTYPE|DTPOSTED|TRNAMT|FITID|NAME|MEMO|CHECKNUM|BALAMT|DTASOF)>([^<\n]*)/g,
        "<$1>$2</$1>",
      );
    expect(detectStatementFormat(xml)).toBe("ofx");
    const file = ok(read(xml));
    expect(file.statements[0]?.entries.map((e) => e.amount_cents)).toEqual([1_440_00, 12_50, 300_00]);
    expect(read("OFXHEADER:100\n\n<OFX><SIGNONMSGSRSV1></SIGNONMSGSRSV1></OFX>")).toMatchObject({
      ok: false,
      problems: [{ code: "statement.none" }],
    });
  });
});

describe("detection and refusals", () => {
  it("refuses an empty file and an unknown format", () => {
    expect(readStatement(new Uint8Array())).toMatchObject({
      ok: false,
      problems: [{ code: "statement.empty" }],
    });
    expect(read("bonjour")).toMatchObject({ ok: false, problems: [{ code: "statement.unknown_format" }] });
  });

  it("decodes Windows-1252 exports", () => {
    const text = sgml1252();
    const file = ok(readStatement(text));
    expect(file.statements[0]?.entries[0]?.counterparty_name).toBe("SOCIÉTÉ GÉNÉRALE DES EAUX");
  });
});

function sgml1252(): Uint8Array {
  const body = `OFXHEADER:100\nCHARSET:1252\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKACCTFROM><ACCTID>123</BANKACCTFROM><BANKTRANLIST><DTSTART>20261201<DTEND>20261202<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20261202<TRNAMT>10.00<FITID>A1<NAME>SOCIÉTÉ GÉNÉRALE DES EAUX</STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>`;
  return Uint8Array.from([...body].map((c) => (c === "É" ? 0xc9 : c.charCodeAt(0))));
}

describe("CSV exports", () => {
  const debitCredit = [
    "Compte courant;FR76 3000 4005 6800 0123 4567 890",
    "Période;01/12/2026 au 05/12/2026",
    "",
    "Date;Date de valeur;Libellé;Débit;Crédit",
    "02/12/2026;02/12/2026;VIR SEPA RECU /DE SARL MARTIN /MOTIF FACT F2026-0042;;1 440,00",
    "03/12/2026;03/12/2026;REMISE CHEQUE 8812345;;50,00",
    "03/12/2026;03/12/2026;REMISE CHEQUE 8812345;;50,00",
    "04/12/2026;04/12/2026;FRAIS TENUE DE COMPTE;-12,50;",
  ].join("\r\n");

  it("reads a Débit / Crédit export after its account lines: the IBAN, identical lines kept under distinct references", () => {
    expect(detectStatementFormat(debitCredit)).toBe("csv");
    const file = ok(read(debitCredit));
    const [s] = file.statements;
    expect(s).toMatchObject({
      account_iban: "FR7630004005680001234567890",
      from_date: "2026-12-02",
      to_date: "2026-12-04",
    });
    expect(s?.entries.map((e) => [e.booking_date, e.direction, e.amount_cents, e.label])).toEqual([
      ["2026-12-02", "credit", 144_000, "VIR SEPA RECU /DE SARL MARTIN /MOTIF FACT F2026-0042"],
      ["2026-12-03", "credit", 5_000, "REMISE CHEQUE 8812345"],
      ["2026-12-03", "credit", 5_000, "REMISE CHEQUE 8812345"],
      ["2026-12-04", "debit", 1_250, "FRAIS TENUE DE COMPTE"],
    ]);
    const refs = s?.entries.map((e) => e.bank_ref) ?? [];
    expect(new Set(refs).size).toBe(4);
    // a longer export holding the same operations gives them the same references
    const longer = ok(read(`${debitCredit}\r\n05/12/2026;05/12/2026;VIR SEPA RECU /DE DUPONT;;300,00`));
    expect(longer.statements[0]?.entries.slice(0, 4).map((e) => e.bank_ref)).toEqual(refs);
  });

  it("reads a signed Montant column with commas as the delimiter, and maps unknown headers", () => {
    const signed =
      'Jour,Opération,Somme\n"02/12/2026","VIR SEPA RECU /DE SARL MARTIN","1440,00"\n"04/12/2026","PRLV URSSAF","-812,00"';
    expect(read(signed, "csv")).toMatchObject({ ok: false, problems: [{ code: "statement.csv_no_header" }] });
    const file = ok(
      readStatement(Buffer.from(signed), "csv", {
        map: { Jour: "booking_date", Somme: "amount", Opération: "label" },
      }),
    );
    expect(file.statements[0]?.entries.map((e) => [e.direction, e.amount_cents, e.label])).toEqual([
      ["credit", 144_000, "VIR SEPA RECU /DE SARL MARTIN"],
      ["debit", 81_200, "PRLV URSSAF"],
    ]);
  });

  it("refuses a bad date or amount with its line, nothing read", () => {
    const bad = debitCredit
      .replace("03/12/2026;03/12/2026;REMISE", "31/02/2026;03/12/2026;REMISE")
      .replace(";;1 440,00", ";;1 44O,00");
    expect(read(bad, "csv")).toMatchObject({
      ok: false,
      problems: [
        { code: "statement.invalid_amount", line: 5 },
        { code: "statement.invalid_date", line: 6 },
      ],
    });
  });
});
