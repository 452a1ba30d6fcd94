import { resolve } from "node:path";
import pino from "pino";
import { type AppContext, systemClock } from "../app/context.js";
import { AppError } from "../app/errors.js";
import { resolveOrganization } from "../app/organizations/resolve-organization.js";
import type { Locale } from "../core/messages.js";
import { type DatabaseHandle, DatabaseNotFoundError, openDatabase } from "../db/connect.js";
import { migrateToLatest } from "../db/migrate.js";
import type { Organization } from "../db/schema.js";

export interface GlobalOptions {
  db?: string;
  org?: string;
  json?: boolean;
  lang?: string;
}

export const DEFAULT_DB_PATH = "data/relance.db";

/** --db, then RELANCE_DB, then DATABASE_URL, then ./data/relance.db. */
export function databaseUrl(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env): string {
  const url = options.db ?? env.RELANCE_DB ?? env.DATABASE_URL ?? DEFAULT_DB_PATH;
  return /^postgres(ql)?:\/\//i.test(url) || url === ":memory:" ? url : resolve(url);
}

export interface Runtime {
  ctx: AppContext;
  handle: DatabaseHandle;
  organization(): Promise<Organization>;
  close(): Promise<void>;
}

/** Opens (and migrates) the database a command works on. */
export async function openRuntime(
  options: GlobalOptions,
  locale: Locale,
  settings: { logLevel?: string; create?: boolean } = {},
): Promise<Runtime> {
  const url = databaseUrl(options);
  let handle: DatabaseHandle;
  try {
    handle = openDatabase({ url, create: settings.create ?? false });
  } catch (error) {
    if (error instanceof DatabaseNotFoundError)
      throw new AppError("no_organization", "database.not_found", { path: url });
    throw error;
  }
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    await handle.close();
    throw error;
  }
  const log = pino({ level: settings.logLevel ?? "silent" }, pino.destination(2));
  const ctx: AppContext = { db: handle.db, dialect: handle.dialect, clock: systemClock, log, locale };
  return {
    ctx,
    handle,
    organization: () => resolveOrganization(handle.db, options.org, { strict: true }),
    close: () => handle.close(),
  };
}
