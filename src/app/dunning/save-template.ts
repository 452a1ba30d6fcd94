import { newId } from "../../db/ids.js";
import { appendAudit } from "../../db/repositories/audit-log.js";
import { findMessageTemplate, upsertMessageTemplate } from "../../db/repositories/message-templates.js";
import type { Organization } from "../../db/schema.js";
import { checkTemplate, type MessageTemplate } from "../../templates/engine.js";
import { type AppContext, nowIso } from "../context.js";
import { AppError } from "../errors.js";
import { presentTemplate, type TemplateDto, templateOf } from "./present-template.js";
import { templateFieldProblem } from "./template-problems.js";

/**
 * Saves the organization's own version of a template in one language. It is checked first (parsed and rendered
 * against the sample context, unknown variables included): any problem refuses it with `invalid_input` and
 * details `[{ path: "subject" | "text" | "html", line, column, message }]`, and nothing is saved. Audited.
 */
export async function saveTemplate(options: {
  ctx: AppContext;
  org: Organization;
  userId: string | null;
  key: string;
  locale: string;
  template: MessageTemplate;
}): Promise<TemplateDto> {
  const { ctx, org, template } = options;
  const { key, locale } = templateOf(options.key, options.locale);
  const problems = checkTemplate(template);
  if (problems.length > 0) {
    throw new AppError("invalid_input", "template_edit.invalid", {}, problems.map(templateFieldProblem));
  }
  const at = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await upsertMessageTemplate(trx, {
      id: newId(),
      organization_id: org.id,
      key,
      locale,
      subject: template.subject,
      text_body: template.text,
      html_body: template.html,
      created_at: at,
      updated_at: at,
    });
    await appendAudit(trx, {
      organizationId: org.id,
      userId: options.userId,
      at,
      entity: "message_template",
      entityId: `${key}:${locale}`,
      operation: "save",
      data: { key, locale, subject: template.subject },
    });
    return presentTemplate(key, locale, await findMessageTemplate(trx, org.id, key, locale));
  });
}
