import type { FastifyError, FastifyInstance, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { z } from "zod";
import { type ErrorCode, type FieldProblem, isAppError } from "../app/errors.js";
import { formatMessage, type Locale } from "../core/messages.js";

/** HTTP status of each application error code, one place. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  no_organization: 404,
  unauthorized: 401,
  forbidden: 403,
  rate_limited: 429,
  internal: 500,
};

export interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

const ZOD_LOCALES = { fr: z.locales.fr(), en: z.locales.en() } as const;

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** The value at a path of the validated part of the request (zod issues do not carry it). */
function valueAt(root: unknown, path: string[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function validatedPart(request: FastifyRequest, context: string | undefined): unknown {
  switch (context) {
    case "body":
      return request.body;
    case "querystring":
      return request.query;
    case "params":
      return request.params;
    case "headers":
      return request.headers;
    default:
      return undefined;
  }
}

/** zod issues as `{ path: "lines.0.quantity", message }`, worded in the request's language. */
function validationDetails(
  issues: ValidationIssue[],
  context: string | undefined,
  locale: Locale,
  request: FastifyRequest,
) {
  const part = validatedPart(request, context);
  return issues.map((issue) => {
    const path = issue.instancePath.split("/").filter(Boolean);
    // The input lets "expected string, received number" name what was received.
    const input = valueAt(part, path);
    const raw = { code: issue.keyword, path, input, ...(issue.params ?? {}) } as unknown as Parameters<
      (typeof ZOD_LOCALES)["fr"]["localeError"]
    >[0];
    const worded = ZOD_LOCALES[locale].localeError(raw);
    const message = typeof worded === "string" ? worded : (worded?.message ?? issue.message ?? "invalid");
    const keys =
      issue.keyword === "unrecognized_keys" ? ((issue.params?.keys as string[] | undefined) ?? []) : [];
    const where = keys.length > 0 ? [...path, keys.join(",")] : path;
    return { path: where.join("."), message, ...(context ? { in: context } : {}) };
  });
}

function send(
  reply: { status(n: number): { send(b: ErrorBody): unknown } },
  status: number,
  body: ErrorBody,
) {
  return reply.status(status).send(body);
}

/** Fastify's own client errors, as ours: bad JSON and oversized bodies are 400 with the error shape. */
function clientError(
  error: FastifyError,
  request: FastifyRequest,
): { status: number; body: ErrorBody } | null {
  const locale = request.locale ?? "fr";
  const make = (status: number, message: string, details: unknown = null) => ({
    status,
    body: { error: { code: "invalid_input", message, details } },
  });
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
    case "FST_REQ_FILE_TOO_LARGE":
    case "FST_FILES_LIMIT":
    case "FST_PARTS_LIMIT":
      return make(
        400,
        formatMessage(locale, "http.body_too_large", { limit: request.routeOptions.bodyLimit ?? 0 }),
      );
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return make(
        415,
        formatMessage(locale, "http.unsupported_media_type", {
          type: request.headers["content-type"] ?? "—",
        }),
      );
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return make(400, formatMessage(locale, "http.invalid_json"));
  }
  if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
    return make(400, formatMessage(locale, "http.invalid_json"));
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return make(error.statusCode === 413 ? 400 : error.statusCode, error.message);
  }
  return null;
}

/** Field problems (`{ path, messageCode, params }`, see invalidFields) worded in the request's language. */
function localizedDetails(details: unknown, locale: Locale): unknown {
  if (!Array.isArray(details)) return details ?? null;
  return details.map((d: unknown) => {
    if (typeof d !== "object" || d === null || !("messageCode" in d)) return d;
    const { messageCode, params, ...rest } = d as FieldProblem;
    return { ...rest, message: formatMessage(locale, messageCode, params ?? {}) };
  });
}

/** Every error leaves as `{ error: { code, message, details } }`; internals are logged, never shown. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const locale = request.locale ?? "fr";
    if (isAppError(error)) {
      if (error.code === "rate_limited" && typeof error.params.seconds === "number") {
        reply.header("Retry-After", String(error.params.seconds));
      }
      return send(reply, HTTP_STATUS[error.code], {
        error: {
          code: error.code,
          message: error.localized(locale),
          details: localizedDetails(error.details, locale),
        },
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = validationDetails(
        error.validation as ValidationIssue[],
        error.validationContext,
        locale,
        request,
      );
      const first = details[0];
      const sep = locale === "fr" ? " : " : ": "; // French puts a space before the colon
      const message = `${formatMessage(locale, "http.invalid_request")}${first ? `${sep}${first.path ? `${first.path}${sep}` : ""}${first.message}` : ""}`;
      return send(reply, 400, { error: { code: "invalid_input", message, details } });
    }
    const client = clientError(error, request);
    if (client) return send(reply, client.status, client.body);
    request.log.error({ err: error }, "request failed");
    return send(reply, 500, {
      error: { code: "internal", message: formatMessage(locale, "http.internal"), details: null },
    });
  });
  app.setNotFoundHandler((request, reply) => {
    return send(reply, 404, {
      error: {
        code: "not_found",
        message: formatMessage(request.locale ?? "fr", "http.no_route", {
          method: request.method,
          path: (request.url.split("?")[0] ?? "").slice(0, 200),
        }),
        details: null,
      },
    });
  });
}
