import { LOCALES } from "../../core/messages.js";
import { listMessageTemplates } from "../../db/repositories/message-templates.js";
import type { Organization } from "../../db/schema.js";
import { ALL_TEMPLATE_KEYS } from "../../templates/defaults.js";
import type { AppContext } from "../context.js";
import { presentTemplate, type TemplateDto } from "./present-template.js";

export type TemplateSummaryDto = Omit<TemplateDto, "text" | "html">;

/**
 * Every template key (the sequence steps' and the payment plans') in every language: the organization's own
 * version or the default, with its subject.
 */
export async function listTemplates(options: {
  ctx: AppContext;
  org: Organization;
}): Promise<TemplateSummaryDto[]> {
  const own = await listMessageTemplates(options.ctx.db, options.org.id);
  const byKey = new Map(own.map((t) => [`${t.key}:${t.locale}`, t]));
  return ALL_TEMPLATE_KEYS.flatMap((key) =>
    LOCALES.map((locale) => {
      const {
        text: _text,
        html: _html,
        ...summary
      } = presentTemplate(key, locale, byKey.get(`${key}:${locale}`));
      return summary;
    }),
  );
}
