import type { CellValue } from "./types.js";
import { decodeXml, parseAttributes, type XmlHandler, XmlScanner } from "./xml-scanner.js";
import {
  MAX_ZIP_ENTRIES,
  XlsxFormatError,
  XlsxLimitError,
  type ZipEntry,
  type ZipEntryStream,
  ZipFile,
} from "./zip.js";

/**
 * The first worksheet of an XLSX file, read deterministically whatever the order of the parts in the zip: the
 * central directory tells where each part is, the workbook, its relationships, the shared strings and the
 * styles are read first (the shared strings table whole, as Excel does), then the worksheet's XML is streamed
 * row by row, so memory stays bounded however long the sheet.
 *
 * Cell values are those exceljs' streaming reader gave (the reader used before), reduced as its
 * `plainCellValue` reduced them: shared and inline strings as strings, numbers as numbers, numbers in a date
 * format as Dates (UTC; the 1904 system when the workbook says so), booleans, error cells as their text
 * ("#N/A"), formulas as their cached result (none, an empty text or an error: an empty cell). Where exceljs was
 * wrong this reader is not: a formula result of 0 is 0 (exceljs dropped it: a "Solde" formula equal to 0 read
 * as no balance), a boolean formula result is a boolean (not 1), every run of a rich inline text is kept (not
 * the last one), phonetic runs are left out, references are decoded once (not twice: "&amp;amp;" is "&amp;"),
 * OOXML's `_xHHHH_` escapes are decoded (Excel writes a carriage return as `_x000D_`), ISO date cells
 * (`t="d"`) are dates, and relationship targets may be absolute ("/xl/worksheets/sheet1.xml", as openpyxl
 * writes them: exceljs then read no sheet at all).
 */

export interface XlsxRow {
  /** The worksheet row number (1-based). */
  line: number;
  /** By column, A first; missing cells are undefined; no trailing empty cells. */
  cells: CellValue[];
}

const MIB = 1024 * 1024;

/**
 * What a workbook may hold before it is refused as abnormal (OWASP ASVS 5.0 5.2.3: compressed files, zip bombs).
 * The entries are counted before anything is inflated; a part is refused before it is inflated when the size the
 * zip declares for it already passes a limit, and while it is inflated on the bytes actually produced (a forged
 * zip may declare anything).
 */
export interface XlsxLimits {
  /** Entries of the zip. */
  maxEntries: number;
  /** Each part read whole (workbook, relationships, styles, shared strings), inflated. */
  maxWholePart: number;
  /** Every part read, the worksheet included, inflated, together. */
  maxInflated: number;
}

/**
 * The limits of every read. 64 MiB of shared strings is about a million distinct texts; 1 GiB of XML holds Excel's
 * largest sheet (1,048,576 rows) of a dozen short columns, and takes about fifteen seconds to read. Without them a
 * 10 MiB upload of highly compressible XML could inflate to 10 GiB.
 */
export const XLSX_LIMITS: Readonly<XlsxLimits> = {
  maxEntries: MAX_ZIP_ENTRIES,
  maxWholePart: 64 * MIB,
  maxInflated: 1024 * MIB,
};

/** The bytes inflated so far over every part of one workbook, checked against the limits. */
class Inflated {
  private total = 0;

  constructor(readonly limits: Readonly<XlsxLimits>) {}

  /** Before a part is inflated: refused at once when its declared size would pass the limit. */
  expect(entry: ZipEntry): void {
    if (this.total + entry.uncompressedSize > this.limits.maxInflated) this.refuse();
  }

  add(bytes: number): void {
    this.total += bytes;
    if (this.total > this.limits.maxInflated) this.refuse();
  }

  private refuse(): never {
    const max = Math.floor(this.limits.maxInflated / MIB);
    throw new XlsxLimitError("file.xlsx_too_large", { max }, `more than ${max} MiB inflated`);
  }
}

/** Excel's last column, XFD. */
const MAX_COLUMN = 16_384;

interface Relationship {
  type: string;
  /** The target part name, resolved, without leading "/"; undefined for external targets. */
  target: string | undefined;
}

export class XlsxWorkbook {
  private reading: ZipEntryStream | undefined;

  private constructor(
    private readonly zip: ZipFile,
    /** The first worksheet's part, undefined when the workbook has no worksheet. */
    private readonly sheet: ZipEntry | undefined,
    private readonly sharedStrings: readonly (string | undefined)[],
    /** By cell format (`s` attribute): whether its number format is a date format. */
    private readonly dateFormats: Uint8Array,
    private readonly date1904: boolean,
    private readonly inflated: Inflated,
  ) {}

