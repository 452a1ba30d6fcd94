import type { RateKind } from "../../core/law/rates.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { findSharedRate, upsertSharedRate } from "../../db/repositories/rates.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError } from "../errors.js";
import { parseSemester } from "./inputs.js";
import { presentRate, type RateDto } from "./list-rates.js";

export interface SetRateOptions {
  ctx: AppContext;
  /** The organization of the person changing it: the audit entry goes to its log. */
  org: Organization;
  userId: string | null;
  kind: RateKind;
  /** "2026-S2". */
  semester: string;
  rate_bp: number;
  source: string;
  confirmed: boolean;
}

/**
 * Sets the shared rate of one kind for one semester (inserted, or updated in place), in one transaction with an
 * audit entry (`rate` / `set`, with the previous values). Rates are shared by every organization of the instance.
 */
export async function setRate(options: SetRateOptions): Promise<RateDto> {
  const { ctx, org, kind } = options;
  const semester = parseSemester(options.semester);
  if (!semester.ok) throw new AppError("invalid_input", semester.problem.code, semester.problem.params ?? {});
  const source = options.source.trim();
  if (source === "") throw new AppError("invalid_input", "lawui.source_required");
  const at = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const { id, previous } = await upsertSharedRate(
      trx,
      {
        kind,
        valid_from: semester.value.valid_from,
        valid_to: semester.value.valid_to,
        rate_bp: options.rate_bp,
        source,
        confirmed: options.confirmed ? 1 : 0,
      },
      at,
    );
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "rate",
      entityId: id,
      operation: "set",
      data: {
        kind,
        semester: semester.value.label,
        rate_bp: options.rate_bp,
        source,
        confirmed: options.confirmed,
        previous: previous
          ? { rate_bp: previous.rate_bp, source: previous.source, confirmed: previous.confirmed === 1 }
          : null,
      },
    });
    const row = await findSharedRate(trx, kind, semester.value.valid_from);
    if (!row) throw new AppError("internal", "http.internal");
    return presentRate(row);
  });
}
