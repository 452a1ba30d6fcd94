import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { AppError } from "../../app/errors.js";
import { listInvoices } from "../../app/invoices/list-invoices.js";
import { orgOf } from "../auth.js";
import type { RouteDeps } from "../server.js";
import { parseQuery } from "../validation.js";

const ListInvoicesQuery = z.strictObject({
  overdue: z.enum(["true", "false"]).optional(),
  status: z.enum(["open", "partially_paid", "paid", "cancelled", "written_off"]).optional(),
  client_id: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});

/** Cursors are opaque: base64url of the last row's (due_date, id). */
function decodeCursor(cursor: string): { due_date: string; id: string } {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    const parsed = z.object({ due_date: z.string(), id: z.string() }).parse(value);
    return parsed;
  } catch {
    throw new AppError("invalid_input", "http.invalid_cursor");
  }
}

function encodeCursor(row: { due_date: string; id: string }): string {
  return Buffer.from(JSON.stringify({ due_date: row.due_date, id: row.id })).toString("base64url");
}

export function invoicesRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  app.get("/api/v1/invoices", { config: { access: { permission: "ledger:read" } } }, async (request) => {
    const query = parseQuery(ListInvoicesQuery, request.query);
    const { org } = orgOf(request);
    const rows = await listInvoices({
      ctx,
      org,
      limit: query.limit + 1,
      ...(query.overdue === "true" ? { overdue: true } : {}),
      ...(query.status ? { status: [query.status] } : {}),
      ...(query.client_id ? { clientId: query.client_id } : {}),
      ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}),
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { data: page, next_cursor: rows.length > query.limit && last ? encodeCursor(last) : null };
  });
}
