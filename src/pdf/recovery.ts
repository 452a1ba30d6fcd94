/**
 * The judicial recovery documents (docs/recovery.md), in French — they are filed with a French court or handed to a
 * French commissaire de justice or lawyer:
 * - the small-claims request to a commissaire de justice (CPCE L125-1, R125-1 s.): creditor, debtor, basis of the
 *   claim, breakdown of principal and interest (and the 40 € indemnity), the evidence list;
 * - the requête en injonction de payer carrying the fields of Cerfa 12946*02 (tribunal de commerce) or 12948*06
 *   (tribunal judiciaire): the court, the parties, the amount with its breakdown, the basis, the pieces;
 * - the bordereau de pièces numbering every attached piece;
 * - the hand-over summary for a commissaire de justice or a lawyer.
 * Deterministic (the PDF's date is `date`), WinAnsi-safe (layout.ts), nothing read but pdfkit's font metrics.
 */
import PDFDocument from "pdfkit";
import { formatIsoDate, parseIsoDate } from "../core/calendar.js";
import { cents, formatEuros } from "../core/money.js";
import { toBuffer } from "./figures.js";
import {
  type Block,
  type Doc,
  drawText,
  Flow,
  finishPages,
  flowBlocks,
  MARGIN,
  MUTED,
  mm,
  paragraphBlock,
  RULE,
  textHeight,
} from "./layout.js";
import type { LetterParty } from "./letters.js";
import { gridBlock, statementBlock } from "./table.js";

export interface RecoveryPdfInvoice {
  number: string;
  issue_date: string | null;
  due_date: string;
  total_ttc_cents: number;
  balance_cents: number;
  interest_cents: number;
  indemnity_cents: number;
  total_claim_cents: number;
}

export interface RecoveryPiece {
  /** 1, 2, 3… as on the bordereau. */
  number: number;
  title: string;
  date: string | null;
  /** The file's name inside the ZIP. */
  filename: string;
  /** Said on the bordereau when the piece is not a PDF ("image JPEG jointe telle quelle"). */
  note: string | null;
}

export interface RecoveryPdfInput {
  /** YYYY-MM-DD: the documents' date and the PDF's creation date. */
  date: string;
  /** Where the creditor signs ("Lyon"). */
  place: string | null;
  creditor: LetterParty;
  debtor: LetterParty & { kind: "business" | "consumer" | "public" };
  invoices: RecoveryPdfInvoice[];
  amounts: { principal_cents: number; interest_cents: number; indemnity_cents: number; total_cents: number };
  /** How interest reads (« pénalités de retard au taux BCE + 10 points (L441-10 C. com.) »). */
  interest_label: string;
  court: {
    name: string;
    kind: "tribunal_de_commerce" | "tribunal_judiciaire";
    cerfa: string;
    address: string | null;
  };
  /** The commissaire de justice's area for a small claim (« ressort de la cour d'appel de Lyon »). */
  cour_d_appel: string | null;
  pieces: RecoveryPiece[];
  /** Reminders sent before (e-mails and letters; not pieces of the file): said in the basis of the claim. */
  reminders_sent?: number;
}

export interface HandOverPdfInput extends RecoveryPdfInput {
  to: { kind: "bailiff" | "lawyer"; name: string; firm: string | null; email: string | null } | null;
  prescription_date: string | null;
  procedures: { label: string; status: string; dates: string[] }[];
  evidence: { label: string; status: "present" | "incomplete" | "missing"; detail: string; why: string }[];
  costs_cents: number;
}

const money = (n: number) => formatEuros(cents(n), "fr");
const day = (iso: string | null) => (iso ? formatIsoDate(iso, "fr") : "—");
const KIND: Record<"business" | "consumer" | "public", string> = {
  business: "personne morale ou professionnel",
  consumer: "personne physique (particulier)",
  public: "personne publique",
};