  /**
   * Opens the file and reads everything but the worksheet. Throws on anything that is not a readable xlsx, and
   * an XlsxLimitError past one of the limits (here or while the rows are read).
   */
  static async open(path: string, limits: Readonly<XlsxLimits> = XLSX_LIMITS): Promise<XlsxWorkbook> {
    const zip = await ZipFile.open(path, limits.maxEntries);
    const inflated = new Inflated(limits);
    const readWhole = (entry: ZipEntry, handler: XmlHandler) => readWholePart(zip, entry, handler, inflated);
    try {
      const root = await readRelationships(readWhole, zip, "");
      const workbookPath = findRelationship(root, "officeDocument")?.target ?? "xl/workbook.xml";
      const workbookEntry = zip.entry(workbookPath);
      if (workbookEntry === undefined) throw new XlsxFormatError("no workbook part");
      const book = new WorkbookHandler();
      await readWhole(workbookEntry, book);
      if (book.root !== "workbook") throw new XlsxFormatError(`not a workbook: ${book.root}`); // a .docx…
      const slash = workbookPath.lastIndexOf("/");
      const dir = workbookPath.slice(0, slash + 1);
      const rels = await readRelationships(
        readWhole,
        zip,
        dir,
        `${dir}_rels/${workbookPath.slice(slash + 1)}.rels`,
      );

      let sheet: ZipEntry | undefined;
      for (const s of book.sheets) {
        const rel = s.id === undefined ? undefined : rels.get(s.id);
        if (rel === undefined) throw new XlsxFormatError(`sheet ${s.name} has no part`);
        if (rel.type.endsWith("/worksheet") && rel.target !== undefined) {
          sheet = zip.entry(rel.target);
          if (sheet === undefined) throw new XlsxFormatError(`missing part ${rel.target}`);
          break;
        }
      }

      const strings = new SharedStringsHandler();
      const stringsEntry = partOf(zip, rels, "sharedStrings", `${dir}sharedStrings.xml`);
      if (stringsEntry !== undefined) await readWhole(stringsEntry, strings);
      const styles = new StylesHandler();
      const stylesEntry = partOf(zip, rels, "styles", `${dir}styles.xml`);
      if (stylesEntry !== undefined) await readWhole(stylesEntry, styles);

      return new XlsxWorkbook(zip, sheet, strings.strings, styles.dateFormats(), book.date1904, inflated);
    } catch (e) {
      await zip.close();
      throw e;
    }
  }

  /** How far the worksheet has been read, from 0 to 1. */
  get progress(): number {
    const r = this.reading;
    if (r === undefined || this.sheet === undefined || this.sheet.compressedSize === 0) return 0;
    return Math.min(1, r.compressedBytesRead / this.sheet.compressedSize);
  }

  /** The rows of the first worksheet, in batches, in file order (empty rows included). Throws on a broken part. */
  async *rows(): AsyncGenerator<XlsxRow[]> {
    if (this.sheet === undefined) return;
    this.inflated.expect(this.sheet);
    const stream = await this.zip.stream(this.sheet);
    this.reading = stream;
    const handler = new WorksheetHandler(this.sharedStrings, this.dateFormats, this.date1904);
    const scanner = new XmlScanner(handler);
    for await (const chunk of stream) {
      this.inflated.add(chunk.length);
      scanner.writeBytes(chunk);
      if (handler.rows.length > 0) {
        const batch = handler.rows;
        handler.rows = [];
        yield batch;
      }
    }
    scanner.end();
    if (handler.rows.length > 0) yield handler.rows;
  }

  close(): Promise<void> {
    return this.zip.close();
  }
}

type ReadWhole = (entry: ZipEntry, handler: XmlHandler) => Promise<void>;

async function readWholePart(zip: ZipFile, entry: ZipEntry, handler: XmlHandler, inflated: Inflated) {
  const scanner = new XmlScanner(handler);
  const max = inflated.limits.maxWholePart;
  const tooLarge = () =>
    new XlsxLimitError(
      "file.xlsx_part_too_large",
      { max: Math.floor(max / MIB) },
      `part too large: ${entry.name}`,
    );
  if (entry.uncompressedSize > max) throw tooLarge();
  inflated.expect(entry);
  let total = 0;
  for await (const chunk of await zip.stream(entry)) {
    total += chunk.length;
    if (total > max) throw tooLarge();
    inflated.add(chunk.length);
    scanner.writeBytes(chunk);
  }
  scanner.end();
}

