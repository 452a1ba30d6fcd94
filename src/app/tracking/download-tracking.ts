import { createReadStream, type ReadStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toIso } from "../../core/calendar.js";
import type { Locale } from "../../core/messages.js";
import { slugify } from "../../core/slug.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { exportTracking } from "./export-tracking.js";

export interface TrackingDownload {
  /** `suivi-<organization-slug>-<today>.xlsx` */
  filename: string;
  size: number;
  /** The workbook; its temporary file is removed when the stream closes (finished, failed or aborted). */
  stream: ReadStream;
}

/**
 * The tracking workbook for a download: written by exportTracking into a fresh private temporary folder, then
 * handed over as a stream that deletes the folder when it closes.
 */
export async function downloadTracking(options: {
  ctx: AppContext;
  org: Organization;
  locale?: Locale;
}): Promise<TrackingDownload> {
  const { ctx, org } = options;
  const today = toIso(todayFor(ctx, org.time_zone));
  const dir = await mkdtemp(join(tmpdir(), "relance-export-"));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    const path = join(dir, "suivi.xlsx");
    await exportTracking({ ctx, org, path, locale: options.locale ?? ctx.locale });
    const { size } = await stat(path);
    const stream = createReadStream(path);
    stream.once("close", () => {
      cleanup().catch((error: unknown) => ctx.log.warn({ err: error }, "temporary export not removed"));
    });
    return { filename: `suivi-${slugify(org.name, "entreprise")}-${today}.xlsx`, size, stream };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
