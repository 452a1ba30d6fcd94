import pino from "pino";
import { type AppContext, fixedClock } from "../../src/app/context.js";
import { initOrganization } from "../../src/app/organizations/init-organization.js";
import type { Locale } from "../../src/core/messages.js";
import type { DatabaseHandle } from "../../src/db/connect.js";
import type { Organization } from "../../src/db/schema.js";

/** An application context on a test database, with the clock fixed (default: 2025-06-30 10:00 in Paris). */
export function testContext(
  handle: DatabaseHandle,
  options: { now?: string; locale?: Locale } = {},
): AppContext {
  return {
    db: handle.db,
    dialect: handle.dialect,
    clock: fixedClock(options.now ?? "2025-06-30T08:00:00Z"),
    log: pino({ level: "silent" }),
    locale: options.locale ?? "fr",
  };
}

export async function testOrganization(ctx: AppContext, name = "Plomberie Martin"): Promise<Organization> {
  return initOrganization({ ctx, name, email: "owner@example.fr" });
}
