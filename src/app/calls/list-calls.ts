import { listCalls as queryCalls } from "../../db/repositories/calls.js";
import { findClient } from "../../db/repositories/clients.js";
import type { Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { AppError } from "../errors.js";
import { type CallDto, presentCall } from "./present-call.js";

/** Calls, newest first: of one client (unknown: not found) or of the whole organization. */
export async function listCalls(options: {
  ctx: AppContext;
  org: Organization;
  clientId?: string;
  limit?: number;
  before?: { occurred_at: string; id: string };
}): Promise<CallDto[]> {
  const { ctx, org } = options;
  if (options.clientId && !(await findClient(ctx.db, org.id, options.clientId))) {
    throw new AppError("not_found", "client.not_found");
  }
  const rows = await queryCalls(ctx.db, org.id, {
    limit: options.limit ?? 1000,
    ...(options.clientId ? { clientId: options.clientId } : {}),
    ...(options.before ? { before: options.before } : {}),
  });
  return rows.map(presentCall);
}
