import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvTokenizer, detectDelimiter } from "./csv-tokenizer.js";

type Rec = { fields: string[]; line: number; unterminated: boolean };

function tokenize(pieces: readonly string[], delimiter = ";"): Rec[] {
  const recs: Rec[] = [];
  const t = new CsvTokenizer(delimiter, (fields, line, unterminated) =>
    recs.push({ fields, line, unterminated }),
  );
  for (const p of pieces) t.push(p);
  t.end();
  return recs;
}

const fields = (recs: Rec[]) => recs.map((r) => r.fields);

describe("CsvTokenizer", () => {
  it("splits fields and records, LF, CRLF and lone CR", () => {
    expect(fields(tokenize(["a;b;c\nd;e;f\r\ng;h;i\rj;k;l"]))).toEqual([
      ["a", "b", "c"],
      ["d", "e", "f"],
      ["g", "h", "i"],
      ["j", "k", "l"],
    ]);
  });

  it("keeps empty fields, empty lines as one empty field, and a trailing delimiter", () => {
    expect(fields(tokenize(["a;;c;\n\n;\n"]))).toEqual([["a", "", "c", ""], [""], ["", ""]]);
    expect(fields(tokenize(["a;b;"]))).toEqual([["a", "b", ""]]);
  });

  it('unquotes fields, "" is a quote, delimiters and line breaks stay inside quotes', () => {
    expect(fields(tokenize(['"a;1";"say ""hi""";"multi\r\nline"\n"";x']))).toEqual([
      ["a;1", 'say "hi"', "multi\r\nline"],
      ["", "x"],
    ]);
  });

  it("is lenient: quotes inside an unquoted field, text after a closing quote", () => {
    expect(fields(tokenize(['12" screen;"ab"cd;x\n']))).toEqual([['12" screen', "abcd", "x"]]);
  });

  it("gives each record the physical line where it starts", () => {
    const recs = tokenize(['h1;h2\r\n"a\r\nb";1\r\n\r\nc;"x\ny\rz"\nd;2']);
    expect(recs.map((r) => [r.fields[0], r.line])).toEqual([
      ["h1", 1],
      ["a\r\nb", 2],
      ["", 4],
      ["c", 5],
      ["d", 8],
    ]);
  });

  it("reports an unterminated quote", () => {
    const recs = tokenize(['a;b\nc;"never closed\nmore\n']);
    expect(recs[1]).toEqual({ fields: ["c", "never closed\nmore\n"], line: 2, unterminated: true });
  });

  it("handles a tab or comma delimiter", () => {
    expect(fields(tokenize(["a\tb,c\n"], "\t"))).toEqual([["a", "b,c"]]);
    expect(fields(tokenize(['a,"b,c"\n'], ","))).toEqual([["a", "b,c"]]);
  });

  it("gives the same records and lines however the text is cut into chunks", () => {
    const cell = fc.oneof(
      fc.stringMatching(/^[a-z0-9 ]{0,6}$/),
      fc.stringMatching(/^[a-z;\r\n" ]{0,8}$/).map((s) => `"${s.replace(/"/g, '""')}"`),
    );
    const record = fc.array(cell, { minLength: 1, maxLength: 4 }).map((cells) => cells.join(";"));
    const text = fc
      .tuple(fc.array(record, { minLength: 1, maxLength: 8 }), fc.constantFrom("\n", "\r\n", "\r"))
      .map(([recs, eol]) => recs.join(eol));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 6 }), (s, cuts) => {
        const at = [...new Set(cuts.map((c) => c % (s.length + 1)))].sort((a, b) => a - b);
        const pieces: string[] = [];
        let prev = 0;
        for (const c of at) {
          pieces.push(s.slice(prev, c));
          prev = c;
        }
        pieces.push(s.slice(prev));
        expect(tokenize(pieces)).toEqual(tokenize([s]));
      }),
      { numRuns: 2000 },
    );
  });

  it("stays linear on a huge quoted cell fed in small chunks", () => {
    const big = `a;"${"x\n".repeat(200_000)}";b\nc;d\n`;
    const pieces: string[] = [];
    for (let i = 0; i < big.length; i += 1000) pieces.push(big.slice(i, i + 1000));
    const recs = tokenize(pieces);
    expect(recs.map((r) => r.line)).toEqual([1, 200_002]);
    expect(recs[0]?.fields[1]?.length).toBe(400_000);
  });
});

describe("detectDelimiter", () => {
  it("counts delimiters outside quotes on the first non-blank line", () => {
    expect(detectDelimiter("Numéro;Client;Montant\n1,2,3,4,5\n", false)).toBe(";");
    expect(detectDelimiter('"a;b;c",d,e\n', false)).toBe(",");
    expect(detectDelimiter("a\tb\tc\n", false)).toBe("\t");
    expect(detectDelimiter("\n\r\n  \na,b\n", false)).toBe(",");
    expect(detectDelimiter('"multi\nline;;;",x,y\n', false)).toBe(",");
  });

  it("waits for a complete line unless the text is final", () => {
    expect(detectDelimiter("a;b", false)).toBeUndefined();
    expect(detectDelimiter("a;b", true)).toBe(";");
    expect(detectDelimiter("single", true)).toBe(";");
  });
});
