/**
 * Message templates: LiquidJS, configured so that a template written by a user can only read its context.
 * - no file system: `templates: {}` gives Liquid an empty in-memory store, and the include, render and layout
 *   tags are refused when the template is parsed;
 * - unknown filters are errors (`strictFilters`), objects expose only their own properties;
 * - parse, render time and memory are limited;
 * - in the HTML part every `{{ }}` is escaped and `raw` cannot turn that off; `newline_to_br` escapes before it
 *   inserts its <br>. The subject and the text part are plain text and are not escaped.
 */
import { Liquid, LiquidError } from "liquidjs";
import type { Locale } from "../core/messages.js";
import type { MessageContext } from "./context.js";
import { filtersFor } from "./filters.js";
import { escapeHtml, htmlDocument } from "./html-document.js";
import { sampleContext } from "./sample-context.js";

export interface MessageTemplate {
  subject: string;
  text: string;
  html: string;
}
export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}
export type TemplatePart = "subject" | "text" | "html";
export type TemplateProblem = { part: TemplatePart; line: number; column: number; message: string };

const PARTS: readonly TemplatePart[] = ["subject", "text", "html"];

/** Characters in one part; a user template is a few kilobytes. */
export const PARSE_LIMIT = 200_000;
/** Milliseconds for one part. */
export const RENDER_LIMIT_MS = 1_000;
/** Liquid's allocation counter (array elements, string lengths…) for one part. */
export const MEMORY_LIMIT = 20_000_000;

/** Thrown by renderMessage when a template cannot be rendered with this context. */
export class TemplateError extends Error {
  constructor(readonly problems: TemplateProblem[]) {
    super(problems.map((p) => `${p.part} ${p.line}:${p.column} ${p.message}`).join("; "));
    this.name = "TemplateError";
  }
}

const refused = {
  parse(token: { name: string }): void {
    throw new Error(`the tag "${token.name}" is not available in messages`);
  },
  render(): void {},
};

function createEngine(locale: Locale, html: boolean): Liquid {
  const liquid = new Liquid({
    templates: {},
    relativeReference: false,
    strictFilters: true,
    lenientIf: true,
    ownPropertyOnly: true,
    timezoneOffset: "Europe/Paris",
    locale: locale === "fr" ? "fr-FR" : "en-GB",
    parseLimit: PARSE_LIMIT,
    renderLimit: RENDER_LIMIT_MS,
    memoryLimit: MEMORY_LIMIT,
    ...(html ? { outputEscape: "escape" as const } : {}),
  });
  for (const tag of ["include", "render", "layout"]) liquid.registerTag(tag, refused);
  for (const [name, filter] of Object.entries(filtersFor(locale))) liquid.registerFilter(name, filter);
  if (html) {
    liquid.registerFilter("raw", (v: unknown) => v);
    liquid.registerFilter("newline_to_br", {
      handler: (v: unknown) => escapeHtml(String(v ?? "")).replace(/\r?\n/g, "<br>\n"),
      raw: true,
    });
  } else {
    liquid.registerFilter("newline_to_br", (v: unknown) => v);
  }
  return liquid;
}

const engines = new Map<string, Liquid>();
function engine(locale: Locale, part: TemplatePart): Liquid {
  const html = part === "html";
  const key = `${locale}:${html ? "html" : "text"}`;
  let found = engines.get(key);
  if (!found) {
    found = createEngine(locale, html);
    engines.set(key, found);
  }
  return found;
}

function problemOf(part: TemplatePart, error: unknown): TemplateProblem {
  if (LiquidError.is(error)) {
    const [line = 1, column = 1] = error.token?.getPosition() ?? [];
    const message = error.originalError?.message ?? error.message.replace(/, line:\d+, col:\d+$/, "");
    return { part, line, column, message };
  }
  return { part, line: 1, column: 1, message: error instanceof Error ? error.message : String(error) };
}

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

/** Parses and renders every part against the sample context, strictly: unknown variables are problems too. */
export function checkTemplate(t: MessageTemplate): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const ctx = sampleContext("fr");
  for (const part of PARTS) {
    try {
      const out: string = engine("fr", part).parseAndRenderSync(t[part], ctx, { strictVariables: true });
      if (part === "subject" && oneLine(out) === "") {
        problems.push({ part, line: 1, column: 1, message: "the subject is empty" });
      }
    } catch (error) {
      problems.push(problemOf(part, error));
    }
  }
  return problems;
}

/** Renders the three parts; throws a TemplateError listing what failed. */
export async function renderMessage(
  t: MessageTemplate,
  ctx: MessageContext,
  locale: Locale,
): Promise<RenderedMessage> {
  const problems: TemplateProblem[] = [];
  const out: Record<TemplatePart, string> = { subject: "", text: "", html: "" };
  for (const part of PARTS) {
    try {
      out[part] = String(await engine(locale, part).parseAndRender(t[part], ctx));
    } catch (error) {
      problems.push(problemOf(part, error));
    }
  }
  if (problems.length > 0) throw new TemplateError(problems);
  const subject = oneLine(out.subject);
  return { subject, text: `${out.text.trim()}\n`, html: htmlDocument(out.html, subject, locale) };
}
