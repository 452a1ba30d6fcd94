import { findMessageTemplate } from "../../db/repositories/message-templates.js";
import type { Organization } from "../../db/schema.js";
import type { AppContext } from "../context.js";
import { presentTemplate, type TemplateDto, templateOf } from "./present-template.js";

/** One template in one language: the organization's own version, else the default. */
export async function getTemplate(options: {
  ctx: AppContext;
  org: Organization;
  key: string;
  locale: string;
}): Promise<TemplateDto> {
  const { key, locale } = templateOf(options.key, options.locale);
  return presentTemplate(key, locale, await findMessageTemplate(options.ctx.db, options.org.id, key, locale));
}
