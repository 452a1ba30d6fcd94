import { stat } from "node:fs/promises";
import type { Locale } from "../../core/messages.js";
import { fileErrorEvent } from "./sheet.js";
import type { TrackingEvent } from "./types.js";

/** The size of a readable, non-empty regular file, or the file-level error event to report. */
export async function checkFile(path: string, locale: Locale): Promise<number | TrackingEvent> {
  try {
    const info = await stat(path);
    if (!info.isFile())
      return fileErrorEvent(locale, "file.unreadable", { path, reason: "not a regular file" });
    if (info.size === 0) return fileErrorEvent(locale, "file.empty");
    return info.size;
  } catch (e) {
    return ioErrorEvent(path, locale, e);
  }
}

export function ioErrorEvent(path: string, locale: Locale, e: unknown): TrackingEvent {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return fileErrorEvent(locale, "file.not_found", { path });
  return fileErrorEvent(locale, "file.unreadable", { path, reason: code ?? String(e) });
}

/** An error from the file system (it has an errno code), as opposed to a bug. */
export function isIoError(e: unknown): boolean {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === "string";
}
