/** The cash-flow forecast (docs/forecast.md): pure, `asOf` passed in. */
export * from "./delays.js";
export * from "./forecast.js";
export * from "./ledger.js";
export * from "./past.js";
export * from "./weeks.js";
export * from "./weights.js";
