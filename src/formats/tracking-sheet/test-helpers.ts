import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readTrackingSheet } from "./read-tracking-sheet.js";
import type { ReadOptions, RowError, TrackingEvent, TrackingRow } from "./types.js";

export interface Collected {
  header?: Extract<TrackingEvent, { type: "header" }>;
  rows: TrackingRow[];
  errors: RowError[];
  progress: Extract<TrackingEvent, { type: "progress" }>[];
  order: TrackingEvent["type"][];
}

/** Reads a whole sheet into arrays (tests only: the reader itself never accumulates). */
export async function collect(path: string, options: ReadOptions = { locale: "fr" }): Promise<Collected> {
  const c: Collected = { rows: [], errors: [], progress: [], order: [] };
  for await (const e of readTrackingSheet(path, options)) {
    c.order.push(e.type);
    if (e.type === "header") c.header = e;
    else if (e.type === "row") c.rows.push(e.row);
    else if (e.type === "error") c.errors.push(e.error);
    else c.progress.push(e);
  }
  return c;
}

/** `{ line, column, code }` of each error, for compact assertions. */
export const brief = (errors: readonly RowError[]) =>
  errors.map(({ line, column, code }) => ({ line, column, code }));

export class TempDir {
  readonly path = mkdtempSync(join(tmpdir(), "relance-tracking-"));

  write(name: string, content: string | Uint8Array): string {
    const file = join(this.path, name);
    writeFileSync(file, content);
    return file;
  }

  file(name: string): string {
    return join(this.path, name);
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
