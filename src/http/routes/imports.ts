import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../app/errors.js";
import { importUpload } from "../../app/invoices/import-upload.js";
import { previewImport } from "../../app/invoices/preview-import.js";
import type { UploadedSheet } from "../../app/invoices/uploaded-sheet.js";
import { formatMessage, type Locale, type MessageCode } from "../../core/messages.js";
import { parseMapOption, TRACKING_FIELDS, type TrackingField } from "../../formats/tracking-sheet/index.js";
import { orgOf } from "../auth.js";
import type { RouteDeps } from "../server.js";

/** The upload limit of the multipart configuration (server.ts), for the message. */
const MAX_FILE = { fr: "10 Mo", en: "10 MB" } as const;

const FieldEnum = z.enum(TRACKING_FIELDS as [TrackingField, ...TrackingField[]]);

const RowErrorSchema = z.object({
  line: z.number().int(),
  column: z.string(),
  code: z.string(),
  message: z.string(),
});

const PreviewSchema = z.object({
  headers: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  mapping: z.record(z.string(), FieldEnum.nullable()),
  fields: z.array(FieldEnum),
  errors: z.array(RowErrorSchema),
});

const ReportSchema = z.object({
  imported: z.number().int(),
  skipped: z.number().int(),
  errors: z.array(RowErrorSchema),
  error_count: z.number().int(),
  warnings: z.array(RowErrorSchema),
  clients_created: z.number().int(),
  payments_created: z.number().int(),
  dry_run: z.boolean(),
});

interface SheetForm {
  file: UploadedSheet;
  map?: Record<string, TrackingField>;
  dryRun: boolean;
}

function invalid(locale: Locale, path: string, code: MessageCode, params: Record<string, string> = {}) {
  const message = formatMessage(locale, code, params);
  return new AppError("invalid_input", code, params, [{ path, message }]);
}

/**
 * The multipart form of both import routes: `file` (the sheet), `map` (`Header=field` pairs, as the CLI's
 * `--map`, separated by `|` or new lines, or repeated), `dry_run` ("true"/"false", import only). Any other field
 * is a 400.
 */
async function readSheetForm(request: FastifyRequest, allowed: readonly string[]): Promise<SheetForm> {
  const locale = request.locale;
  if (!request.isMultipart()) throw invalid(locale, "file", "import.multipart_required");
  let file: UploadedSheet | undefined;
  const specs: string[] = [];
  let dryRun: string | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === "file") {
        if (part.fieldname !== "file" || file !== undefined) {
          throw invalid(locale, part.fieldname, "import.unknown_field", { field: part.fieldname });
        }
        file = { filename: part.filename ?? "", content: await part.toBuffer() };
      } else if (!allowed.includes(part.fieldname)) {
        throw invalid(locale, part.fieldname, "import.unknown_field", { field: part.fieldname });
      } else if (part.fieldname === "map") {
        specs.push(...String(part.value).split(/[|\r\n]+/));
      } else if (part.fieldname === "dry_run") {
        dryRun = String(part.value);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "FST_REQ_FILE_TOO_LARGE") {
      throw invalid(locale, "file", "import.file_too_large", { max: MAX_FILE[locale] });
    }
    if (code === "FST_FILES_LIMIT") throw invalid(locale, "file", "import.unknown_field", { field: "file" });
    throw error;
  }
  if (file === undefined) throw invalid(locale, "file", "import.file_required");
  if (dryRun !== undefined && dryRun !== "true" && dryRun !== "false") {
    throw invalid(locale, "dry_run", "import.invalid_dry_run");
  }
  const map = parseMapOption(specs.map((s) => s.trim()).filter((s) => s !== ""));
  if (!map.ok) {
    const message = formatMessage(locale, map.problem.code, map.problem.params);
    throw new AppError("invalid_input", map.problem.code, map.problem.params ?? {}, [
      { path: "map", message },
    ]);
  }
  return {
    file,
    ...(Object.keys(map.value).length > 0 ? { map: map.value } : {}),
    dryRun: dryRun === "true",
  };
}

export function importsRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { ctx } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    "/api/v1/imports/invoices/preview",
    {
      config: { access: { permission: "imports:write" } },
      schema: {
        tags: ["imports"],
        summary:
          "Preview a tracking sheet (multipart: file, map?): headers, first 10 rows, recognised mapping, problems",
        consumes: ["multipart/form-data"],
        response: { 200: PreviewSchema },
      },
    },
    async (request) => {
      const form = await readSheetForm(request, ["map"]);
      return previewImport({
        ctx,
        file: form.file,
        locale: request.locale,
        ...(form.map ? { map: form.map } : {}),
      });
    },
  );

  api.post(
    "/api/v1/imports/invoices",
    {
      config: { access: { permission: "imports:write" } },
      schema: {
        tags: ["imports"],
        summary:
          "Import a tracking sheet or an e-invoice (Factur-X PDF, CII/UBL XML, by content) (multipart: file, map?, dry_run?): all or nothing; 400 with every problem in details",
        consumes: ["multipart/form-data"],
        response: { 200: ReportSchema },
      },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      const form = await readSheetForm(request, ["map", "dry_run"]);
      return importUpload({
        ctx,
        org,
        userId,
        file: form.file,
        dryRun: form.dryRun,
        locale: request.locale,
        ...(form.map ? { map: form.map } : {}),
      });
    },
  );
}