function newDoc(title: string, author: string, date: string): Doc {
  const d = parseIsoDate(date);
  if (!d.ok) throw new RangeError(`document date is not YYYY-MM-DD: ${date}`);
  return new PDFDocument({
    size: "A4",
    margins: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.left, right: MARGIN.right },
    bufferPages: true,
    lang: "fr-FR",
    info: {
      Title: title,
      Author: author,
      Creator: "Relance",
      Producer: "Relance",
      CreationDate: new Date(Date.UTC(d.value.year, d.value.month - 1, d.value.day)),
    },
  });
}

function heading(flow: Flow, text: string): Block {
  const style = { bold: true, size: 11 } as const;
  const h = textHeight(flow.doc, text, flow.width, style) + 10;
  return {
    height: h,
    keepWithNext: true,
    draw: (f) => {
      f.doc
        .moveTo(f.left, f.y)
        .lineTo(f.left + f.width, f.y)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
      drawText(f.doc, text, f.left, f.y + 4, f.width, style);
      f.y += h;
    },
  };
}

function title(flow: Flow, text: string, sub: string): void {
  drawText(flow.doc, text, flow.left, flow.y, flow.width, { bold: true, size: 15 });
  flow.y = flow.doc.y + 3;
  drawText(flow.doc, sub, flow.left, flow.y, flow.width, { size: 9, color: MUTED });
  flow.y = flow.doc.y + mm(5);
}

function partyLines(p: LetterParty): string[] {
  return [
    [p.name, p.legal_form].filter(Boolean).join(", "),
    ...p.address_lines,
    p.siren ? `SIREN ${p.siren}` : null,
    p.email ? `Courriel : ${p.email}` : null,
    p.phone ? `Téléphone : ${p.phone}` : null,
  ].filter((l): l is string => Boolean(l));
}

function finish(doc: Doc, footer: string): Promise<Buffer> {
  const output = toBuffer(doc);
  finishPages(doc, (index, count) => {
    const y = doc.page.height - MARGIN.bottom + mm(6);
    drawText(doc, footer, MARGIN.left, y, 320, { size: 7.5, color: MUTED });
    drawText(doc, `Page ${index + 1} / ${count}`, doc.page.width - MARGIN.right - 100, y, 100, {
      size: 7.5,
      color: MUTED,
      align: "right",
    });
  });
  doc.end();
  return output;
}

function invoiceTable(flow: Flow, invoices: readonly RecoveryPdfInvoice[]): Block {
  return gridBlock(
    flow,
    [
      { title: "Facture", width: 0 },
      { title: "Émise le", width: 58 },
      { title: "Échéance", width: 58 },
      { title: "Principal dû", width: 74, align: "right" },
      { title: "Intérêts / pénalités", width: 82, align: "right" },
      { title: "Indemnité", width: 58, align: "right" },
    ],
    invoices.map((i) => [
      i.number,
      day(i.issue_date),
      day(i.due_date),
      money(i.balance_cents),
      money(i.interest_cents),
      money(i.indemnity_cents),
    ]),
  );
}

function breakdown(flow: Flow, input: RecoveryPdfInput, titleText: string): Block {
  const { amounts } = input;
  return statementBlock(flow, titleText, [
    { label: "Principal (factures impayées, TTC)", amount: money(amounts.principal_cents) },
    {
      label: `Intérêts : ${input.interest_label}, arrêtés au ${day(input.date)}`,
      amount: money(amounts.interest_cents),
    },
    ...(amounts.indemnity_cents > 0
      ? [
          {
            label:
              "Indemnité forfaitaire pour frais de recouvrement (40 € par facture, art. L441-10 et D441-5 C. com.)",
            amount: money(amounts.indemnity_cents),
          },
        ]
      : []),
    { label: "Total réclamé", amount: money(amounts.total_cents), total: true },
  ]);
}

