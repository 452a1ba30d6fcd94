import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { discardStagedFile, stageFile } from "../../app/documents/file-store.js";
import { invalidFields } from "../../app/errors.js";
import type { DisputeAttachment } from "../../app/portal/dispute-attachment.js";
import { parseQuery } from "../validation.js";

const DisputeFields = z.strictObject({ reason: z.string().trim().min(1).max(2000) });

/**
 * « Contester » sent as multipart/form-data (the portal's form with a file): the field `reason` and at most one
 * file `file`, staged in the organization's folder (file-store.ts: a temporary name, hashed and scanned as it
 * streams). The caller checks it and discards what is left; on a refusal here the staged file is removed.
 */
export async function readDisputeForm(
  request: FastifyRequest,
  filesDir: string,
  orgId: string,
): Promise<{ reason: string; attachment?: DisputeAttachment }> {
  const fields: Record<string, string> = {};
  let attachment: DisputeAttachment | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === "file") {
        if (part.fieldname !== "file" || attachment) {
          part.file.resume();
          throw invalidFields([
            { path: part.fieldname, messageCode: "http.unknown_field", params: { field: part.fieldname } },
          ]);
        }
        const file = await stageFile({ filesDir, orgId, stream: part.file });
        attachment = { filename: part.filename, file };
        // refuse at once: the next part would raise the parser's own size error
        if (file.truncated) break;
      } else if (typeof part.value === "string" && part.value !== "") {
        fields[part.fieldname] = part.value;
      }
    }
    // an empty file input sends a part with no name and no bytes: no attachment
    if (attachment && attachment.filename === "" && attachment.file.size === 0) {
      await discardStagedFile(attachment.file);
      attachment = undefined;
    }
    const { reason } = parseQuery(DisputeFields, fields);
    return attachment ? { reason, attachment } : { reason };
  } catch (error) {
    if (attachment) await discardStagedFile(attachment.file);
    throw error;
  }
}
