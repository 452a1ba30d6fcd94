import { isLocale, type Locale } from "../../core/messages.js";
import type { MessageTemplate as MessageTemplateRow } from "../../db/schema.js";
import { DEFAULT_TEMPLATES, type TemplateKey } from "../../templates/defaults.js";
import { AppError } from "../errors.js";
import { isTemplateKey } from "./resolve-template.js";

/** A message template as the API shows it: the organization's own (`custom`) or Relance's default. */
export interface TemplateDto {
  key: TemplateKey;
  locale: Locale;
  custom: boolean;
  subject: string;
  text: string;
  html: string;
  /** When the organization's own version was last saved; null for the default. */
  updated_at: string | null;
}

export function presentTemplate(
  key: TemplateKey,
  locale: Locale,
  own: MessageTemplateRow | undefined,
): TemplateDto {
  if (own) {
    return {
      key,
      locale,
      custom: true,
      subject: own.subject,
      text: own.text_body,
      html: own.html_body,
      updated_at: own.updated_at,
    };
  }
  const d = DEFAULT_TEMPLATES[key][locale];
  return { key, locale, custom: false, subject: d.subject, text: d.text, html: d.html, updated_at: null };
}

/** The key and language of a template named in a request; an unknown one is not found. */
export function templateOf(key: string, locale: string): { key: TemplateKey; locale: Locale } {
  if (!isTemplateKey(key) || !isLocale(locale)) {
    throw new AppError("not_found", "template_edit.not_found", {
      key: key.slice(0, 60),
      locale: locale.slice(0, 10),
    });
  }
  return { key, locale };
}
