import type { PaymentScore } from "../../core/clients/payment-score.js";
import { findClient } from "../../db/repositories/clients.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, todayFor } from "../context.js";
import { AppError } from "../errors.js";
import { scoreOf } from "./client-scores.js";

export interface ClientScoreDto extends PaymentScore {
  client_id: string;
  as_of: string;
}

/** How a client pays, as of today (docs/calls.md): the score, its grade, the tone it calls for and its figures. */
export async function getClientScore(options: {
  ctx: AppContext;
  org: Organization;
  id: string;
}): Promise<ClientScoreDto> {
  const { ctx, org } = options;
  const client = await findClient(ctx.db, org.id, options.id);
  if (!client) throw new AppError("not_found", "client.not_found");
  const today = todayFor(ctx, org.time_zone);
  const score = await scoreOf(ctx.db, org.id, client.id, today);
  return { client_id: client.id, as_of: today.toString(), ...score };
}
