import { dirname, join, resolve } from "node:path";
import type { DatabaseHandle } from "../db/connect.js";

/** Stored documents (uploads, letters): RELANCE_FILES_DIR, else `files/` beside the SQLite file, else `./data/files`. */
export function filesDir(handle: DatabaseHandle): string {
  if (process.env.RELANCE_FILES_DIR) return resolve(process.env.RELANCE_FILES_DIR);
  if (handle.dialect === "sqlite" && handle.location !== ":memory:")
    return join(dirname(handle.location), "files");
  return resolve("data", "files");
}
