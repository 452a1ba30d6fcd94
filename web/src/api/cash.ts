import { http } from "./client";

export interface AgingAmounts {
  not_due_cents: number;
  d1_30_cents: number;
  d31_60_cents: number;
  d61_90_cents: number;
  over_90_cents: number;
  total_cents: number;
  invoices: number;
}

export interface Aging {
  as_of: string;
  rows: (AgingAmounts & { client_id: string; name: string })[];
  total: AgingAmounts;
}

const asOfQuery = (asOf: string) => (asOf ? `?as_of=${encodeURIComponent(asOf)}` : "");

/** The aging balance (balance âgée) as of a day ("" = today). */
export const getAging = (asOf: string) => http.get<Aging>(`/aging${asOfQuery(asOf)}`);
export const agingKey = (asOf: string) => ["aging", asOf] as const;
/** The downloads, fetched by the browser with the session cookie. */
export const agingDownloadUrl = (format: "xlsx" | "pdf", asOf: string) =>
  `/api/v1/aging.${format}${asOfQuery(asOf)}`;
/** The « Encaissée » (status 212) export of the payments received in [from, to]. */
export const collectedDownloadUrl = (format: "csv" | "json", from: string, to: string) =>
  `/api/v1/collected.${format}?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