/** The relationships of a part by id (empty when the part has none); `dir` is the source part's folder. */
async function readRelationships(
  readWhole: ReadWhole,
  zip: ZipFile,
  dir: string,
  path = "_rels/.rels",
): Promise<Map<string, Relationship>> {
  const entry = zip.entry(path);
  const handler = new RelationshipsHandler(dir);
  if (entry !== undefined) await readWhole(entry, handler);
  return handler.rels;
}

function findRelationship(rels: Map<string, Relationship>, type: string): Relationship | undefined {
  for (const rel of rels.values()) if (rel.type.endsWith(`/${type}`) && rel.target !== undefined) return rel;
  return undefined;
}

/** The workbook's part of a type, by its relationship, or at its usual name (exceljs read it by name). */
function partOf(
  zip: ZipFile,
  rels: Map<string, Relationship>,
  type: string,
  usual: string,
): ZipEntry | undefined {
  const rel = findRelationship(rels, type);
  if (rel?.target === undefined) return zip.entry(usual);
  const entry = zip.entry(rel.target);
  if (entry === undefined) throw new XlsxFormatError(`missing part ${rel.target}`);
  return entry;
}

/** A relationship target resolved against the source part's folder: "../x", "./x", "/xl/x"… */
export function resolveTarget(dir: string, target: string): string {
  const segments = target.startsWith("/") ? [] : dir.split("/").filter((s) => s !== "");
  for (const s of target.split("/")) {
    if (s === "" || s === ".") continue;
    if (s === "..") segments.pop();
    else segments.push(s);
  }
  return segments.join("/");
}

class RelationshipsHandler implements XmlHandler {
  readonly rels = new Map<string, Relationship>();

  constructor(private readonly dir: string) {}

  open(name: string, attributes: string): void {
    if (name !== "Relationship") return;
    const a = parseAttributes(attributes);
    const id = a.Id;
    if (id === undefined || this.rels.has(id)) return;
    const external = a.TargetMode === "External" || a.Target === undefined;
    this.rels.set(id, {
      type: a.Type ?? "",
      target: external ? undefined : resolveTarget(this.dir, a.Target as string),
    });
  }

  close(): void {}
  text(): void {}
}

class WorkbookHandler implements XmlHandler {
  readonly sheets: { name: string; id: string | undefined }[] = [];
  date1904 = false;
  /** The root element's name. */
  root: string | undefined;
  private inSheets = false;

  open(name: string, attributes: string): void {
    this.root ??= name;
    if (name === "workbookPr") {
      const v = parseAttributes(attributes).date1904;
      this.date1904 = v === "1" || v === "true";
    } else if (name === "sheets") this.inSheets = true;
    else if (name === "sheet" && this.inSheets) {
      const a = parseAttributes(attributes);
      // r:id, whatever the prefix of the relationships namespace
      const idKey = Object.keys(a).find((k) => k.endsWith(":id"));
      this.sheets.push({ name: a.name ?? "", id: idKey === undefined ? undefined : a[idKey] });
    }
  }

  close(name: string): void {
    if (name === "sheets") this.inSheets = false;
  }

  text(): void {}
}

/** Text of `<t>` elements that are not phonetic runs, per `<si>`. */
class SharedStringsHandler implements XmlHandler {
  readonly strings: (string | undefined)[] = [];
  private current: string | undefined;
  private rich = false;
  private inText = false;
  private phonetic = 0;

  open(name: string): void {
    if (name === "si") {
      this.current = undefined;
      this.rich = false;
    } else if (name === "t") this.inText = this.phonetic === 0;
    else if (name === "r") this.rich = true;
    else if (name === "rPh") this.phonetic++;
  }

  close(name: string): void {
    if (name === "t") this.inText = false;
    else if (name === "rPh") this.phonetic--;
    else if (name === "si") {
      // as exceljs: an item without text is an empty cell, unless it is rich text (then "")
      const text = this.current ?? (this.rich ? "" : undefined);
      this.strings.push(text === undefined ? undefined : unescapeOoxml(text));
      this.current = undefined;
    }
  }

  text(text: string): void {
    if (this.inText) this.current = this.current === undefined ? text : this.current + text;
  }
}

