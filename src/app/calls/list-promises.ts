import { listPromises as queryPromises } from "../../db/repositories/calls.js";
import type { Organization, PromiseState } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import type { PromiseDto } from "./present-call.js";
import { toPromiseDto } from "./promise-rules.js";

/** Promises to pay, newest first, by state and/or client. */
export async function listPromises(options: {
  ctx: AppContext;
  org: Organization;
  states?: readonly PromiseState[];
  clientId?: string;
  limit?: number;
  before?: { created_at: string; id: string };
}): Promise<PromiseDto[]> {
  const { ctx, org } = options;
  const rows = await queryPromises(ctx.db, org.id, {
    limit: options.limit ?? 1000,
    ...(options.states ? { states: options.states } : {}),
    ...(options.clientId ? { clientId: options.clientId } : {}),
    ...(options.before ? { before: options.before } : {}),
  });
  return rows.map(toPromiseDto);
}
