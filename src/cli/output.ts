import { type AppError, type ErrorCode, isAppError } from "../app/errors.js";
import { formatMessage, type Locale } from "../core/messages.js";

/** Exit codes, one place: 0 success, 1 internal failure, 2 bad input, 3 not found, 4 conflict, 5 no organization. */
export const EXIT_CODES: Record<ErrorCode, number> = {
  invalid_input: 2,
  not_found: 3,
  conflict: 4,
  no_organization: 5,
  unauthorized: 6,
  forbidden: 6,
  rate_limited: 1,
  internal: 1,
};

export class CliExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints a JSON array item by item, so a ledger of a million invoices never sits in one string. */
export async function printJsonArray(items: AsyncIterable<unknown>): Promise<void> {
  let first = true;
  let chunk = "[";
  for await (const item of items) {
    chunk += `${first ? "\n" : ",\n"}  ${JSON.stringify(item)}`;
    first = false;
    if (chunk.length > 1 << 16) {
      if (!process.stdout.write(chunk)) await new Promise((r) => process.stdout.once("drain", r));
      chunk = "";
    }
  }
  process.stdout.write(`${chunk}${first ? "" : "\n"}]\n`);
}

/** Walks a keyset-paginated list: `fetch(after)` returns the page following `after`. */
export async function* pages<T extends { due_date: string; id: string }>(
  fetch: (after?: { due_date: string; id: string }) => Promise<T[]>,
): AsyncGenerator<T> {
  let after: { due_date: string; id: string } | undefined;
  for (;;) {
    const page = await fetch(after);
    yield* page;
    const last = page.at(-1);
    if (!last) return;
    after = { due_date: last.due_date, id: last.id };
  }
}

export function printLine(text = ""): void {
  process.stdout.write(`${text}\n`);
}

/** Reports an error on stderr (as JSON with --json) and returns the exit code. */
export function reportError(error: unknown, locale: Locale, json: boolean): number {
  if (error instanceof CliExit) return error.exitCode;
  if (isAppError(error)) return reportAppError(error, locale, json);
  const message = error instanceof Error ? error.message : String(error);
  const text = formatMessage(locale, "cli.internal_error", { message });
  if (json) process.stderr.write(`${JSON.stringify({ error: { code: "internal", message: text } })}\n`);
  else process.stderr.write(`${text}\n`);
  if (process.env.RELANCE_DEBUG && error instanceof Error && error.stack)
    process.stderr.write(`${error.stack}\n`);
  return EXIT_CODES.internal;
}

function reportAppError(error: AppError, locale: Locale, json: boolean): number {
  const message = error.localized(locale);
  if (json) {
    const body = { error: { code: error.code, message, details: error.details ?? null } };
    process.stderr.write(`${JSON.stringify(body)}\n`);
  } else {
    process.stderr.write(`${formatMessage(locale, "cli.error_prefix")} ${message}\n`);
  }
  return EXIT_CODES[error.code];
}

/** A plain-text table with aligned columns; numeric columns (right: true) are right-aligned. */
export function formatTable(headers: { title: string; right?: boolean }[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.title.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (headers[i]?.right ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(headers.map((h) => h.title)), line(widths.map((w) => "─".repeat(w))), ...rows.map(line)].join(
    "\n",
  );
}
