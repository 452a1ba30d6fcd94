import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import PDFDocument from "pdfkit";
import type { AppContext } from "../../src/app/context.js";
import { newId } from "../../src/db/ids.js";
import type { Organization } from "../../src/db/schema.js";

const AT = "2026-01-01T00:00:00.000Z";

/** A tiny real PDF whose text is `text`. */
export function tinyPdf(text: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ info: { CreationDate: new Date(Date.UTC(2026, 0, 1)) } });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.text(text);
    doc.end();
  });
}

export const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);

/** A document row of the client with its file written where the file store keeps it. */
export async function storeDocument(
  ctx: AppContext,
  org: Organization,
  filesDir: string,
  fields: { clientId: string; kind: string; filename: string; mime: string; content: Buffer; at?: string },
): Promise<string> {
  const id = newId();
  const key = newId();
  mkdirSync(join(filesDir, org.id), { recursive: true });
  writeFileSync(join(filesDir, org.id, key), fields.content);
  await ctx.db
    .insertInto("document")
    .values({
      id,
      organization_id: org.id,
      client_id: fields.clientId,
      invoice_id: null,
      kind: fields.kind,
      filename: fields.filename,
      mime_type: fields.mime,
      size_bytes: fields.content.length,
      sha256: "0".repeat(64),
      storage_key: key,
      uploaded_by_user_id: null,
      created_at: fields.at ?? AT,
      updated_at: fields.at ?? AT,
    })
    .execute();
  return id;
}

/** A message sent to the client: a reminder e-mail, or a registered letter (mise en demeure) with its dates. */
export async function sentMessage(
  ctx: AppContext,
  org: Organization,
  fields: {
    clientId: string;
    channel: "email" | "registered_letter";
    sentOn: string;
    documentId?: string | null;
    letter?: { number: string; sent_on: string; received_on: string | null };
  },
): Promise<void> {
  await ctx.db
    .insertInto("outbox")
    .values({
      id: newId(),
      organization_id: org.id,
      client_id: fields.clientId,
      step_id: null,
      channel: fields.channel,
      idempotency_key: newId(),
      state: "sent",
      planned_on: fields.sentOn,
      invoices: "[]",
      recipients: "[]",
      subject: "Relance",
      text_body: "Bonjour",
      html_body: null,
      next_attempt_at: null,
      lease_until: null,
      lease_owner: null,
      last_error: null,
      message_id: null,
      transport: fields.channel === "email" ? "local" : "letter",
      sent_at: `${fields.sentOn}T09:00:00.000Z`,
      cancel_reason: null,
      document_id: fields.documentId ?? null,
      approved_by_user_id: null,
      letter: JSON.stringify(fields.letter ? { ...fields.letter, presented_on: null } : {}),
      created_at: AT,
      updated_at: AT,
    })
    .execute();
}
