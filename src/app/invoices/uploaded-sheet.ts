import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { detectContainer } from "../../formats/einvoice/index.js";
import type { RowError } from "../../formats/tracking-sheet/index.js";
import { AppError } from "../errors.js";

/** A tracking sheet received over HTTP: the name the user's browser gave it, and its bytes. */
export interface UploadedSheet {
  filename: string;
  content: Buffer;
}

/** A tracking sheet's format, or an e-invoice (Factur-X PDF, CII or UBL XML) told from its content. */
export type SheetFormat = "csv" | "xlsx" | "einvoice";

const EXTENSIONS: Record<string, SheetFormat> = {
  ".csv": "csv",
  ".tsv": "csv",
  ".txt": "csv",
  ".xlsx": "xlsx",
};

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** Files that are no text whatever their extension: zip (xlsx, docx), OLE2 (xls), PDF, PNG, JPEG, GIF. */
const BINARY_MAGIC = [
  ZIP,
  [0xd0, 0xcf, 0x11, 0xe0],
  [0x25, 0x50, 0x44, 0x46, 0x2d],
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  [0x47, 0x49, 0x46, 0x38],
];

function startsWith(content: Buffer, magic: readonly number[]): boolean {
  return content.length >= magic.length && magic.every((b, i) => content[i] === b);
}

/** The name to show (timeline, payment references): the last path segment the browser sent, as text only. */
export function displayName(filename: string): string {
  const name = filename.split(/[\\/]/).pop()?.trim() ?? "";
  return (name === "" ? "import" : name).slice(0, 200);
}

/**
 * The file's format. An e-invoice is told by its content whatever its name (a PDF, or an XML document: the import
 * reads it and refuses what is no invoice). A tracking sheet by extension and by content: .xlsx must be a zip; .csv, .tsv and .txt must be text (no NUL
 * byte, no known binary signature). Anything else is refused (400).
 */
export function sheetFormatOf(file: UploadedSheet): SheetFormat {
  if (detectContainer(file.content) !== undefined) return "einvoice";
  const name = displayName(file.filename);
  const extension = extname(name).toLowerCase();
  const format = Object.hasOwn(EXTENSIONS, extension) ? EXTENSIONS[extension] : undefined;
  if (format === undefined)
    throw new AppError("invalid_input", "import.unsupported_file", { filename: name });
  const mismatch = () =>
    new AppError("invalid_input", "import.content_mismatch", { filename: name, extension });
  if (format === "xlsx") {
    if (!startsWith(file.content, ZIP)) throw mismatch();
  } else if (BINARY_MAGIC.some((m) => startsWith(file.content, m)) || file.content.includes(0)) {
    throw mismatch();
  }
  return format;
}

/**
 * Writes the upload to a fresh private temporary folder (random name; the file name inside is ours, never the
 * user's), runs `work` on it, and removes the folder whatever happens.
 */
export async function withUploadedSheet<T>(
  file: UploadedSheet,
  work: (path: string, format: SheetFormat) => Promise<T>,
): Promise<T> {
  const format = sheetFormatOf(file);
  const dir = await mkdtemp(join(tmpdir(), "relance-upload-"));
  try {
    const path = join(dir, `sheet.${format}`);
    await writeFile(path, file.content, { mode: 0o600 });
    return await work(path, format);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A reader or import error as the API shows it; the temporary path never leaks into a message. */
export function presentRowError(error: RowError, path: string, filename: string) {
  return {
    line: error.line,
    column: error.column,
    code: String(error.code),
    message: error.message.split(path).join(displayName(filename)),
  };
}