export function basisText(input: RecoveryPdfInput): string {
  const numbers = input.invoices.map((i) => i.number).join(", ");
  const origin =
    input.debtor.kind === "consumer"
      ? "contrat conclu avec le débiteur (prestations ou fournitures commandées et réalisées)"
      : "contrat commercial (prestations ou fournitures commandées par le débiteur et réalisées)";
  // only what happened and what is attached: a court is told nothing the file does not show
  const despite: string[] = [];
  const reminders = input.reminders_sent ?? 0;
  if (reminders > 0) despite.push(reminders === 1 ? "une relance" : `${reminders} relances`);
  if (input.pieces.some((x) => x.title.startsWith("Mise en demeure")))
    despite.push("la mise en demeure jointe au bordereau");
  const tail = despite.length > 0 ? `, malgré ${despite.join(" et ")}` : "";
  return `Créance d'origine contractuelle : ${origin}, facturée par ${input.invoices.length} facture(s) demeurée(s) impayée(s) à leur échéance (${numbers})${tail}.`;
}

function piecesList(pieces: readonly RecoveryPiece[], p: (t: string) => Block): Block[] {
  return pieces.map((x) => p(`Pièce n° ${x.number} : ${x.title}${x.date ? ` (${day(x.date)})` : ""}`));
}

function signature(flow: Flow, input: RecoveryPdfInput): Block {
  const text = `Fait à ${input.place?.trim() || "…"}, le ${day(input.date)}\n\nPour ${input.creditor.name}\nSignature :`;
  const h = textHeight(flow.doc, text, flow.width / 2, { size: 10 }) + 40;
  return {
    height: h,
    draw: (f) => {
      drawText(f.doc, text, f.left + f.width / 2, f.y, f.width / 2, { size: 10 });
      f.y += h;
    },
  };
}

/** The requête en injonction de payer with the fields of Cerfa 12946*02 or 12948*06. */
export async function renderInjunctionRequest(input: RecoveryPdfInput): Promise<Buffer> {
  const doc = newDoc(
    `Requête en injonction de payer – ${input.debtor.name}`,
    input.creditor.name,
    input.date,
  );
  const flow = new Flow(doc, MARGIN.top);
  const juridiction =
    input.court.kind === "tribunal_de_commerce"
      ? "président du tribunal de commerce"
      : "président du tribunal judiciaire";
  title(
    flow,
    "Requête en injonction de payer",
    `Articles 1405 et suivants du code de procédure civile — champs du formulaire Cerfa n° ${input.court.cerfa}`,
  );
  const p = (t: string, bold = false) => paragraphBlock(flow, t, { size: 10, bold, lineGap: 1.5 }, 5);
  const blocks: Block[] = [];
  blocks.push(heading(flow, "1. Juridiction saisie"));
  blocks.push(p(`À Madame, Monsieur le ${juridiction}`));
  blocks.push(p(input.court.name, true));
  if (input.court.address) blocks.push(p(input.court.address));
  blocks.push(
    p(
      "Compétence territoriale : juridiction du lieu où demeure le débiteur (art. 1406 du code de procédure civile).",
    ),
  );
  blocks.push(heading(flow, "2. Demandeur (créancier)"));
  for (const l of partyLines(input.creditor)) blocks.push(p(l));
  blocks.push(heading(flow, "3. Défendeur (débiteur)"));
  blocks.push(p(`Qualité : ${KIND[input.debtor.kind]}`));
  for (const l of partyLines(input.debtor)) blocks.push(p(l));
  blocks.push(heading(flow, "4. Montant de la demande"));
  blocks.push(invoiceTable(flow, input.invoices));
  blocks.push(breakdown(flow, input, "Décompte de la créance"));
  blocks.push(
    p(
      "Le demandeur sollicite en outre les intérêts postérieurs jusqu'au paiement effectif et les dépens de la procédure.",
    ),
  );
  blocks.push(heading(flow, "5. Fondement de la créance (cause)"));
  blocks.push(p(basisText(input)));
  blocks.push(heading(flow, "6. Pièces justificatives"));
  blocks.push(p(`${input.pieces.length} pièce(s) jointe(s), numérotée(s) au bordereau de pièces annexé :`));
  blocks.push(...piecesList(input.pieces, (t) => p(t)));
  blocks.push(heading(flow, "7. Demande"));
  blocks.push(
    p(
      `Le demandeur prie le ${juridiction} de bien vouloir enjoindre au défendeur de lui payer la somme de ${money(input.amounts.total_cents)}, en principal, intérêts et indemnité, selon le décompte ci-dessus.`,
    ),
  );
  blocks.push(signature(flow, input));
  flowBlocks(flow, blocks);
  return finish(doc, `Requête en injonction de payer — ${input.creditor.name} c/ ${input.debtor.name}`);
}

