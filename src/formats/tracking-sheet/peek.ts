import { createReadStream } from "node:fs";
import { cellText, isBlank } from "./cells.js";
import { CsvTokenizer, detectDelimiter } from "./csv-tokenizer.js";
import { CHUNK_SIZE, createTextDecoder, sniffEncoding } from "./encoding.js";
import type { CellValue } from "./types.js";
import { XlsxWorkbook } from "./xlsx-workbook.js";

export interface SheetRecord {
  /** Same numbering as the reader: CSV physical line where the record starts, XLSX worksheet row. */
  line: number;
  /** The raw text of each cell (XLSX: numbers as written by String(), dates as YYYY-MM-DD). */
  cells: string[];
}

/**
 * The first `count` non-blank records of a tracking sheet as raw text, whatever their content (the header
 * first): what a preview shows, even when the header is not recognised and `readTrackingSheet` stops after it.
 * It reads only as far as needed. Unreadable input gives fewer records (or none); `readTrackingSheet` is the
 * one that reports why.
 */
export async function peekRecords(
  path: string,
  format: "csv" | "xlsx",
  count: number,
): Promise<SheetRecord[]> {
  try {
    return format === "csv" ? await peekCsv(path, count) : await peekXlsx(path, count);
  } catch {
    return [];
  }
}

function keep(records: SheetRecord[], cells: readonly CellValue[], line: number, count: number): void {
  if (records.length >= count) return;
  let blank = true;
  for (const c of cells) if (!isBlank(c)) blank = false;
  if (blank) return;
  const texts = cells.map(cellText);
  if (records.length === 0 && texts[0] !== undefined) texts[0] = texts[0].replace(/^\uFEFF/, "");
  records.push({ line, cells: texts });
}

async function peekCsv(path: string, count: number): Promise<SheetRecord[]> {
  const sniff = await sniffEncoding(path);
  if (sniff.kind === "binary") return [];
  const records: SheetRecord[] = [];
  const decoder = createTextDecoder(sniff.encoding);
  let tokenizer: CsvTokenizer | undefined;
  let head = "";
  let first = true;
  const feed = (text: string, final: boolean) => {
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (tokenizer) return tokenizer.push(text);
    head += text;
    const delimiter = detectDelimiter(head, final);
    if (delimiter === undefined) return;
    tokenizer = new CsvTokenizer(delimiter, (fields, line) => keep(records, fields, line, count));
    tokenizer.push(head);
    head = "";
  };
  const stream = createReadStream(path, { highWaterMark: CHUNK_SIZE });
  try {
    for await (const chunk of stream) {
      feed(decoder.write(chunk as Buffer), false);
      if (records.length >= count) return records;
    }
  } finally {
    stream.destroy();
  }
  feed(decoder.end(), true);
  tokenizer?.end();
  return records;
}

async function peekXlsx(path: string, count: number): Promise<SheetRecord[]> {
  const records: SheetRecord[] = [];
  const book = await XlsxWorkbook.open(path);
  try {
    for await (const batch of book.rows()) {
      for (const row of batch) {
        keep(records, row.cells, row.line, count);
        if (records.length >= count) return records;
      }
    }
  } finally {
    await book.close();
  }
  return records;
}
