import { formatMessage, type Locale, type MessageCode } from "../../core/messages.js";
import { cellText, isBlank } from "./cells.js";
import { resolveHeaders } from "./headers.js";
import { RowReader } from "./row.js";
import type { CellValue, ReadOptions, TrackingEvent } from "./types.js";

/**
 * The part shared by the CSV and XLSX sources: the first non-blank record is the header, then each
 * non-blank record is a row. Events are pushed to `out`, which the caller drains.
 */
export class SheetInterpreter {
  private rows: RowReader | undefined;
  private state: "header" | "rows" | "failed" = "header";

  constructor(
    private readonly options: ReadOptions,
    private readonly out: TrackingEvent[],
    private readonly headerExtras: Pick<
      Extract<TrackingEvent, { type: "header" }>,
      "encoding" | "delimiter"
    > = {},
  ) {}

  /** True after header problems: nothing more will be read. */
  get failed(): boolean {
    return this.state === "failed";
  }

  accept(cells: readonly CellValue[], line: number, unterminatedQuote = false): void {
    if (this.state === "failed") return;
    if (unterminatedQuote) {
      this.fileError(line, "row.unterminated_quote");
      if (this.state === "header") this.state = "failed";
      return;
    }
    if (allBlank(cells)) return;
    if (this.state === "rows") {
      (this.rows as RowReader).read(cells, line, this.out);
      return;
    }
    const headers = cells.map((c) => cellText(c).replace(/^\uFEFF/, ""));
    const { columns, errors } = resolveHeaders(headers, line, this.options.locale, this.options.map);
    this.out.push({ type: "header", columns, ...this.headerExtras });
    for (const error of errors) this.out.push({ type: "error", error });
    if (errors.length > 0) {
      this.state = "failed";
      return;
    }
    this.rows = new RowReader(columns, this.options.locale);
    this.state = "rows";
  }

  /** At the end of the file: no header at all → file.empty (line 0: file-level). */
  finish(): void {
    if (this.state === "header") this.fileError(0, "file.empty");
  }

  fileError(line: number, code: MessageCode, params?: Record<string, string | number>): void {
    this.out.push(fileErrorEvent(this.options.locale, code, params, line));
  }
}

/** An error about the file or the header as a whole: column "", line 0 unless given. */
export function fileErrorEvent(
  locale: Locale,
  code: MessageCode,
  params?: Record<string, string | number>,
  line = 0,
): TrackingEvent {
  return { type: "error", error: { line, column: "", code, message: formatMessage(locale, code, params) } };
}

function allBlank(cells: readonly CellValue[]): boolean {
  for (let i = 0; i < cells.length; i++) if (!isBlank(cells[i])) return false;
  return true;
}
