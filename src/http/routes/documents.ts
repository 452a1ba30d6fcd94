import { createReadStream } from "node:fs";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { addDocument } from "../../app/documents/add-document.js";
import { deleteDocument } from "../../app/documents/delete-document.js";
import { discardStagedFile, type StagedFile, stageFile } from "../../app/documents/file-store.js";
import { listDocuments } from "../../app/documents/list-documents.js";
import { openDocument } from "../../app/documents/open-document.js";
import { DOCUMENT_KINDS } from "../../app/documents/present-document.js";
import { invalidFields } from "../../app/errors.js";
import { orgOf } from "../auth.js";
import { decodeCursor, PageQuery, pageOf, toPage } from "../pagination.js";
import type { RouteDeps } from "../server.js";
import { parseQuery } from "../validation.js";

const Id = z.string().max(64);
const Params = z.object({ id: Id });

const DocumentSchema = z.object({
  id: z.string(),
  kind: z.string(),
  filename: z.string(),
  mime_type: z.string(),
  size_bytes: z.number().int(),
  sha256: z.string(),
  client_id: z.string().nullable(),
  invoice_id: z.string().nullable(),
  created_at: z.string(),
  uploaded_by: z.string().nullable(),
});

/** The text fields of the upload form (the file is the `file` part). */
const UploadFields = z.strictObject({
  kind: z.enum(DOCUMENT_KINDS),
  client_id: Id.optional(),
  invoice_id: Id.optional(),
});

const ListDocumentsQuery = z.strictObject({
  client_id: Id.optional(),
  invoice_id: Id.optional(),
  ...PageQuery,
});

const DocumentCursor = z.object({ at: z.string(), i: z.string() });

/**
 * `attachment` with the name twice: an ASCII fallback and the exact UTF-8 name (RFC 6266 / RFC 5987), so that no
 * character of a user's file name can end the header value or add a parameter.
 */
export function attachmentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export function documentsRoutes(app: FastifyInstance, { ctx, options }: RouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const filesDir = options.filesDir;

  api.get(
    "/api/v1/documents",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["documents"],
        summary: "Documents, newest first (a client's list includes its invoices' documents)",
        querystring: ListDocumentsQuery,
        response: { 200: pageOf(DocumentSchema) },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      const query = request.query;
      const before = query.cursor ? decodeCursor(DocumentCursor, query.cursor) : undefined;
      const rows = await listDocuments({
        ctx,
        org,
        limit: query.limit + 1,
        ...(query.client_id ? { clientId: query.client_id } : {}),
        ...(query.invoice_id ? { invoiceId: query.invoice_id } : {}),
        ...(before ? { before: { created_at: before.at, id: before.i } } : {}),
      });
      return toPage(
        rows,
        query.limit,
        (d) => d,
        (d) => ({ at: d.created_at, i: d.id }),
      );
    },
  );

  api.post(
    "/api/v1/documents",
    {
      config: { access: { permission: "documents:write" } },
      schema: {
        tags: ["documents"],
        summary:
          "Upload a document (multipart: file, kind, client_id?, invoice_id?): PDF, PNG, JPEG, XLSX, CSV or TXT up to 10 MB, content checked",
        response: { 201: DocumentSchema },
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      if (!request.isMultipart()) {
        throw invalidFields([{ path: "file", messageCode: "document.file_required" }]);
      }
      const fields: Record<string, string> = {};
      let staged: StagedFile | undefined;
      let filename = "";
      try {
        for await (const part of request.parts()) {
          if (part.type === "file") {
            if (part.fieldname !== "file") {
              part.file.resume();
              throw invalidFields([
                {
                  path: part.fieldname,
                  messageCode: "http.unknown_field",
                  params: { field: part.fieldname },
                },
              ]);
            }
            filename = part.filename;
            staged = await stageFile({ filesDir, orgId: org.id, stream: part.file });
            // Refuse at once: the next part would raise the parser's own size error.
            if (staged.truncated) break;
          } else if (typeof part.value === "string" && part.value !== "") {
            fields[part.fieldname] = part.value;
          }
        }
        if (!staged) throw invalidFields([{ path: "file", messageCode: "document.file_required" }]);
        const body = parseQuery(UploadFields, fields);
        const document = await addDocument({
          ctx,
          org,
          userId,
          kind: body.kind,
          filename,
          file: staged,
          ...(body.client_id ? { clientId: body.client_id } : {}),
          ...(body.invoice_id ? { invoiceId: body.invoice_id } : {}),
        });
        return reply.status(201).send(document);
      } finally {
        if (staged) await discardStagedFile(staged);
      }
    },
  );

  api.get(
    "/api/v1/documents/:id/content",
    {
      config: { access: { permission: "ledger:read" } },
      schema: { tags: ["documents"], summary: "The document's file, as an attachment", params: Params },
    },
    async (request, reply) => {
      const { org } = orgOf(request);
      const { document, path } = await openDocument({ ctx, org, filesDir, id: request.params.id });
      return reply
        .header("Content-Type", document.mime_type)
        .header("Content-Length", String(document.size_bytes))
        .header("Content-Disposition", attachmentDisposition(document.filename))
        .header("X-Content-Type-Options", "nosniff")
        .send(createReadStream(path));
    },
  );

  api.delete(
    "/api/v1/documents/:id",
    {
      config: { access: { permission: "documents:write" } },
      schema: { tags: ["documents"], summary: "Delete a document (its row, then its file)", params: Params },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      await deleteDocument({ ctx, org, userId, filesDir, id: request.params.id });
      return reply.status(204).send();
    },
  );
}
