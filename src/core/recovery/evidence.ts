/**
 * The evidence checklist of a recovery case (LAW.md §7: the requête's bordereau lists the invoices, the quote or
 * contract, the delivery notes, the reminders and the mise en demeure). Pure: the facts are gathered by the caller.
 * Only the invoices are indispensable; the rest is flagged when missing with why it matters. LAW.md §5: a mise en
 * demeure is not a prerequisite of an injonction de payer, but it is the proof the debtor was asked, and for a
 * consumer interest at the taux légal runs only from it (§4); its receipt (the AR) dates it.
 */
import type { Debtor, LawWarning } from "../law/terms.js";

export type EvidenceKey = "invoices" | "agreement" | "delivery" | "reminders" | "formal_notice";
export type EvidenceStatus = "present" | "incomplete" | "missing";
export type EvidenceImportance = "required" | "recommended";

/**
 * Document kinds (app/documents/present-document.ts) that prove the agreement: the signed quote, a contract, an order,
 * or the debtor's acknowledgement of debt (reconnaissance de dette, signed with a payment plan), which proves the debt.
 */
export const AGREEMENT_KINDS: readonly string[] = [
  "signed_quote",
  "contract",
  "purchase_order",
  "acknowledgement",
];
export const DELIVERY_KINDS: readonly string[] = ["delivery_note"];

export interface EvidenceFacts {
  debtor: Debtor;
  invoices: readonly { number: string }[];
  documents: readonly { kind: string; filename: string }[];
  /** Reminders sent (e-mails, letters), registered letters aside. */
  reminders: readonly { channel: string; sent_on: string }[];
  /** Registered letters of mise en demeure, with the receipt (AR) date when recorded. */
  formal_notices: readonly { sent_on: string; received_on: string | null; number: string | null }[];
}

export interface EvidenceItem {
  key: EvidenceKey;
  status: EvidenceStatus;
  importance: EvidenceImportance;
  count: number;
  /** What was found (or not). */
  detail: LawWarning;
  /** Why it matters. */
  why: LawWarning;
}

export interface EvidenceChecklist {
  items: EvidenceItem[];
  /** The keys not `present`, in order. */
  missing: EvidenceKey[];
  /** No required item is missing. */
  fileable: boolean;
}

export function evidenceChecklist(facts: EvidenceFacts): EvidenceChecklist {
  const items: EvidenceItem[] = [];
  const n = facts.invoices.length;
  items.push({
    key: "invoices",
    status: n > 0 ? "present" : "missing",
    importance: "required",
    count: n,
    detail: {
      code: n > 0 ? "recovery.evidence.invoices_found" : "recovery.evidence.invoices_none",
      params: { n, numbers: facts.invoices.map((i) => i.number).join(", ") },
    },
    why: { code: "recovery.evidence.invoices_why", params: {} },
  });

  const agreement = facts.documents.filter((d) => AGREEMENT_KINDS.includes(d.kind));
  items.push({
    key: "agreement",
    status: agreement.length > 0 ? "present" : "missing",
    importance: "recommended",
    count: agreement.length,
    detail: {
      code: agreement.length > 0 ? "recovery.evidence.documents_found" : "recovery.evidence.agreement_none",
      params: { n: agreement.length, files: agreement.map((d) => d.filename).join(", ") },
    },
    why: { code: "recovery.evidence.agreement_why", params: {} },
  });

  const delivery = facts.documents.filter((d) => DELIVERY_KINDS.includes(d.kind));
  items.push({
    key: "delivery",
    status: delivery.length > 0 ? "present" : "missing",
    importance: "recommended",
    count: delivery.length,
    detail: {
      code: delivery.length > 0 ? "recovery.evidence.documents_found" : "recovery.evidence.delivery_none",
      params: { n: delivery.length, files: delivery.map((d) => d.filename).join(", ") },
    },
    why: { code: "recovery.evidence.delivery_why", params: {} },
  });

  const reminders = [...facts.reminders].sort((a, b) => (a.sent_on < b.sent_on ? -1 : 1));
  items.push({
    key: "reminders",
    status: reminders.length > 0 ? "present" : "missing",
    importance: "recommended",
    count: reminders.length,
    detail: {
      code: reminders.length > 0 ? "recovery.evidence.reminders_found" : "recovery.evidence.reminders_none",
      params: {
        n: reminders.length,
        first: reminders[0]?.sent_on ?? "",
        last: reminders[reminders.length - 1]?.sent_on ?? "",
      },
    },
    why: { code: "recovery.evidence.reminders_why", params: {} },
  });

  const notices = [...facts.formal_notices].sort((a, b) => (a.sent_on < b.sent_on ? -1 : 1));
  const received = notices.filter((m) => m.received_on !== null);
  const lastReceived = received[received.length - 1];
  const lastSent = notices[notices.length - 1];
  items.push({
    key: "formal_notice",
    status: lastReceived ? "present" : lastSent ? "incomplete" : "missing",
    importance: "recommended",
    count: notices.length,
    detail: lastReceived
      ? {
          code: "recovery.evidence.notice_received",
          params: {
            sent: lastReceived.sent_on,
            received: lastReceived.received_on ?? "",
            number: lastReceived.number ?? "—",
          },
        }
      : lastSent
        ? { code: "recovery.evidence.notice_no_receipt", params: { sent: lastSent.sent_on } }
        : { code: "recovery.evidence.notice_none", params: {} },
    why: {
      code:
        facts.debtor === "consumer"
          ? "recovery.evidence.notice_why_consumer"
          : "recovery.evidence.notice_why",
      params: {},
    },
  });

  return {
    items,
    missing: items.filter((i) => i.status !== "present").map((i) => i.key),
    fileable: items.every((i) => i.importance !== "required" || i.status === "present"),
  };
}
