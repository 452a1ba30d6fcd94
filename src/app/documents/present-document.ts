import type { DocumentView } from "../../db/repositories/documents.js";

/** The client file (dossier): what a call or a court needs at hand. */
export const DOCUMENT_KINDS = [
  "signed_quote",
  "contract",
  "purchase_order",
  "delivery_note",
  "payment_incident",
  "duplicate",
  "bill_of_exchange",
  /** A payment plan's acknowledgement of debt (reconnaissance de dette, Code civil 1376 and 2240). */
  "acknowledgement",
  "correspondence",
  "other",
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** A stored document as the API shows it (never its place on disk). */
export interface DocumentDto {
  id: string;
  kind: string;
  /** The uploaded name, sanitized for display (no path). */
  filename: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  client_id: string | null;
  invoice_id: string | null;
  created_at: string;
  /** The name of the user who added it. */
  uploaded_by: string | null;
}

export function presentDocument(row: DocumentView): DocumentDto {
  return {
    id: row.id,
    kind: row.kind,
    filename: row.filename,
    mime_type: row.mime_type,
    size_bytes: Number(row.size_bytes),
    sha256: row.sha256,
    client_id: row.client_id,
    invoice_id: row.invoice_id,
    created_at: row.created_at,
    uploaded_by: row.uploaded_by,
  };
}
