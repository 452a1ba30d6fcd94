import { createReadStream } from "node:fs";
import { copyFile, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { findClientByReference } from "../../app/clients/find-client-by-reference.js";
import { addDocument, MAX_DOCUMENT_BYTES } from "../../app/documents/add-document.js";
import { stageFile } from "../../app/documents/file-store.js";
import { listDocuments } from "../../app/documents/list-documents.js";
import { openDocument } from "../../app/documents/open-document.js";
import { DOCUMENT_KINDS, type DocumentDto, type DocumentKind } from "../../app/documents/present-document.js";
import { AppError, invalidFields } from "../../app/errors.js";
import { formatMessage, type MessageCode } from "../../core/messages.js";
import { findInvoiceClient } from "../../db/repositories/clients.js";
import { findInvoicesByNumber } from "../../db/repositories/invoices.js";
import type { Organization } from "../../db/schema.js";
import { withRuntime } from "../command.js";
import { filesDir } from "../files-dir.js";
import { formatTable, printJson, printLine } from "../output.js";
import type { Runtime } from "../runtime.js";

/** The invoice of that number (of that client when given); several clients with the number: name the client. */
async function invoiceByNumber(rt: Runtime, org: Organization, number: string, clientId?: string) {
  let found = await findInvoicesByNumber(rt.ctx.db, org.id, number);
  if (clientId) found = found.filter((i) => i.client_id === clientId);
  const [first, ...others] = found;
  if (!first) throw new AppError("not_found", "invoice.not_found", { number });
  if (others.length > 0) {
    throw new AppError("invalid_input", "invoice.ambiguous", {
      number,
      clients: found.map((c) => c.client_name).join(", "),
    });
  }
  return first;
}

export function registerDocuments(program: Command): void {
  const documents = program
    .command("documents")
    .description("the client file: delivery notes, contracts… / le dossier client : pièces justificatives");

  documents
    .command("add <file>")
    .description("add a document to a client's file or an invoice / ajouter une pièce au dossier")
    .option("--client <client>", "the client (name, SIREN or id)")
    .option("--invoice <number>", "the invoice it belongs to")
    .option("--kind <kind>", DOCUMENT_KINDS.join(" | "), "other")
    .action(
      withRuntime(
        async (rt, env, file: string, opts: { client?: string; invoice?: string; kind: string }) => {
          if (!DOCUMENT_KINDS.includes(opts.kind as DocumentKind)) {
            throw new AppError("invalid_input", "document.invalid_kind", {
              value: opts.kind,
              allowed: DOCUMENT_KINDS.join(", "),
            });
          }
          if (!opts.client && !opts.invoice) throw new AppError("invalid_input", "document.target_required");
          const path = resolve(file);
          const info = await stat(path).catch(() => null);
          if (!info?.isFile()) throw new AppError("not_found", "file.not_found", { path: file });
          // refused before copying anything: the same rule as the upload's
          if (info.size > MAX_DOCUMENT_BYTES) {
            throw invalidFields([
              {
                path: "file",
                messageCode: "document.too_large",
                params: { max: MAX_DOCUMENT_BYTES / 1048576 },
              },
            ]);
          }
          const org = await rt.organization();
          const client = opts.client
            ? await findClientByReference({ ctx: rt.ctx, org, reference: opts.client })
            : undefined;
          const invoice = opts.invoice ? await invoiceByNumber(rt, org, opts.invoice, client?.id) : undefined;
          const staged = await stageFile({
            filesDir: filesDir(rt.handle),
            orgId: org.id,
            stream: createReadStream(path),
          });
          const doc = await addDocument({
            ctx: rt.ctx,
            org,
            userId: null,
            kind: opts.kind as DocumentKind,
            filename: basename(path),
            file: staged,
            ...(client ? { clientId: client.id } : {}),
            ...(invoice ? { invoiceId: invoice.id } : {}),
          });
          if (env.json) return printJson(doc);
          printLine(
            formatMessage(env.locale, "document.cli_added", {
              kind: formatMessage(env.locale, `document.kind.${opts.kind as DocumentKind}`),
              client: client?.name ?? invoice?.client_name ?? "",
              filename: doc.filename,
              id: doc.id,
            }),
          );
        },
      ),
    );

  documents
    .command("list")
    .description("list documents, newest first / liste des pièces")
    .option("--client <client>", "a client's documents (its invoices' included)")
    .option("--invoice <number>", "an invoice's documents")
    .action(
      withRuntime(async (rt, env, opts: { client?: string; invoice?: string }) => {
        const org = await rt.organization();
        const client = opts.client
          ? await findClientByReference({ ctx: rt.ctx, org, reference: opts.client })
          : undefined;
        const invoice = opts.invoice ? await invoiceByNumber(rt, org, opts.invoice, client?.id) : undefined;
        const all: DocumentDto[] = [];
        let before: { created_at: string; id: string } | undefined;
        for (;;) {
          const page = await listDocuments({
            ctx: rt.ctx,
            org,
            limit: 1000,
            ...(client ? { clientId: client.id } : {}),
            ...(invoice ? { invoiceId: invoice.id } : {}),
            ...(before ? { before } : {}),
          });
          all.push(...page);
          const last = page.at(-1);
          if (!last || page.length < 1000) break;
          before = { created_at: last.created_at, id: last.id };
        }
        if (env.json) return printJson(all);
        if (all.length === 0) return printLine(formatMessage(env.locale, "document.cli_none"));
        const numbers = new Map<string, string>();
        for (const id of new Set(all.flatMap((d) => (d.invoice_id ? [d.invoice_id] : [])))) {
          const found = await findInvoiceClient(rt.ctx.db, org.id, id);
          if (found) numbers.set(id, found.number);
        }
        const t = (code: MessageCode) => formatMessage(env.locale, code);
        const kindLabel = (kind: string) =>
          DOCUMENT_KINDS.includes(kind as DocumentKind)
            ? formatMessage(env.locale, `document.kind.${kind as DocumentKind}`)
            : kind;
        printLine(
          formatTable(
            [
              { title: "id" },
              { title: t("document.col.kind") },
              { title: t("document.col.file") },
              { title: t("document.col.invoice") },
              { title: t("document.col.added") },
            ],
            all.map((d) => [
              d.id,
              kindLabel(d.kind),
              d.filename,
              d.invoice_id ? (numbers.get(d.invoice_id) ?? "") : "",
              d.created_at.slice(0, 10),
            ]),
          ),
        );
      }),
    );

  documents
    .command("get <id> <out-file>")
    .description("write a document's file / enregistrer le fichier d'une pièce")
    .action(
      withRuntime(async (rt, env, id: string, out: string) => {
        const org = await rt.organization();
        const { document, path } = await openDocument({
          ctx: rt.ctx,
          org,
          filesDir: filesDir(rt.handle),
          id,
        });
        const target = resolve(out);
        // written beside the target then renamed: never a half-written file under the name asked for
        const temp = join(dirname(target), `.${basename(target)}.${process.pid}.part`);
        try {
          await copyFile(path, temp);
          await rename(temp, target);
        } catch (error) {
          await rm(temp, { force: true });
          throw new AppError("invalid_input", "document.cli_write_failed", {
            path: out,
            reason: error instanceof Error ? error.message : String(error),
          });
        }
        if (env.json) return printJson({ ...document, path: target });
        printLine(
          formatMessage(env.locale, "document.cli_saved", {
            filename: document.filename,
            path: target,
            size: document.size_bytes,
            sha256: document.sha256,
          }),
        );
      }),
    );
}
