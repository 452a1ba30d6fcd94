/**
 * The call sheet ("fiche d'appel") as a PDF, for the desk or the phone in hand: who to call, what is owed and the
 * law engine's claim, how the client pays, the talking points and what to propose, the history and the documents
 * at hand. An internal document (no letterhead), French or English. Deterministic: the PDF's date is `as_of`, the
 * text is made WinAnsi-safe by the layout layer (text.ts), nothing is read but pdfkit's font metrics.
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
import { gridBlock, statementBlock } from "./table.js";

export interface CallSheetPdfInput {
  as_of: string;
  locale: "fr" | "en";
  organization: { name: string };
  client: {
    name: string;
    kind: string;
    siren: string | null;
    hold_kind: string | null;
    hold_until: string | null;
  };
  contacts: {
    name: string | null;
    role: string | null;
    phone: string | null;
    email: string | null;
    is_billing: boolean;
  }[];
  best_phone: { name: string | null; phone: string } | null;
  invoices: {
    number: string;
    due_date: string;
    balance_cents: number;
    days_late: number;
    disputed: boolean;
    penalty_cents: number | null;
    indemnity_cents: number | null;
    interest_cents: number | null;
    total_claim_cents: number | null;
  }[];
  totals: { balance_cents: number; overdue_cents: number; claim_cents: number; extras_cents: number };
  score: {
    value: number | null;
    grade: string | null;
    tone: string;
    average_days_late: number | null;
    invoices: number;
    late_invoices: number;
    longest_delay_days: number;
    trend: string;
    broken_promises: number;
  };
  script: { opening: string; points: string[]; proposals: { text: string }[] };
  history: { occurred_on: string; summary: string; invoice_number: string | null }[];
  calls: { occurred_on: string; outcome: string; notes: string | null }[];
  promises: { promised_on: string; amount_cents: number; state: string }[];
  documents: { kind: string; filename: string }[];
}

const WORDS = {
  fr: {
    title: "Fiche d'appel",
    asOf: (d: string) => `Établie le ${d}`,
    call: "Qui appeler",
    best: "Meilleur numéro",
    noPhone: "Aucun numéro de téléphone : ajoutez-en un au contact de facturation.",
    billing: "facturation",
    owed: "Ce qui est dû",
    cols: ["Facture", "Échéance", "Solde", "Retard (j)", "Pénalités + indemnité", "Créance"],
    disputed: " (litige)",
    balance: "Solde dû",
    overdue: "dont échu",
    extras: "Pénalités, indemnités et intérêts",
    claim: "Total de la créance",
    behaviour: "Comportement de paiement (12 mois)",
    noHistory: "Pas encore d'historique de paiement.",
    grade: (v: number | null, g: string | null) => (g ? `Note ${g} (${v}/100)` : "Nouveau client, sans note"),
    stats: (s: CallSheetPdfInput["score"]) =>
      `${s.late_invoices} facture(s) en retard sur ${s.invoices} ; retard moyen (pondéré par montant) ${s.average_days_late === null ? "—" : String(s.average_days_late).replace(".", ",")} j ; plus long retard ${s.longest_delay_days} j ; tendance : ${TREND.fr[s.trend] ?? s.trend} ; promesses non tenues : ${s.broken_promises}.`,
    tone: (t: string) => `Ton conseillé : ${TONE.fr[t] ?? t}`,
    points: "Points à aborder",
    propose: "À proposer",
    hold: (k: string, u: string | null) =>
      `Relances suspendues (${HOLD.fr[k] ?? k}${u ? ` jusqu'au ${u}` : ""})`,
    history: "Historique",
    calls: "Appels précédents",
    promises: "Promesses",
    documents: "Documents à portée de main",
    none: "—",
    page: (i: number, n: number) => `Page ${i} / ${n}`,
  },
  en: {
    title: "Call sheet",
    asOf: (d: string) => `As of ${d}`,
    call: "Who to call",
    best: "Best number",
    noPhone: "No phone number: add one to the billing contact.",
    billing: "billing",
    owed: "What is owed",
    cols: ["Invoice", "Due", "Balance", "Days late", "Penalties + indemnity", "Claim"],
    disputed: " (disputed)",
    balance: "Balance owed",
    overdue: "of which overdue",
    extras: "Penalties, indemnities and interest",
    claim: "Total claim",
    behaviour: "Payment behaviour (12 months)",
    noHistory: "No payment history yet.",
    grade: (v: number | null, g: string | null) => (g ? `Grade ${g} (${v}/100)` : "New client, no grade"),
    stats: (s: CallSheetPdfInput["score"]) =>
      `${s.late_invoices} late invoice(s) out of ${s.invoices}; average delay (weighted by amount) ${s.average_days_late ?? "—"} d; longest delay ${s.longest_delay_days} d; trend: ${TREND.en[s.trend] ?? s.trend}; broken promises: ${s.broken_promises}.`,
    tone: (t: string) => `Recommended tone: ${TONE.en[t] ?? t}`,
    points: "Talking points",
    propose: "What to propose",
    hold: (k: string, u: string | null) => `Reminders on hold (${HOLD.en[k] ?? k}${u ? ` until ${u}` : ""})`,
    history: "History",
    calls: "Earlier calls",
    promises: "Promises",
    documents: "Documents at hand",
    none: "—",
    page: (i: number, n: number) => `Page ${i} / ${n}`,
  },
} as const;

const TREND: Record<"fr" | "en", Record<string, string>> = {
  fr: { improving: "en amélioration", stable: "stable", worsening: "en dégradation" },
  en: { improving: "improving", stable: "stable", worsening: "worsening" },
};
const TONE: Record<"fr" | "en", Record<string, string>> = {
  fr: { friendly: "cordial", firm: "ferme", formal: "formel" },
  en: { friendly: "friendly", firm: "firm", formal: "formal" },
};
const HOLD: Record<"fr" | "en", Record<string, string>> = {
  fr: {
    dispute: "litige",
    promise: "promesse",
    manual: "pause",
    plan: "échéancier",
    bill: "lettre de change",
    recovery: "recouvrement judiciaire",
  },
  en: {
    dispute: "dispute",
    promise: "promise",
    manual: "pause",
    plan: "payment plan",
    bill: "bill of exchange",
    recovery: "judicial recovery",
  },
};
const OUTCOME: Record<"fr" | "en", Record<string, string>> = {
  fr: {
    reached: "joint",
    voicemail: "messagerie",
    no_answer: "pas de réponse",
    wrong_number: "mauvais numéro",
    call_back: "à rappeler",
  },
  en: {
    reached: "reached",
    voicemail: "voicemail",
    no_answer: "no answer",
    wrong_number: "wrong number",
    call_back: "call back",
  },
};
const PROMISE: Record<"fr" | "en", Record<string, string>> = {
  fr: { open: "en cours", kept: "tenue", broken: "non tenue", cancelled: "annulée" },
  en: { open: "open", kept: "kept", broken: "broken", cancelled: "cancelled" },
};

function heading(flow: Flow, text: string): Block {
  const style = { bold: true, size: 11.5 } as const;
  const h = textHeight(flow.doc, text, flow.width, style) + 8;
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

export async function renderCallSheet(input: CallSheetPdfInput): Promise<Buffer> {
  const date = parseIsoDate(input.as_of);
  if (!date.ok) throw new RangeError(`call sheet date is not YYYY-MM-DD: ${input.as_of}`);
  const l = input.locale;
  const w = WORDS[l];
  const money = (n: number) => formatEuros(cents(n), l);
  const day = (iso: string) => formatIsoDate(iso, l);
  const doc: Doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.left, right: MARGIN.right },
    bufferPages: true,
    lang: l === "en" ? "en-GB" : "fr-FR",
    info: {
      Title: `${w.title} – ${input.client.name}`,
      Author: input.organization.name,
      Creator: "Relance",
      Producer: "Relance",
      CreationDate: new Date(Date.UTC(date.value.year, date.value.month - 1, date.value.day)),
    },
  });
  const output = toBuffer(doc);

  const flow = new Flow(doc, MARGIN.top);
  drawText(doc, `${w.title} — ${input.client.name}`, flow.left, flow.y, flow.width, { bold: true, size: 16 });
  flow.y = doc.y + 2;
  const sub = [
    input.organization.name,
    w.asOf(day(input.as_of)),
    input.client.siren ? `SIREN ${input.client.siren}` : null,
  ]
    .filter(Boolean)
    .join(" · ");
  drawText(doc, sub, flow.left, flow.y, flow.width, { size: 9, color: MUTED });
  flow.y = doc.y + mm(4);

  const p = (text: string, bold = false) => paragraphBlock(flow, text, { size: 9.5, bold, lineGap: 1.5 }, 4);
  const list = (items: readonly string[]) => items.map((s) => p(`• ${s}`));
  const blocks: Block[] = [];

  blocks.push(heading(flow, w.call));
  blocks.push(
    p(
      input.best_phone
        ? `${w.best} : ${input.best_phone.phone}${input.best_phone.name ? ` (${input.best_phone.name})` : ""}`
        : w.noPhone,
      true,
    ),
  );
  blocks.push(
    ...list(
      input.contacts.map((c) =>
        [c.name ?? w.none, c.role, c.is_billing ? w.billing : null, c.phone, c.email]
          .filter(Boolean)
          .join(" · "),
      ),
    ),
  );
  if (input.client.hold_kind)
    blocks.push(
      p(w.hold(input.client.hold_kind, input.client.hold_until ? day(input.client.hold_until) : null)),
    );

  blocks.push(heading(flow, w.owed));
  if (input.invoices.length > 0) {
    blocks.push(
      gridBlock(
        flow,
        [
          { title: w.cols[0], width: 0 },
          { title: w.cols[1], width: 62 },
          { title: w.cols[2], width: 76, align: "right" },
          { title: w.cols[3], width: 50, align: "right" },
          { title: w.cols[4], width: 92, align: "right" },
          { title: w.cols[5], width: 80, align: "right" },
        ],
        input.invoices.map((i) => [
          `${i.number}${i.disputed ? w.disputed : ""}`,
          day(i.due_date),
          money(i.balance_cents),
          String(i.days_late),
          i.penalty_cents === null
            ? w.none
            : money((i.penalty_cents ?? 0) + (i.indemnity_cents ?? 0) + (i.interest_cents ?? 0)),
          i.total_claim_cents === null ? w.none : money(i.total_claim_cents),
        ]),
      ),
    );
  }
  blocks.push(
    statementBlock(flow, "", [
      { label: w.balance, amount: money(input.totals.balance_cents) },
      { label: w.overdue, amount: money(input.totals.overdue_cents) },
      { label: w.extras, amount: money(input.totals.extras_cents) },
      { label: w.claim, amount: money(input.totals.claim_cents), total: true },
    ]),
  );

  blocks.push(heading(flow, w.behaviour));
  const s = input.score;
  blocks.push(p(`${w.grade(s.value, s.grade)} — ${w.tone(s.tone)}`, true));
  blocks.push(p(s.grade ? w.stats(s) : w.noHistory));

  blocks.push(heading(flow, w.points));
  blocks.push(p(input.script.opening));
  blocks.push(...list(input.script.points));
  if (input.script.proposals.length > 0) {
    blocks.push(heading(flow, w.propose));
    blocks.push(...list(input.script.proposals.map((x) => x.text)));
  }

  if (input.calls.length > 0) {
    blocks.push(heading(flow, w.calls));
    blocks.push(
      ...list(
        input.calls.map(
          (c) =>
            `${day(c.occurred_on)} — ${OUTCOME[l][c.outcome] ?? c.outcome}${c.notes ? ` : ${c.notes}` : ""}`,
        ),
      ),
    );
  }
  if (input.promises.length > 0) {
    blocks.push(heading(flow, w.promises));
    blocks.push(
      ...list(
        input.promises.map(
          (x) => `${day(x.promised_on)} — ${money(x.amount_cents)} — ${PROMISE[l][x.state] ?? x.state}`,
        ),
      ),
    );
  }
  if (input.history.length > 0) {
    blocks.push(heading(flow, w.history));
    blocks.push(
      ...list(
        input.history.map(
          (a) => `${day(a.occurred_on)}${a.invoice_number ? ` · ${a.invoice_number}` : ""} — ${a.summary}`,
        ),
      ),
    );
  }
  if (input.documents.length > 0) {
    blocks.push(heading(flow, w.documents));
    blocks.push(...list(input.documents.map((d) => `${d.filename} (${d.kind})`)));
  }
  flowBlocks(flow, blocks);
  finishPages(doc, (index, count) => {
    drawText(
      doc,
      `${w.title} — ${input.client.name}`,
      MARGIN.left,
      doc.page.height - MARGIN.bottom + mm(6),
      300,
      {
        size: 7.5,
        color: MUTED,
      },
    );
    drawText(
      doc,
      w.page(index + 1, count),
      doc.page.width - MARGIN.right - 100,
      doc.page.height - MARGIN.bottom + mm(6),
      100,
      {
        size: 7.5,
        color: MUTED,
        align: "right",
      },
    );
  });
  doc.end();
  return output;
}