/** Excel's built-in number formats that are dates or times (exceljs' table, through its `isDateFmt`). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** exceljs' `isDateFmt`: a y, m, d, h, M, s or b outside quotes and brackets. */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

class StylesHandler implements XmlHandler {
  private readonly customFormats = new Map<number, string>();
  private readonly cellFormats: number[] = [];
  private parent: "numFmts" | "cellXfs" | undefined;

  open(name: string, attributes: string): void {
    if (name === "numFmts" || name === "cellXfs") this.parent = name;
    else if (name === "numFmt" && this.parent === "numFmts") {
      const a = parseAttributes(attributes);
      const id = Number.parseInt(a.numFmtId ?? "", 10);
      if (!Number.isNaN(id)) this.customFormats.set(id, (a.formatCode ?? "").replace(/\\(.)/g, "$1"));
    } else if (name === "xf" && this.parent === "cellXfs") {
      this.cellFormats.push(Number.parseInt(parseAttributes(attributes).numFmtId ?? "", 10));
    }
  }

  close(name: string): void {
    if (name === this.parent) this.parent = undefined;
  }

  text(): void {}

  dateFormats(): Uint8Array {
    const out = new Uint8Array(this.cellFormats.length);
    this.cellFormats.forEach((id, i) => {
      if (!id) return; // 0 (General) or missing
      const custom = this.customFormats.get(id);
      const date = custom ? isDateFormat(custom) : BUILT_IN_DATE_FORMATS.has(id);
      out[i] = date ? 1 : 0;
    });
    return out;
  }
}

