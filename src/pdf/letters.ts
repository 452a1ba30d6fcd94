/**
 * The dunning letters as PDF (pdfkit, standard fonts): the reminder letter (lettre de relance) and the formal
 * notice (mise en demeure, LAW.md §5), in French or English. A consumer's letter never claims penalties nor the
 * 40 € indemnity (LAW.md §4): they are left out even when given. Output is byte-for-byte deterministic: the PDF's
 * dates come from `input.date`, nothing is read but pdfkit's own font metrics.
 */
import PDFDocument from "pdfkit";
import { parseIsoDate } from "../core/calendar.js";
import { cents, formatEuros } from "../core/money.js";
import { toBuffer } from "./figures.js";
import { type Block, type Doc, Flow, finishPages, flowBlocks, MARGIN, paragraphBlock } from "./layout.js";
import { paymentBlock, signatureBlock } from "./letter-blocks.js";
import { decoratePage, drawFoldMarks, drawLetterHead } from "./letter-head.js";
import { gridBlock, type StatementLine, statementBlock } from "./table.js";
import { type LetterCase, type Wording, wordingFor } from "./wording.js";

export interface LetterParty {
  name: string;
  legal_form?: string | null;
  siren?: string | null;
  vat_number?: string | null;
  address_lines: string[];
  email?: string | null;
  phone?: string | null;
}

export interface LetterInvoice {
  number: string;
  issue_date: string; // YYYY-MM-DD
  due_date: string; // YYYY-MM-DD
  total_cents: number;
  balance_cents: number;
  days_late: number;
  penalty_cents: number;
  indemnity_cents: number;
  interest_cents: number;
}

export interface LetterInput {
  kind: "reminder" | "mise_en_demeure";
  locale: "fr" | "en";
  /** The letter's date, YYYY-MM-DD; also the PDF's creation date. */
  date: string;
  /** "Lyon" → "Lyon, le 26 novembre 2026". */
  place?: string | null;
  creditor: LetterParty & { iban?: string | null; bic?: string | null; signatory?: string | null };
  debtor: LetterParty & { kind: "business" | "consumer" | "public"; contact_name?: string | null };
  invoices: LetterInvoice[];
  totals: {
    balance_cents: number;
    penalty_cents: number;
    indemnity_cents: number;
    interest_cents: number;
    total_cents: number;
  };
  /** Pay before this date. */
  deadline_date: string;
  /** LRAR number, printed when known. */
  registered_number?: string | null;
  /** Reference to put on the transfer. */
  payment_reference?: string | null;
  /** Custom body paragraphs (plain text from a user template) replacing the standard opening. */
  paragraphs?: string[] | null;
  /** EPC payment QR code image, printed in the payment details. */
  qr_png?: Buffer | null;
  /** The client portal's URL (docs/portal.md), printed after the payment details. */
  portal_url?: string | null;
  /** How the penalty rate is described, e.g. "12,40 % l'an"; default: ECB rate + 10 points unless contractual. */
  penalty_rate_label?: string | null;
}

interface Claim {
  lines: StatementLine[];
  total: string;
}

/** The statement's lines; throws on amounts that do not add up (a letter must never claim a wrong sum). */
function statement(input: LetterInput, c: LetterCase, w: Wording): Claim {
  const money = (n: number) => formatEuros(cents(n), input.locale);
  const t = input.totals;
  const balance = input.invoices.reduce((s, i) => s + cents(i.balance_cents), 0);
  if (balance !== cents(t.balance_cents)) {
    throw new RangeError(`totals.balance_cents ${t.balance_cents} is not the invoices' sum ${balance}`);
  }
  const penalty = c.professional ? cents(t.penalty_cents) : 0;
  const indemnity = c.professional ? cents(t.indemnity_cents) : 0;
  const interest = cents(t.interest_cents);
  const total = balance + penalty + indemnity + interest;
  if (c.professional && total !== cents(t.total_cents)) {
    throw new RangeError(`totals.total_cents ${t.total_cents} is not the sum of its parts ${total}`);
  }
  const withIndemnity = input.invoices.filter((i) => i.indemnity_cents > 0).length;
  const lines: StatementLine[] = [{ label: w.principal, amount: money(balance) }];
  if (penalty > 0)
    lines.push({ label: w.penalties(input.penalty_rate_label ?? null), amount: money(penalty) });
  if (indemnity > 0)
    lines.push({ label: w.indemnity(indemnity === withIndemnity * 4000), amount: money(indemnity) });
  if (interest > 0) lines.push({ label: w.interest, amount: money(interest) });
  lines.push({ label: w.total, amount: money(total), total: true });
  return { lines, total: money(total) };
}

