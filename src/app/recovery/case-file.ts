import { readFile } from "node:fs/promises";
import { zipSync } from "fflate";
import { formatIsoDate, toIso } from "../../core/calendar.js";
import { formatMessage, type Locale, type MessageCode } from "../../core/messages.js";
import { slugify } from "../../core/slug.js";
import type { DocumentView } from "../../db/repositories/documents.js";
import { findRecoveryCase, listRecoveryProcedures } from "../../db/repositories/recovery.js";
import type { Organization } from "../../db/schema.js";
import { csvCell } from "../../formats/csv-cell.js";
import type { HandOverPdfInput, RecoveryPdfInput, RecoveryPiece } from "../../pdf/recovery.js";
import { type AppContext, todayFor } from "../context.js";
import { storedFilePath } from "../documents/file-store.js";
import { clientParty, organizationParty } from "../documents/parties.js";
import { AppError } from "../errors.js";
import { makeInvoiceDuplicate, penaltyRateLabel } from "../invoices/invoice-duplicate.js";
import { orgLocale } from "../invoices/timeline.js";
import { type CaseFacts, loadCaseFacts } from "./case-facts.js";
import { worded } from "./get-litigation-view.js";
import { caseInvoiceIds, presentProcedure } from "./present-case.js";

/**
 * The documents of a case and its file (dossier) as a ZIP, made now from what is stored (nothing is written):
 * - the pieces, numbered in this order: each invoice of the case (its duplicata, generated), then the client's
 *   documents — signed quote, contract, purchase order, delivery notes, correspondence (the mises en demeure
 *   with their LRAR dates), bills of exchange, payment incidents, others — oldest first. Generated duplicates
 *   stored as documents (kind `duplicate`) are left out: the invoices are already there. An uploaded PDF goes in
 *   as it is; a piece that is not a PDF (a photo, a scan as JPEG/PNG) also goes in as it is, and the bordereau
 *   says so — no conversion;
 * - the ZIP holds `00-…` the main document (requête, small-claims request or hand-over summary + invoices CSV),
 *   `00-bordereau-de-pieces.pdf`, and `pieces/NN-….ext`: exactly the pieces the bordereau lists.
 * Deterministic: the PDFs are dated today, the ZIP entries carry today's date at noon UTC.
 */
export type CaseDocument = "requete" | "small_claims" | "bordereau" | "summary";
export type CaseFileVariant = "injunction" | "small_claims" | "handover";

const KIND_ORDER = [
  "signed_quote",
  "contract",
  "purchase_order",
  "acknowledgement",
  "delivery_note",
  "correspondence",
  "bill_of_exchange",
  "payment_incident",
  "other",
];
const KIND_TITLE: Record<string, string> = {
  signed_quote: "Devis signé",
  contract: "Contrat",
  purchase_order: "Bon de commande",
  acknowledgement: "Reconnaissance de dette",
  delivery_note: "Bon de livraison",
  correspondence: "Correspondance",
  bill_of_exchange: "Lettre de change",
  payment_incident: "Incident de paiement",
  other: "Autre pièce",
};
const MIME_NOTE: Record<string, string> = {
  "image/jpeg": "image JPEG jointe telle quelle (non convertie en PDF)",
  "image/png": "image PNG jointe telle quelle (non convertie en PDF)",
};

interface PieceContent extends RecoveryPiece {
  content: () => Promise<Buffer>;
}

interface Assembled {
  facts: CaseFacts;
  base: RecoveryPdfInput;
  pieces: PieceContent[];
  caseId: string;
  handover: HandOverPdfInput;
}

function extensionOf(doc: DocumentView): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(doc.filename);
  if (m?.[1]) return m[1].toLowerCase();
  return doc.mime_type === "application/pdf" ? "pdf" : "bin";
}

