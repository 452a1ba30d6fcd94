import type { Locale } from "../../core/messages.js";
import { slugify } from "../../core/slug.js";
import type { Organization } from "../../db/schema.js";
import { forecastWorkbook } from "../../formats/forecast-export/index.js";
import type { AppContext } from "../context.js";
import { type GetForecastOptions, getForecast } from "./get-forecast.js";

export interface ForecastDownload {
  /** `tresorerie-<organization-slug>-<as_of>.xlsx` */
  filename: string;
  body: Buffer;
}

/** The forecast as an XLSX workbook (a few hundred rows, built in memory). */
export async function downloadForecast(
  options: Omit<GetForecastOptions, "ctx" | "org"> & { ctx: AppContext; org: Organization; locale?: Locale },
): Promise<ForecastDownload> {
  const { dto, lines } = await getForecast(options);
  const body = await forecastWorkbook(
    { ...dto, lines },
    options.locale ?? options.ctx.locale,
    options.org.name,
  );
  return { filename: `tresorerie-${slugify(options.org.name, "entreprise")}-${dto.as_of}.xlsx`, body };
}