/** OOXML escapes characters as `_xHHHH_` in cell text (Excel writes a carriage return as `_x000D_`). */
function unescapeOoxml(s: string): string {
  if (s.indexOf("_x") === -1) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** exceljs' excelToDate. */
function excelToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

function isoDateCell(text: string): CellValue {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : text;
}

const CAPTURE_NONE = 0;
const CAPTURE_VALUE = 1;
const CAPTURE_INLINE = 2;

class WorksheetHandler implements XmlHandler {
  rows: XlsxRow[] = [];
  private inSheetData = false;
  private cells: CellValue[] | undefined;
  private line = 0;
  private rowDate = false;
  private inCell = false;
  private column = 0;
  private type: string | undefined;
  private date = false;
  private formula = false;
  private value: string | undefined;
  private inline: string | undefined;
  private inInline = false;
  private phonetic = 0;
  private capture = CAPTURE_NONE;
  private readonly attributes: ShortAttributes = {};

  constructor(
    private readonly sharedStrings: readonly (string | undefined)[],
    private readonly dateFormats: Uint8Array,
    private readonly date1904: boolean,
  ) {}

  open(name: string, attributes: string): void {
    switch (name) {
      case "c": {
        if (this.cells === undefined) return;
        const a = shortAttributes(attributes, this.attributes);
        const ref = a.r;
        this.column = ref === undefined ? this.column + 1 : columnOf(ref);
        this.type = a.t;
        // as exceljs: a cell's own format when it has one (not 0), else its row's
        const s = a.s === undefined ? 0 : Number.parseInt(a.s, 10);
        this.date = s > 0 && s < this.dateFormats.length ? this.dateFormats[s] === 1 : this.rowDate;
        this.inCell = true;
        this.formula = false;
        this.value = undefined;
        this.inline = undefined;
        return;
      }
      case "v":
        if (this.inCell) {
          this.value = "";
          this.capture = CAPTURE_VALUE;
        }
        return;
      case "f":
        if (this.inCell) this.formula = true;
        return;
      case "is":
        if (this.inCell) {
          this.inInline = true;
          this.inline = "";
        }
        return;
      case "t":
        if (this.inInline && this.phonetic === 0) this.capture = CAPTURE_INLINE;
        return;
      case "rPh":
        this.phonetic++;
        return;
      case "row": {
        if (!this.inSheetData) return;
        const a = shortAttributes(attributes, this.attributes);
        const r = a.r === undefined ? Number.NaN : Number.parseInt(a.r, 10);
        this.line = Number.isNaN(r) ? this.line + 1 : r;
        const s = a.s ? Number.parseInt(a.s, 10) : -1;
        this.rowDate = s >= 0 && s < this.dateFormats.length && this.dateFormats[s] === 1;
        this.cells = [];
        this.column = 0;
        return;
      }
      case "sheetData":
        this.inSheetData = true;
        return;
    }
  }

  close(name: string): void {
    switch (name) {
      case "v":
      case "t":
        this.capture = CAPTURE_NONE;
        return;
      case "is":
        this.inInline = false;
        return;
      case "rPh":
        this.phonetic--;
        return;
      case "c":
        if (this.inCell && this.cells !== undefined) {
          const v = this.cellValue();
          // as exceljs: a formula cell takes its place even when its result reads as empty
          if ((v !== undefined && v !== null) || this.formula) {
            const cells = this.cells;
            while (cells.length < this.column - 1) cells.push(undefined); // no holes: callers read the length
            cells[this.column - 1] = v;
          }
        }
        this.inCell = false;
        return;
      case "row":
        if (this.cells !== undefined) {
          this.rows.push({ line: this.line, cells: this.cells });
          this.cells = undefined;
        }
        return;
      case "sheetData":
        this.inSheetData = false;
        return;
    }
  }

  text(text: string): void {
    if (this.capture === CAPTURE_VALUE) this.value += text;
    else if (this.capture === CAPTURE_INLINE) this.inline += text;
  }

  private cellValue(): CellValue {
    const type = this.type;
    if (type === "inlineStr") {
      const text = this.inline ?? this.value;
      return text === undefined ? undefined : unescapeOoxml(text);
    }
    const text = this.value ?? this.inline;
    if (text === undefined) return undefined;
    if (this.formula) {
      // The cached result. As exceljs: an empty text or an error reads as an empty cell; unlike exceljs, a
      // result of 0 is 0 (exceljs lost it: a balance formula equal to 0 read as no balance).
      if (type === "str") return text === "" ? undefined : unescapeOoxml(text);
      if (type === "b") return Number.parseInt(text, 10) !== 0;
      if (type === "e") return undefined;
      const n = Number.parseFloat(text);
      return Number.isNaN(n) ? undefined : n; // no cached result (files written by openpyxl): empty
    }
    switch (type) {
      case "s":
        return this.sharedStrings[Number.parseInt(text, 10)];
      case "str":
        return unescapeOoxml(text);
      case "e":
        return text;
      case "b":
        return Number.parseInt(text, 10) !== 0;
      case "d":
        return isoDateCell(text);
      default: {
        const n = Number.parseFloat(text);
        return this.date ? excelToDate(n, this.date1904) : n;
      }
    }
  }
}

interface ShortAttributes {
  r?: string | undefined;
  s?: string | undefined;
  t?: string | undefined;
}

/**
 * The r, s and t attributes of a `<row>` or `<c>` (the others are skipped), into `out`: `parseAttributes`
 * without an object per cell, for the worksheet's hot path.
 */
function shortAttributes(raw: string, out: ShortAttributes): ShortAttributes {
  out.r = undefined;
  out.s = undefined;
  out.t = undefined;
  const n = raw.length;
  let i = 0;
  while (i < n) {
    while (i < n && raw.charCodeAt(i) <= 0x20) i++;
    const nameStart = i;
    while (i < n) {
      const c = raw.charCodeAt(i);
      if (c === 0x3d || c <= 0x20) break;
      i++;
    }
    const nameLength = i - nameStart;
    while (i < n && raw.charCodeAt(i) <= 0x20) i++;
    if (nameLength === 0 || raw.charCodeAt(i) !== 0x3d) break;
    i++;
    while (i < n && raw.charCodeAt(i) <= 0x20) i++;
    const quote = raw.charCodeAt(i);
    if (quote !== 0x22 && quote !== 0x27) break;
    const end = raw.indexOf(quote === 0x22 ? '"' : "'", i + 1);
    if (end === -1) break;
    if (nameLength === 1) {
      const name = raw.charCodeAt(nameStart);
      if (name === 0x72) out.r = decodeXml(raw.slice(i + 1, end));
      else if (name === 0x73) out.s = decodeXml(raw.slice(i + 1, end));
      else if (name === 0x74) out.t = decodeXml(raw.slice(i + 1, end));
    }
    i = end + 1;
  }
  return out;
}

/** The column number of a cell reference ("B7" → 2). */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) col = col * 26 + (c - 0x40);
    else if (c >= 0x61 && c <= 0x7a) col = col * 26 + (c - 0x60);
    else break;
    if (col > MAX_COLUMN) break;
  }
  if (col < 1 || col > MAX_COLUMN) throw new XlsxFormatError(`bad cell reference ${ref}`);
  return col;
}
