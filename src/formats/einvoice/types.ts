/** The e-invoice syntaxes Relance reads: UN/CEFACT CII (Factur-X, ZUGFeRD, XRechnung) and OASIS UBL 2.1. */
export type EInvoiceSyntax = "cii" | "ubl";

/** What a file holds, told from its bytes: an XML invoice, a PDF (maybe Factur-X), or something else. */
export type EInvoiceContainer = "pdf" | EInvoiceSyntax;

export interface EInvoiceAddress {
  line?: string;
  postalCode?: string;
  city?: string;
  /** ISO 3166-1 alpha-2. */
  country?: string;
}

export interface EInvoiceParty {
  name: string;
  /** The legal registration id (BT-30 / BT-47) as written, with its ISO 6523 scheme when given. */
  legalId?: { value: string; scheme?: string };
  /** From a French legal id (scheme 0002 SIRENE or 0009 SIRET, or none for a French party): 9 digits. */
  siren?: string;
  /** 14 digits, when the legal id is a SIRET. */
  siret?: string;
  vatNumber?: string;
  email?: string;
  address: EInvoiceAddress;
}

/** The EN 16931 document types Relance takes: 380 invoice, 381 credit note, 384 corrected, 386 prepayment, 389. */
export type EInvoiceKind = "invoice" | "deposit" | "credit_note";

/** An invoice as the file states it. Amounts are integer cents, as written (a credit note's are positive). */
export interface EInvoice {
  syntax: EInvoiceSyntax;
  /** The specification identifier (BT-24), e.g. urn:factur-x.eu:1p0:minimum. */
  profile?: string;
  number: string;
  /** UNTDID 1001 code (BT-3). */
  typeCode: string;
  kind: EInvoiceKind;
  /** YYYY-MM-DD */
  issueDate: string;
  /** YYYY-MM-DD; absent in many MINIMUM / XRechnung files (then the terms' text may say it). */
  dueDate?: string;
  deliveryDate?: string;
  currency: string;
  /** BT-109 */
  totalHtCents?: number;
  /** BT-110 */
  totalVatCents?: number;
  /** BT-112 */
  totalTtcCents: number;
  /** BT-113 */
  prepaidCents?: number;
  /** BT-115 */
  duePayableCents?: number;
  seller: EInvoiceParty;
  buyer: EInvoiceParty;
  /** BT-25: the invoice a credit note corrects. */
  precedingInvoice?: string;
  /** BT-20 payment terms text. */
  paymentTerms?: string;
}

/** A problem of the file: a message code, where (an element path or the PDF), and an XML line when known. */
export interface EInvoiceProblem {
  code:
    | "einvoice.not_einvoice"
    | "einvoice.doctype_forbidden"
    | "einvoice.malformed_xml"
    | "einvoice.missing_field"
    | "einvoice.invalid_amount"
    | "einvoice.invalid_date"
    | "einvoice.unsupported_type"
    | "einvoice.pdf_unreadable"
    | "einvoice.pdf_encrypted"
    | "einvoice.pdf_no_invoice"
    | "einvoice.too_large";
  params: Record<string, string | number>;
  /** Element path (e.g. "ExchangedDocument/ID") or "PDF"; "" for the file as a whole. */
  where: string;
  /** 1-based XML line, 0 when not known. */
  line: number;
}

export type EInvoiceResult = { ok: true; invoice: EInvoice } | { ok: false; problems: EInvoiceProblem[] };
