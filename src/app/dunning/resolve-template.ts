import type { Db } from "../../db/connect.js";
import { findMessageTemplate } from "../../db/repositories/message-templates.js";
import { DEFAULT_TEMPLATES, type TemplateKey } from "../../templates/defaults.js";
import type { MessageTemplate } from "../../templates/engine.js";

export function isTemplateKey(key: string): key is TemplateKey {
  return Object.hasOwn(DEFAULT_TEMPLATES, key);
}

/** The template to use: the organization's own for that key and language, else Relance's default. */
export async function resolveTemplate(
  db: Db,
  orgId: string,
  key: TemplateKey,
  locale: "fr" | "en",
): Promise<MessageTemplate & { custom: boolean }> {
  const own = await findMessageTemplate(db, orgId, key, locale);
  if (own) return { subject: own.subject, text: own.text_body, html: own.html_body, custom: true };
  return { ...DEFAULT_TEMPLATES[key][locale], custom: false };
}
