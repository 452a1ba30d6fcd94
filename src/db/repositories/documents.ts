import type { Insertable } from "kysely";
import type { Db } from "../connect.js";
import type { DocumentTable } from "../schema.js";

/** A stored document with the name of the user who added it. */
export interface DocumentView {
  id: string;
  kind: string;
  filename: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  client_id: string | null;
  invoice_id: string | null;
  created_at: string;
  uploaded_by_user_id: string | null;
  uploaded_by: string | null;
}

export interface ListDocumentsOptions {
  /** The client's documents and those of its invoices. */
  clientId?: string;
  invoiceId?: string;
  limit: number;
  /** Keyset pagination (newest first): the last (created_at, id) of the previous page. */
  before?: { created_at: string; id: string };
}

function documentViews(db: Db, orgId: string) {
  return db
    .selectFrom("document as d")
    .leftJoin("user as u", "u.id", "d.uploaded_by_user_id")
    .select([
      "d.id",
      "d.kind",
      "d.filename",
      "d.mime_type",
      "d.size_bytes",
      "d.sha256",
      "d.storage_key",
      "d.client_id",
      "d.invoice_id",
      "d.created_at",
      "d.uploaded_by_user_id",
      "u.name as uploaded_by",
    ])
    .where("d.organization_id", "=", orgId);
}

export async function insertDocument(db: Db, row: Insertable<DocumentTable>): Promise<void> {
  await db.insertInto("document").values(row).execute();
}

export async function findDocument(db: Db, orgId: string, id: string): Promise<DocumentView | undefined> {
  return documentViews(db, orgId).where("d.id", "=", id).executeTakeFirst();
}

/** Newest first (created_at desc, id desc). */
export async function listDocuments(
  db: Db,
  orgId: string,
  options: ListDocumentsOptions,
): Promise<DocumentView[]> {
  let query = documentViews(db, orgId);
  const { clientId, invoiceId, before } = options;
  if (clientId) {
    query = query.where((eb) =>
      eb.or([
        eb("d.client_id", "=", clientId),
        eb(
          "d.invoice_id",
          "in",
          eb
            .selectFrom("invoice as ci")
            .select("ci.id")
            .where("ci.organization_id", "=", orgId)
            .where("ci.client_id", "=", clientId),
        ),
      ]),
    );
  }
  if (invoiceId) query = query.where("d.invoice_id", "=", invoiceId);
  if (before) {
    query = query.where((eb) =>
      eb(eb.refTuple("d.created_at", "d.id"), "<", eb.tuple(before.created_at, before.id)),
    );
  }
  return query.orderBy("d.created_at", "desc").orderBy("d.id", "desc").limit(options.limit).execute();
}

export async function deleteDocument(db: Db, orgId: string, id: string): Promise<void> {
  await db.deleteFrom("document").where("organization_id", "=", orgId).where("id", "=", id).execute();
}
