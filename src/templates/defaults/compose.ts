/**
 * Builds a default template (subject, text, HTML) from a short description, so that the wording of the 24 defaults
 * stays readable in fr.ts and en.ts and the two parts never drift apart. The result is plain Liquid: what a user
 * sees and edits.
 */
import type { Locale } from "../../core/messages.js";
import type { MessageTemplate } from "../engine.js";
import {
  type Amounts,
  amountsHtml,
  amountsText,
  type InvoiceColumns,
  invoiceListText,
  invoiceTableHtml,
  P_STYLE,
  partiesHtml,
  partiesText,
  paymentHtml,
  paymentText,
  portalHtml,
  portalText,
} from "./parts.js";

/** A paragraph of prose (Liquid allowed, no HTML), shown only when `when` holds if it is given. */
export type Paragraph = string | { when: string; text: string };
/**
 * The body in reading order: prose, and the places of the invoice list, the amounts, the payment details, the
 * client portal's URL (only when the message has one).
 */
export type Piece =
  | Paragraph
  | { invoices: InvoiceColumns }
  | { amounts: Amounts }
  | "payment"
  | "portal"
  | "parties";

export interface TemplateSpec {
  subject: string;
  /** friendly: "Bonjour {contact}," when a contact is named; formal: "Madame, Monsieur,". */
  greeting: "friendly" | "formal";
  body: Piece[];
  closing: string;
}

export type Audience = "b2b" | "b2c";

function greeting(locale: Locale, audience: Audience, kind: TemplateSpec["greeting"]): string {
  const formal = locale === "fr" ? "Madame, Monsieur," : "Dear Sir or Madam,";
  if (kind === "formal") return formal;
  const hello = locale === "fr" ? "Bonjour" : "Dear";
  // A consumer is a person: greet them by name rather than "Madame, Monsieur,".
  const fallback = audience === "b2c" ? `${hello} {{ client.name }},` : formal;
  return `{% if contact and contact.name %}${hello} {{ contact.name }},{% else %}${fallback}{% endif %}`;
}

const SIGNATURE_TEXT =
  "{% if organization.signature != blank %}{{ organization.signature }}{% else %}{{ organization.name }}{% endif %}";
const SIGNATURE_HTML =
  "{% if organization.signature != blank %}{{ organization.signature | newline_to_br }}{% else %}{{ organization.name }}{% endif %}";

function textOf(locale: Locale, piece: Piece): string {
  if (piece === "payment") return paymentText(locale);
  if (piece === "portal") return portalText(locale);
  if (piece === "parties") return partiesText(locale);
  if (typeof piece === "string") return piece;
  if ("invoices" in piece) return invoiceListText(locale, piece.invoices);
  if ("amounts" in piece) return amountsText(locale, piece.amounts);
  return piece.text;
}

function htmlOf(locale: Locale, piece: Piece): string {
  if (piece === "payment") return paymentHtml(locale);
  if (piece === "portal") return portalHtml(locale);
  if (piece === "parties") return partiesHtml(locale);
  if (typeof piece === "string") return `<p style="${P_STYLE}">${piece.replace(/\n/g, "<br>\n")}</p>`;
  if ("invoices" in piece) return invoiceTableHtml(locale, piece.invoices);
  if ("amounts" in piece) return amountsHtml(locale, piece.amounts);
  return `<p style="${P_STYLE}">${piece.text.replace(/\n/g, "<br>\n")}</p>`;
}

const condition = (piece: Piece) =>
  piece === "portal" ? "portal_url" : typeof piece === "object" && "when" in piece ? piece.when : undefined;

/** French typography: a no-break space before : ; ? ! (when they end a word) and after "n°". */
function frenchSpacing(s: string): string {
  return s.replace(/ ([:;?!])(?=[\s<]|$)/g, "\u00A0$1").replace(/n° /g, "n°\u00A0");
}

export function compose(locale: Locale, audience: Audience, spec: TemplateSpec): MessageTemplate {
  const hello = greeting(locale, audience, spec.greeting);
  const text = [hello, ...spec.body.map((p) => ({ p, s: textOf(locale, p) })), spec.closing, SIGNATURE_TEXT]
    .map((x) => {
      if (typeof x === "string") return `${x}\n\n`;
      const when = condition(x.p);
      return when ? `{% if ${when} %}${x.s}\n\n{% endif %}` : `${x.s}\n\n`;
    })
    .join("")
    .trimEnd();
  const html = [
    `<p style="${P_STYLE}">${hello}</p>`,
    ...spec.body.map((p) => {
      const when = condition(p);
      return when ? `{% if ${when} %}${htmlOf(locale, p)}{% endif %}` : htmlOf(locale, p);
    }),
    `<p style="${P_STYLE}">${spec.closing}</p>`,
    `<p style="margin:0;">${SIGNATURE_HTML}</p>`,
  ].join("\n");
  const t = { subject: spec.subject, text: `${text}\n`, html: `${html}\n` };
  if (locale !== "fr") return t;
  return { subject: frenchSpacing(t.subject), text: frenchSpacing(t.text), html: frenchSpacing(t.html) };
}
