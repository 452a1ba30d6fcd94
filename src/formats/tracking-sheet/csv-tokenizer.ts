/**
 * A small incremental CSV tokenizer (RFC 4180 plus the usual spreadsheet leniencies), fed with decoded text.
 *
 * Why not csv-parse: on this data csv-parse 6 parses ~130k rows/s, this one several times that, and we need
 * the physical line number of the first line of each record (csv-parse only reports where a record ends).
 *
 * - fields separated by one delimiter character; records by LF, CRLF or a lone CR;
 * - a field starting with `"` is quoted: `""` inside is one `"`, delimiters and line breaks are kept;
 *   characters after the closing quote up to the next delimiter are appended as they are (lenient);
 * - a `"` in the middle of an unquoted field is an ordinary character;
 * - an unterminated quote at the end of the text is reported through `unterminated`.
 *
 * Memory: the text of one incomplete record is kept between chunks, nothing else.
 */

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export type RecordSink = (fields: string[], line: number, unterminatedQuote: boolean) => void;

export class CsvTokenizer {
  private carry = "";
  /** Physical line number (1-based) of the first character of `carry`. */
  private line = 1;
  /** When a single record is larger than a chunk, wait until the text doubles before scanning it again. */
  private waitFor = 0;
  private readonly delimiter: number;

  constructor(
    delimiter: string,
    private readonly sink: RecordSink,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  push(text: string): void {
    const n = text.length;
    if (n === 0) return;
    if (this.carry.length > 0 && this.carry.length + n < this.waitFor) {
      this.carry += text;
      return;
    }
    // Concatenating the carried record with a whole chunk would make V8 flatten a large cons string, which
    // costs more than the parsing itself: complete the carried record with small pieces ending at a line
    // break, each at least as long as the carry (so a long multi-line record stays linear).
    let start = 0;
    while (this.carry.length > 0 && start < n) {
      const lf = text.indexOf("\n", Math.min(n - 1, start + this.carry.length));
      const end = lf === -1 ? n : lf + 1;
      this.run(this.carry + text.slice(start, end), false);
      start = end;
    }
    if (start < n) this.run(start === 0 ? text : text.slice(start), false);
  }

  end(): void {
    const s = this.carry;
    this.carry = "";
    this.waitFor = 0;
    if (s.length > 0) this.run(s, true);
  }

  private keep(s: string, from: number, line: number): void {
    this.carry = from === 0 ? s : s.slice(from);
    this.line = line;
    this.waitFor = this.carry.length > 65_536 ? this.carry.length * 2 : 0;
  }

  /** Tokenizes `s`, the carried text (if any) followed by new text; keeps an incomplete last record. */
  private run(s: string, final: boolean): void {
    const d = this.delimiter;
    const n = s.length;
    const sink = this.sink;
    let i = 0;
    let line = this.line;
    this.waitFor = 0;

    while (i < n) {
      const recordStart = i;
      const recordLine = line;
      const fields: string[] = [];
      let unterminated = false;

      for (;;) {
        if (i >= n) {
          // Only reached right after a delimiter.
          if (!final) {
            this.keep(s, recordStart, recordLine);
            return;
          }
          fields.push("");
          sink(fields, recordLine, unterminated);
          this.carry = "";
          this.line = line;
          return;
        }
        let c = s.charCodeAt(i);
        if (c === QUOTE) {
          let value = "";
          let segment = i + 1;
          let j = segment;
          for (;;) {
            const q = s.indexOf('"', j);
            if (q === -1) {
              if (!final) {
                this.keep(s, recordStart, recordLine);
                return;
              }
              value += s.slice(segment);
              line += countLineBreaks(s, segment, n);
              unterminated = true;
              i = n;
              break;
            }
            if (q + 1 >= n && !final) {
              this.keep(s, recordStart, recordLine);
              return;
            }
            if (q + 1 < n && s.charCodeAt(q + 1) === QUOTE) {
              value += s.slice(segment, q + 1);
              line += countLineBreaks(s, segment, q);
              j = q + 2;
              segment = j;
              continue;
            }
            value += s.slice(segment, q);
            line += countLineBreaks(s, segment, q);
            i = q + 1;
            break;
          }
          // Lenient: text between the closing quote and the delimiter is kept.
          if (i < n) {
            let j2 = i;
            while (j2 < n) {
              c = s.charCodeAt(j2);
              if (c === d || c === LF || c === CR) break;
              j2++;
            }
            if (j2 > i) {
              if (j2 >= n && !final) {
                this.keep(s, recordStart, recordLine);
                return;
              }
              value += s.slice(i, j2);
              i = j2;
            }
          }
          fields.push(value);
        } else {
          let j = i;
          while (j < n) {
            c = s.charCodeAt(j);
            if (c === d || c === LF || c === CR) break;
            j++;
          }
          if (j >= n && !final) {
            this.keep(s, recordStart, recordLine);
            return;
          }
          fields.push(s.slice(i, j));
          i = j;
        }

        if (i >= n) {
          // final text without a trailing line break
          sink(fields, recordLine, unterminated);
          this.carry = "";
          this.line = line;
          return;
        }
        c = s.charCodeAt(i);
        if (c === d) {
          i++;
          continue;
        }
        if (c === CR) {
          if (i + 1 >= n && !final) {
            this.keep(s, recordStart, recordLine);
            return;
          }
          i += i + 1 < n && s.charCodeAt(i + 1) === LF ? 2 : 1;
        } else {
          i++;
        }
        line++;
        sink(fields, recordLine, unterminated);
        break;
      }
    }
    this.carry = "";
    this.line = line;
  }
}

/** Line breaks (LF, CRLF, lone CR) in s[from, to). */
function countLineBreaks(s: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c === LF) count++;
    else if (c === CR && (k + 1 >= s.length || s.charCodeAt(k + 1) !== LF)) count++;
  }
  return count;
}

/**
 * Finds the delimiter from the first non-blank line: the most frequent of `;`, tab and `,` outside quotes
 * (ties: `;`, then tab, then `,`; none: `;`). Returns undefined when the text does not yet hold a complete
 * first non-blank line and more may come.
 */
export function detectDelimiter(text: string, final: boolean): ";" | "," | "\t" | undefined {
  let semicolons = 0;
  let commas = 0;
  let tabs = 0;
  let inQuotes = false;
  let blank = true;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === QUOTE) inQuotes = false;
      continue;
    }
    if (c === QUOTE) {
      inQuotes = true;
      blank = false;
    } else if (c === 0x3b) {
      semicolons++;
    } else if (c === 0x2c) {
      commas++;
    } else if (c === 0x09) {
      tabs++;
    } else if (c === LF || c === CR) {
      if (!blank || semicolons + commas + tabs > 0) return pick(semicolons, tabs, commas);
      // a blank line before the header: keep looking
    } else if (c !== 0x20 && c !== 0xfeff) {
      blank = false;
    }
  }
  if (!final) return undefined;
  return pick(semicolons, tabs, commas);
}

function pick(semicolons: number, tabs: number, commas: number): ";" | "," | "\t" {
  if (semicolons >= tabs && semicolons >= commas) return ";";
  if (tabs >= commas) return "\t";
  return ",";
}
