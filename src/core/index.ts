export * from "./calendar.js";
export * from "./holidays.js";
export * from "./identifiers.js";
export * from "./invoices/balance.js";
export * from "./invoices/totals.js";
export * from "./messages.js";
export * from "./money.js";
export * from "./result.js";