function body(flow: Flow, input: LetterInput, w: Wording, c: LetterCase, claim: Claim): Block[] {
  const { lines, total } = claim;
  const p = (text: string) => paragraphBlock(flow, text, { align: "justify", lineGap: 2 }, 7);
  const opening = (input.paragraphs ?? []).filter((s) => s.trim() !== "");
  const openings = (opening.length > 0 ? opening : [w.opening(c)]).map(p);
  const last = openings[openings.length - 1];
  if (last) last.keepWithNext = true;

  const money = (n: number) => formatEuros(cents(n), input.locale);
  const columns = w.columns;
  const grid = gridBlock(
    flow,
    [
      { title: columns.number, width: 0 },
      { title: columns.issue, width: 62 },
      { title: columns.due, width: 62 },
      { title: columns.total, width: 82, align: "right" },
      { title: columns.balance, width: 82, align: "right" },
      { title: columns.late, width: 56, align: "right" },
    ],
    input.invoices.map((i) => [
      i.number,
      w.shortDate(i.issue_date),
      w.shortDate(i.due_date),
      money(i.total_cents),
      money(i.balance_cents),
      String(i.days_late),
    ]),
  );

  const legal = w.legal(c);
  const contact =
    input.kind === "reminder" ? w.contact(input.creditor.email ?? null, input.creditor.phone ?? null) : null;
  const payment = paymentBlock(flow, input, w);
  const portal = input.portal_url
    ? paragraphBlock(flow, `${w.portal}\n${input.portal_url}`, { lineGap: 2 }, 7)
    : null;
  const next = contact ? `${w.nextStep(c)} ${contact}` : w.nextStep(c);
  const ending = [p(next), p(w.closing(c, input.debtor.contact_name ?? null))];
  for (const b of ending) b.keepWithNext = true;

  return [
    ...openings,
    grid,
    statementBlock(flow, w.breakdownTitle, lines),
    paragraphBlock(flow, w.demand(c, total, w.longDate(input.deadline_date)), { bold: true, lineGap: 2 }, 7),
    ...(legal ? [p(legal)] : []),
    ...(payment ? [payment] : []),
    ...(portal ? [portal] : []),
    ...ending,
    signatureBlock(flow, input),
  ];
}

export async function renderLetter(input: LetterInput): Promise<Buffer> {
  const date = parseIsoDate(input.date);
  if (!date.ok) throw new RangeError(`letter date is not YYYY-MM-DD: ${input.date}`);
  if (input.invoices.length === 0) throw new RangeError("a letter needs at least one invoice");
  const w = wordingFor(input.locale);
  const c: LetterCase = {
    kind: input.kind,
    professional: input.debtor.kind !== "consumer",
    count: input.invoices.length,
  };
  const claim = statement(input, c, w);

  const doc: Doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.left, right: MARGIN.right },
    bufferPages: true,
    lang: input.locale === "en" ? "en-GB" : "fr-FR",
    info: {
      Title: `${w.runningHead(c, input.date)} – ${input.debtor.name}`,
      Author: input.creditor.name,
      Creator: "Relance",
      Producer: "Relance",
      CreationDate: new Date(Date.UTC(date.value.year, date.value.month - 1, date.value.day)),
    },
  });
  const output = toBuffer(doc);

  drawFoldMarks(doc);
  const flow = new Flow(doc, drawLetterHead(doc, input, w, c));
  flowBlocks(flow, body(flow, input, w, c, claim));
  finishPages(doc, (index, count) => decoratePage(doc, input, w, c, index, count));
  doc.end();
  return output;
}
