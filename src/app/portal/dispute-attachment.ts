import { checkContent, extensionOf, sanitizeFilename } from "../../core/documents/file-check.js";
import { MAX_DOCUMENT_BYTES } from "../documents/add-document.js";
import type { StagedFile } from "../documents/file-store.js";
import { invalidFields } from "../errors.js";

/** What a client may attach to a dispute on the portal: a PDF or a photo (the extension, then the first bytes). */
const PORTAL_ATTACHMENT_TYPES = { pdf: "pdf", png: "png", jpg: "jpeg", jpeg: "jpeg" } as const;

/** A file sent with « Contester », staged (file-store.ts) and not yet a document. */
export interface DisputeAttachment {
  /** The name the browser sent; kept for display only, sanitized. */
  filename: string;
  file: StagedFile;
}

/**
 * Checks a dispute's attachment as add-document does (size up to 10 MiB, extension, actual content), limited to
 * PDF, PNG and JPEG; throws a 400 with the file's problem before anything is written. Returns the display name.
 */
export function checkDisputeAttachment(attachment: DisputeAttachment): string {
  const { file } = attachment;
  const filename = sanitizeFilename(attachment.filename);
  if (file.truncated || file.size > MAX_DOCUMENT_BYTES) {
    const max = MAX_DOCUMENT_BYTES / (1024 * 1024);
    throw invalidFields([{ path: "file", messageCode: "document.too_large", params: { max } }]);
  }
  const extension = extensionOf(filename);
  const type = PORTAL_ATTACHMENT_TYPES[extension as keyof typeof PORTAL_ATTACHMENT_TYPES];
  if (!type) {
    const params = { extension: extension ? `.${extension}` : filename };
    throw invalidFields([{ path: "file", messageCode: "portal.attachment_type", params }]);
  }
  const checked = checkContent(type, file.facts, filename);
  if (!checked.ok) {
    throw invalidFields([
      { path: "file", messageCode: checked.problem.code, params: checked.problem.params ?? {} },
    ]);
  }
  return filename;
}
