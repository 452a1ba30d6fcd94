import type { Locale } from "../core/messages.js";

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const FULL_DOCUMENT = /^\s*(<!doctype\b|<html\b)/i;

/**
 * Wraps a rendered HTML body in a minimal e-mail document: inline styles only (many mail clients drop <style>),
 * a single centred column. A template that already is a whole document is returned as it is.
 */
export function htmlDocument(body: string, subject: string, locale: Locale): string {
  if (FULL_DOCUMENT.test(body)) return body;
  return [
    "<!DOCTYPE html>",
    `<html lang="${locale}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title>`,
    "</head>",
    '<body style="margin:0;padding:0;background-color:#f4f4f2;">',
    '<div style="max-width:600px;margin:0 auto;padding:24px;background-color:#ffffff;color:#222222;' +
      'font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;">',
    body.trim(),
    "</div>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