async function assemble(options: {
  ctx: AppContext;
  org: Organization;
  caseId: string;
  filesDir: string;
  locale: Locale;
}): Promise<Assembled> {
  const { ctx, org, filesDir } = options;
  const kase = await findRecoveryCase(ctx.db, org.id, options.caseId);
  if (!kase) throw new AppError("not_found", "recovery.case_not_found");
  const locale = orgLocale(org);
  const today = todayFor(ctx, org.time_zone);
  const facts = await loadCaseFacts({
    ctx,
    org,
    clientId: kase.client_id,
    invoiceIds: caseInvoiceIds(kase),
    locale,
  });
  const procedures = await listRecoveryProcedures(ctx.db, org.id, [kase.id]);
  const injunction = [...procedures].reverse().find((p) => p.kind === "injunction");
  const noticeByDocument = new Map(
    facts.formalNotices.filter((n) => n.document_id).map((n) => [n.document_id as string, n]),
  );

  const pieces: PieceContent[] = [];
  const add = (piece: Omit<PieceContent, "number" | "filename">, ext: string, slug: string) => {
    const number = pieces.length + 1;
    pieces.push({
      ...piece,
      number,
      filename: `${String(number).padStart(2, "0")}-${slugify(slug, "piece", 24)}.${ext}`,
    });
  };
  for (const invoice of facts.invoices) {
    add(
      {
        title: `Facture n° ${invoice.number}${invoice.issue_date ? ` du ${formatIsoDate(invoice.issue_date, "fr")}` : ""}, échéance ${formatIsoDate(invoice.due_date, "fr")} (duplicata)`,
        date: invoice.issue_date,
        note: null,
        content: async () => (await makeInvoiceDuplicate({ ctx, org, id: invoice.id })).pdf,
      },
      "pdf",
      `facture-${invoice.number}`,
    );
  }
  const caseInvoices = new Set(facts.invoices.map((i) => i.id));
  const docs = facts.documents
    .filter((d) => d.kind !== "duplicate" && (d.invoice_id === null || caseInvoices.has(d.invoice_id)))
    .sort(
      (a, b) =>
        ((KIND_ORDER.indexOf(a.kind) + 100) % 100) - ((KIND_ORDER.indexOf(b.kind) + 100) % 100) ||
        (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1),
    );
  for (const d of docs) {
    const notice = noticeByDocument.get(d.id);
    const title = notice
      ? `Mise en demeure${notice.number ? ` (LRAR n° ${notice.number})` : ""} envoyée le ${formatIsoDate(notice.sent_on, "fr")}${notice.received_on ? `, reçue le ${formatIsoDate(notice.received_on, "fr")}` : ", date de réception non enregistrée"}`
      : `${KIND_TITLE[d.kind] ?? KIND_TITLE.other} : ${d.filename}`;
    add(
      {
        title,
        date: notice?.sent_on ?? d.created_at.slice(0, 10),
        note:
          d.mime_type === "application/pdf"
            ? null
            : (MIME_NOTE[d.mime_type] ?? `fichier ${d.mime_type} joint tel quel`),
        content: async () => {
          try {
            return await readFile(storedFilePath(filesDir, org.id, d.storage_key));
          } catch {
            ctx.log.error({ document: d.id }, "document file missing");
            throw new AppError("not_found", "document.file_missing");
          }
        },
      },
      extensionOf(d),
      notice ? "mise-en-demeure" : `${d.kind}-${d.filename.replace(/\.[^.]*$/, "")}`,
    );
  }

  const first = facts.invoices[0];
  const base: RecoveryPdfInput = {
    date: toIso(today),
    place: org.city,
    creditor: organizationParty(org),
    debtor: clientParty(facts.client),
    invoices: facts.invoices,
    amounts: facts.amounts,
    interest_label:
      facts.client.kind === "consumer"
        ? "intérêts au taux légal à compter de la mise en demeure (art. 1231-6 C. civ.)"
        : new Set(facts.invoices.map((i) => i.penalty_clause)).size > 1
          ? "pénalités de retard au taux prévu par chaque facture (art. L441-10 C. com.)"
          : `pénalités de retard au ${penaltyRateLabel(first?.penalty_clause ?? "default", "fr")} (art. L441-10 C. com.)`,
    reminders_sent: facts.evidence.items.find((i) => i.key === "reminders")?.count ?? 0,
    court: {
      name: injunction?.court_name ?? facts.court.name,
      kind: facts.court.court,
      cerfa: facts.court.cerfa,
      address: injunction?.court_address ?? null,
    },
    cour_d_appel: facts.court.cour_d_appel,
    pieces: pieces.map(({ content: _, ...piece }) => piece),
  };
  const handing = [...procedures].reverse().find((p) => p.kind === "bailiff" || p.kind === "lawyer");
  const handover: HandOverPdfInput = {
    ...base,
    to: handing?.mandatee_name
      ? {
          kind: handing.kind === "lawyer" ? "lawyer" : "bailiff",
          name: handing.mandatee_name,
          firm: handing.mandatee_firm,
          email: handing.mandatee_email,
        }
      : null,
    prescription_date: facts.prescriptionDate,
    procedures: procedures.map((p) => {
      const dto = presentProcedure(p, today, "fr");
      const dates = Object.entries(dto)
        .filter(([k, v]) => k.endsWith("_on") && typeof v === "string")
        .map(
          ([k, v]) =>
            `${formatMessage("fr", `recovery.field.${k}` as MessageCode)} : ${formatIsoDate(v as string, "fr")}`,
        );
      return { label: formatMessage("fr", `recovery.kind.${p.kind}`), status: dto.status_label, dates };
    }),
    evidence: facts.evidence.items.map((i) => ({
      label: formatMessage("fr", `recovery.evidence.${i.key}`),
      status: i.status,
      detail: worded("fr", i.detail).message,
      why: worded("fr", i.why).message,
    })),
    costs_cents: Number(kase.costs_cents),
  };
  return { facts, base, pieces, caseId: kase.id, handover };
}

