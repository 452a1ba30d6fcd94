import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { AppError } from "../app/errors.js";

/**
 * Writes a file a command produced (a PDF): beside the target under a temporary name, then renamed, so the name
 * asked for never holds half a file. Returns the absolute path.
 */
export async function writeOutputFile(file: string, data: Buffer): Promise<string> {
  const target = resolve(file);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.part`);
  try {
    await writeFile(temp, data, { mode: 0o644 });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw new AppError("invalid_input", "document.cli_write_failed", {
      path: file,
      reason: error instanceof Error ? error.message : String(error),
    });
  }
  return target;
}
