import type { Migration } from "kysely";
import * as ledger from "./0001-ledger.js";

/** Every migration, in order. Static imports so the list survives compilation and bundling. */
export const migrations: Record<string, Migration> = {
  "0001-ledger": ledger,
};