/** The small-claims request to a commissaire de justice (CPCE L125-1). */
export async function renderSmallClaimsRequest(input: RecoveryPdfInput): Promise<Buffer> {
  const doc = newDoc(`Procédure simplifiée – ${input.debtor.name}`, input.creditor.name, input.date);
  const flow = new Flow(doc, MARGIN.top);
  title(
    flow,
    "Demande de procédure simplifiée de recouvrement des petites créances",
    "Articles L125-1 et R125-1 et suivants du code des procédures civiles d'exécution",
  );
  const p = (t: string, bold = false) => paragraphBlock(flow, t, { size: 10, bold, lineGap: 1.5 }, 5);
  const blocks: Block[] = [];
  blocks.push(heading(flow, "Destinataire"));
  blocks.push(
    p(
      `Commissaire de justice territorialement compétent${input.cour_d_appel ? ` (ressort de la cour d'appel de ${input.cour_d_appel}, où demeure le débiteur)` : " (ressort de la cour d'appel où demeure le débiteur)"}`,
    ),
  );
  blocks.push(heading(flow, "Créancier"));
  for (const l of partyLines(input.creditor)) blocks.push(p(l));
  blocks.push(heading(flow, "Débiteur"));
  blocks.push(p(`Qualité : ${KIND[input.debtor.kind]}`));
  for (const l of partyLines(input.debtor)) blocks.push(p(l));
  blocks.push(heading(flow, "Fondement de la créance"));
  blocks.push(p(basisText(input)));
  blocks.push(heading(flow, "Décompte : principal et intérêts"));
  blocks.push(invoiceTable(flow, input.invoices));
  blocks.push(breakdown(flow, input, "Montant de la créance"));
  blocks.push(
    p(
      `Montant en principal et intérêts : ${money(input.amounts.principal_cents + input.amounts.interest_cents)}, dans la limite de 5 000 € de la procédure simplifiée (art. R125-1 CPCE).`,
    ),
  );
  blocks.push(heading(flow, "Pièces justificatives"));
  blocks.push(...piecesList(input.pieces, (t) => p(t)));
  blocks.push(heading(flow, "Demande"));
  blocks.push(
    p(
      "Le créancier vous prie d'inviter le débiteur, par lettre recommandée avec demande d'avis de réception ou par voie électronique, à participer à la procédure simplifiée de recouvrement, l'invitation reproduisant les articles L111-2, L111-3 et L125-1 du code des procédures civiles d'exécution et l'article 2238 du code civil. Le débiteur dispose d'un mois pour accepter ; son silence vaut refus. En cas d'accord sur le montant et les modalités de paiement, le créancier sollicite la délivrance d'un titre exécutoire. Les frais de la procédure sont à la charge du créancier.",
    ),
  );
  blocks.push(signature(flow, input));
  flowBlocks(flow, blocks);
  return finish(doc, `Procédure simplifiée — ${input.creditor.name} c/ ${input.debtor.name}`);
}

