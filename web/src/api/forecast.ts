import { http } from "./client";

export interface ForecastWeek {
  start: string;
  end: string;
  expected_cents: number;
  low_cents: number;
  high_cents: number;
  invoices: number;
}

export interface Forecast {
  as_of: string;
  weeks: ForecastWeek[];
  litigation_cents: number;
  beyond_cents: number;
  past: { start: string; end: string; expected_cents: number; actual_cents: number }[];
}

export const getForecast = () => http.get<Forecast>("/forecast");
export const forecastKey = ["forecast"] as const;
/** The workbook, downloaded by the browser with the session cookie. */
export const FORECAST_XLSX_URL = "/api/v1/forecast.xlsx";
