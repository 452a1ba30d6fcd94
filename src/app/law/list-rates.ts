import type { RateKind } from "../../core/law/rates.js";
import { listRates, type RateRow } from "../../db/repositories/rates.js";
import type { Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { semesterOfIso } from "./inputs.js";

export interface RateDto {
  id: string;
  kind: RateKind;
  semester: string;
  valid_from: string;
  valid_to: string;
  rate_bp: number;
  source: string;
  confirmed: boolean;
  /** true: the instance's shared row (every organization computes with it). */
  shared: boolean;
  updated_at: string;
}

export function presentRate(row: RateRow): RateDto {
  return {
    id: row.id,
    kind: row.kind,
    semester: semesterOfIso(row.valid_from),
    valid_from: row.valid_from,
    valid_to: row.valid_to,
    rate_bp: row.rate_bp,
    source: row.source,
    confirmed: row.confirmed === 1,
    shared: row.organization_id === null,
    updated_at: row.updated_at,
  };
}

export interface ListRatesOptions {
  ctx: AppContext;
  /** The organization reading (its own rows, if any, come with the shared ones); absent: shared rows only. */
  org?: Organization;
}

/** Every rate row, by kind then validity. */
export async function listRatesDto(options: ListRatesOptions): Promise<RateDto[]> {
  const rows = await listRates(options.ctx.db, options.org?.id ?? null);
  return rows.map(presentRate);
}
