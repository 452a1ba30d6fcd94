import { formatMessage, type Locale, type MessageCode } from "../../core/messages.js";
import type { TemplatePart, TemplateProblem } from "../../templates/engine.js";
import type { MessageParams } from "../errors.js";

/** A template problem with its place: `path` is the part ("subject", "text", "html"). */
export interface TemplateFieldProblem {
  path: TemplatePart;
  line: number;
  column: number;
  messageCode: MessageCode;
  params: MessageParams;
}

/** LiquidJS's own wordings (English) → our message codes, with what they name. */
const KNOWN: readonly [RegExp, MessageCode, string][] = [
  [/^undefined variable: (.+)$/, "template_edit.unknown_variable", "name"],
  [/^undefined filter: (.+)$/, "template_edit.unknown_filter", "name"],
  [/^the tag "(.+)" is not available in messages$/, "template_edit.tag_not_available", "name"],
  [/^tag "(.+)" not found$/, "template_edit.unknown_tag", "name"],
  [/^tag (\{%.*%\}) not closed$/s, "template_edit.tag_not_closed", "tag"],
  [/^output "(.*)" not closed$/s, "template_edit.output_not_closed", "output"],
];

const excerpt = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

export function templateFieldProblem(problem: TemplateProblem): TemplateFieldProblem {
  const place = { path: problem.part, line: problem.line, column: problem.column };
  if (problem.part === "subject" && problem.message === "the subject is empty") {
    return { ...place, messageCode: "template_edit.subject_empty", params: {} };
  }
  for (const [pattern, messageCode, param] of KNOWN) {
    const m = pattern.exec(problem.message);
    if (m)
      return {
        ...place,
        messageCode,
        params: { line: problem.line, column: problem.column, [param]: excerpt(m[1] ?? "") },
      };
  }
  return {
    ...place,
    messageCode: "template_edit.other",
    params: { line: problem.line, column: problem.column, message: problem.message },
  };
}

/** The problem worded for a person (the preview answers with words, not codes). */
export function describeTemplateProblem(
  problem: TemplateProblem,
  locale: Locale,
): { path: TemplatePart; line: number; column: number; message: string } {
  const { path, line, column, messageCode, params } = templateFieldProblem(problem);
  return { path, line, column, message: formatMessage(locale, messageCode, params) };
}