const FILENAMES: Record<CaseDocument, string> = {
  requete: "00-requete-injonction-de-payer.pdf",
  small_claims: "00-demande-petites-creances.pdf",
  bordereau: "00-bordereau-de-pieces.pdf",
  summary: "00-synthese-du-dossier.pdf",
};

async function render(kind: CaseDocument, a: Assembled): Promise<Buffer> {
  const pdf = await import("../../pdf/recovery.js");
  if (kind === "requete") return pdf.renderInjunctionRequest(a.base);
  if (kind === "small_claims") return pdf.renderSmallClaimsRequest(a.base);
  if (kind === "bordereau") return pdf.renderBordereau(a.base);
  return pdf.renderHandOverSummary(a.handover);
}

/** One generated document of a case (requête, small-claims request, bordereau, hand-over summary). */
export async function caseDocument(options: {
  ctx: AppContext;
  org: Organization;
  caseId: string;
  filesDir: string;
  document: CaseDocument;
  locale: Locale;
}): Promise<{ pdf: Buffer; filename: string }> {
  const a = await assemble(options);
  return { pdf: await render(options.document, a), filename: FILENAMES[options.document] };
}

/**
 * The invoices of a case as CSV (semicolon-separated, decimal comma, UTF-8 with BOM: opens in a French Excel); the
 * invoice number through csvCell: formulas and leading control characters neutralised.
 */
export function invoicesCsv(facts: CaseFacts): string {
  // from the integer cents, no float: -1234 → "-12,34"
  const amount = (n: number) => {
    const abs = Math.abs(n);
    return `${n < 0 ? "-" : ""}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, "0")}`;
  };
  const rows = [
    "numero;date_facture;echeance;total_ttc;principal_du;interets_penalites;indemnite;total_reclame;prescription",
    ...facts.invoices.map((i) =>
      [
        csvCell(i.number),
        i.issue_date ?? "",
        i.due_date,
        amount(i.total_ttc_cents),
        amount(i.balance_cents),
        amount(i.interest_cents),
        amount(i.indemnity_cents),
        amount(i.total_claim_cents),
        i.prescription_date ?? "",
      ].join(";"),
    ),
  ];
  return `\uFEFF${rows.join("\r\n")}\r\n`;
}

/**
 * The whole file as a ZIP: for an injonction de payer the requête, for a small claim the request to the
 * commissaire de justice, for a hand-over the summary and the invoices CSV; then the bordereau and every piece.
 */
export async function caseFileZip(options: {
  ctx: AppContext;
  org: Organization;
  caseId: string;
  filesDir: string;
  variant: CaseFileVariant;
  locale: Locale;
}): Promise<{ zip: Buffer; filename: string; pieces: RecoveryPiece[] }> {
  const a = await assemble(options);
  const mtime = new Date(`${a.base.date}T12:00:00Z`);
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  const put = (name: string, data: Uint8Array) => {
    entries[name] = [data, { mtime }];
  };
  if (options.variant === "injunction") put(FILENAMES.requete, await render("requete", a));
  if (options.variant === "small_claims") put(FILENAMES.small_claims, await render("small_claims", a));
  if (options.variant === "handover") {
    put(FILENAMES.summary, await render("summary", a));
    put("00-factures.csv", new TextEncoder().encode(invoicesCsv(a.facts)));
  }
  put(FILENAMES.bordereau, await render("bordereau", a));
  for (const piece of a.pieces) put(`pieces/${piece.filename}`, await piece.content());
  const zip = Buffer.from(zipSync(entries, { level: 6 }));
  const filename = `dossier-${slugify(a.facts.client.name, "client", 40)}-${a.base.date}.zip`;
  return { zip, filename, pieces: a.base.pieces };
}
