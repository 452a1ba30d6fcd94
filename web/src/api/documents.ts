import { http, type Page } from "./client";

/** The client file's kinds (src/app/documents/present-document.ts). */
export const DOCUMENT_KINDS = [
  "signed_quote",
  "contract",
  "purchase_order",
  "delivery_note",
  "payment_incident",
  "duplicate",
  "bill_of_exchange",
  "acknowledgement",
  "correspondence",
  "other",
] as const;

export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface StoredDocument {
  id: string;
  kind: DocumentKind | string;
  filename: string;
  mime_type?: string;
  size_bytes?: number;
  sha256?: string;
  created_at?: string;
  client_id?: string | null;
  invoice_id?: string | null;
  uploaded_by?: string | null;
}

export const documentContentUrl = (id: string) => `/api/v1/documents/${encodeURIComponent(id)}/content`;

export const listDocuments = (query: { client_id?: string; invoice_id?: string }) =>
  http.get<Page<StoredDocument>>("/documents", query);

export function uploadDocument(input: {
  file: File;
  kind: DocumentKind;
  client_id?: string;
  invoice_id?: string;
}): Promise<StoredDocument> {
  const form = new FormData();
  // Text fields first: a streaming multipart reader sees them before the file.
  form.append("kind", input.kind);
  if (input.client_id) form.append("client_id", input.client_id);
  if (input.invoice_id) form.append("invoice_id", input.invoice_id);
  form.append("file", input.file, input.file.name);
  return http.upload<StoredDocument>("/documents", form);
}

export const deleteDocument = (id: string) => http.delete(`/documents/${encodeURIComponent(id)}`);
