import type { FastifyError, FastifyInstance } from "fastify";
import { type ErrorCode, isAppError } from "../app/errors.js";
import type { Locale } from "../core/messages.js";

/** HTTP status of each application error code, one place. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  no_organization: 404,
  unauthorized: 401,
  forbidden: 403,
  internal: 500,
};

export interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

/** Every error leaves as `{ error: { code, message, details } }`; internals are logged, never shown. */
export function installErrorHandler(app: FastifyInstance, locale: Locale): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isAppError(error)) {
      const body: ErrorBody = {
        error: { code: error.code, message: error.localized(locale), details: error.details ?? null },
      };
      return reply.status(HTTP_STATUS[error.code]).send(body);
    }
    if (error.validation || (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)) {
      const body: ErrorBody = {
        error: { code: "invalid_input", message: error.message, details: error.validation ?? null },
      };
      return reply.status(error.statusCode ?? 400).send(body);
    }
    request.log.error({ err: error }, "request failed");
    const body: ErrorBody = { error: { code: "internal", message: "Internal error", details: null } };
    return reply.status(500).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = {
      error: { code: "not_found", message: `No route ${request.method} ${request.url}`, details: null },
    };
    return reply.status(404).send(body);
  });
}