/** The bordereau de pièces: every attached piece numbered. */
export async function renderBordereau(input: RecoveryPdfInput): Promise<Buffer> {
  const doc = newDoc(`Bordereau de pièces – ${input.debtor.name}`, input.creditor.name, input.date);
  const flow = new Flow(doc, MARGIN.top);
  title(
    flow,
    "Bordereau de pièces communiquées",
    `${input.creditor.name} contre ${input.debtor.name} — ${input.court.name}`,
  );
  const blocks: Block[] = [];
  blocks.push(
    gridBlock(
      flow,
      [
        { title: "N°", width: 32 },
        { title: "Pièce", width: 0 },
        { title: "Date", width: 62 },
        { title: "Fichier", width: 150 },
      ],
      input.pieces.map((x) => [`${x.number}`, x.title, day(x.date), x.filename]),
    ),
  );
  const notes = input.pieces.filter((x) => x.note);
  if (notes.length > 0) {
    blocks.push(heading(flow, "Observations"));
    for (const x of notes)
      blocks.push(paragraphBlock(flow, `Pièce n° ${x.number} : ${x.note}`, { size: 9.5 }, 4));
  }
  blocks.push(paragraphBlock(flow, `Total : ${input.pieces.length} pièce(s).`, { size: 10, bold: true }, 10));
  blocks.push(signature(flow, input));
  flowBlocks(flow, blocks);
  return finish(doc, `Bordereau de pièces — ${input.creditor.name} c/ ${input.debtor.name}`);
}

/** The summary handed to a commissaire de justice or a lawyer with the file. */
export async function renderHandOverSummary(input: HandOverPdfInput): Promise<Buffer> {
  const doc = newDoc(`Dossier de recouvrement – ${input.debtor.name}`, input.creditor.name, input.date);
  const flow = new Flow(doc, MARGIN.top);
  title(
    flow,
    "Dossier de recouvrement — synthèse",
    `${input.creditor.name} contre ${input.debtor.name}, au ${day(input.date)}`,
  );
  const p = (t: string, bold = false) => paragraphBlock(flow, t, { size: 9.5, bold, lineGap: 1.5 }, 4);
  const blocks: Block[] = [];
  if (input.to) {
    blocks.push(
      heading(flow, input.to.kind === "lawyer" ? "Avocat mandaté" : "Commissaire de justice mandaté"),
    );
    blocks.push(p([input.to.name, input.to.firm, input.to.email].filter(Boolean).join(" · ")));
  }
  blocks.push(heading(flow, "Créancier"));
  for (const l of partyLines(input.creditor)) blocks.push(p(l));
  blocks.push(heading(flow, "Débiteur"));
  blocks.push(p(`Qualité : ${KIND[input.debtor.kind]}`));
  for (const l of partyLines(input.debtor)) blocks.push(p(l));
  blocks.push(heading(flow, "Créance"));
  blocks.push(invoiceTable(flow, input.invoices));
  blocks.push(breakdown(flow, input, "Décompte"));
  blocks.push(p(`Fondement : ${basisText(input)}`));
  blocks.push(
    p(
      `Prescription : dernier jour pour agir le ${day(input.prescription_date)} (première facture concernée).`,
      true,
    ),
  );
  blocks.push(
    p(`Juridiction compétente (injonction de payer) : ${input.court.name} — Cerfa n° ${input.court.cerfa}`),
  );
  if (input.procedures.length > 0) {
    blocks.push(heading(flow, "Procédures engagées"));
    for (const x of input.procedures)
      blocks.push(p(`${x.label} — ${x.status}${x.dates.length ? ` : ${x.dates.join(" ; ")}` : ""}`));
  }
  blocks.push(p(`Frais engagés à ce jour : ${money(input.costs_cents)}`));
  blocks.push(heading(flow, "Preuves"));
  const mark = { present: "[OK]", incomplete: "[INCOMPLET]", missing: "[MANQUANT]" } as const;
  for (const e of input.evidence) blocks.push(p(`${mark[e.status]} ${e.label} — ${e.detail}`));
  blocks.push(heading(flow, "Pièces jointes"));
  blocks.push(...piecesList(input.pieces, (t) => p(t)));
  flowBlocks(flow, blocks);
  return finish(doc, `Dossier de recouvrement — ${input.creditor.name} c/ ${input.debtor.name}`);
}
