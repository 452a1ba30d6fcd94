import { appendAudit } from "../../db/repositories/audit-log.js";
import { deleteMessageTemplate } from "../../db/repositories/message-templates.js";
import type { Organization } from "../../db/schema.js";
import { type AppContext, nowIso } from "../context.js";
import { presentTemplate, type TemplateDto, templateOf } from "./present-template.js";

/**
 * Deletes the organization's own version of a template in one language: the default applies again (and is
 * returned). Resetting a template that was not changed does nothing. Audited when something was deleted.
 */
export async function resetTemplate(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  key: string;
  locale: string;
}): Promise<TemplateDto> {
  const { ctx, org } = options;
  const { key, locale } = templateOf(options.key, options.locale);
  const at = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const deleted = await deleteMessageTemplate(trx, org.id, key, locale);
    if (deleted > 0) {
      await appendAudit(trx, {
        organizationId: org.id,
        userId: options.userId,
        at,
        entity: "message_template",
        entityId: `${key}:${locale}`,
        operation: "reset",
        data: { key, locale },
      });
    }
    return presentTemplate(key, locale, undefined);
  });
}
