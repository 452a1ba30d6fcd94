import { formatMessage, type Locale, type MessageCode } from "../core/messages.js";

/**
 * The one coded error of the application. Expected outcomes are values; an AppError is a request that cannot be
 * carried out. Its code maps to an HTTP status (http/errors.ts) and a CLI exit code (cli/output.ts), each in one
 * place; its message is a catalogue entry, rendered in the user's language at the edge.
 */
export type ErrorCode =
  | "invalid_input"
  | "not_found"
  | "conflict"
  | "no_organization"
  | "unauthorized"
  | "forbidden"
  | "rate_limited"
  | "internal";

export type MessageParams = Record<string, string | number>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageCode: MessageCode;
  readonly params: MessageParams;
  readonly details: unknown;

  constructor(code: ErrorCode, messageCode: MessageCode, params: MessageParams = {}, details?: unknown) {
    super(formatMessage("en", messageCode, params));
    this.name = "AppError";
    this.code = code;
    this.messageCode = messageCode;
    this.params = params;
    this.details = details;
  }

  localized(locale: Locale): string {
    return formatMessage(locale, this.messageCode, this.params);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** A problem with one input field; `details` of an `invalid_input` error, worded at the edge in the caller's language. */
export interface FieldProblem {
  path: string;
  messageCode: MessageCode;
  params?: MessageParams;
}

/** An `invalid_input` error listing every field problem (`details: [{ path, message }]` over HTTP). */
export function invalidFields(problems: [FieldProblem, ...FieldProblem[]]): AppError {
  const [first] = problems;
  return new AppError("invalid_input", first.messageCode, first.params ?? {}, problems);
}
