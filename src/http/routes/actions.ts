import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { addNote } from "../../app/actions/add-note.js";
import { listActions } from "../../app/actions/list-actions.js";
import { invalidFields } from "../../app/errors.js";
import { parseIsoDate } from "../../core/calendar.js";
import { orgOf } from "../auth.js";
import { decodeCursor, PageQuery, pageOf, toPage } from "../pagination.js";
import type { RouteDeps } from "../server.js";

const Id = z.string().max(64);

const ActionSchema = z.object({
  id: z.string(),
  kind: z.string(),
  occurred_on: z.string(),
  occurred_at: z.string(),
  summary: z.string(),
  client_id: z.string().nullable(),
  invoice_id: z.string().nullable(),
  invoice_number: z.string().nullable(),
  /** The invoices the entry is about: its own, or those a client's entry names (a plan, a promise). */
  invoice_numbers: z.array(z.string()),
  user_name: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

const ListActionsQuery = z.strictObject({
  client_id: Id.optional(),
  invoice_id: Id.optional(),
  /** One kind or a comma-separated list. */
  kind: z.string().max(500).optional(),
  ...PageQuery,
});

const AddActionBody = z.strictObject({
  /** acknowledgement (reconnaissance de dette), court_claim, enforcement: they interrupt prescription. */
  kind: z.enum(["note", "call", "acknowledgement", "court_claim", "enforcement"]),
  client_id: Id.optional(),
  invoice_id: Id.optional(),
  summary: z.string().trim().min(1).max(2000),
  occurred_on: z.string().max(10).optional(),
});

const ActionCursor = z.object({ at: z.string(), i: z.string() });

export function actionsRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/v1/actions",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["timeline"],
        summary: "The timeline, newest first (a client's includes its invoices' actions)",
        querystring: ListActionsQuery,
        response: { 200: pageOf(ActionSchema) },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      const query = request.query;
      const kinds = query.kind
        ?.split(",")
        .map((k) => k.trim())
        .filter((k) => k !== "");
      const before = query.cursor ? decodeCursor(ActionCursor, query.cursor) : undefined;
      const rows = await listActions({
        ctx,
        org,
        limit: query.limit + 1,
        ...(query.client_id ? { clientId: query.client_id } : {}),
        ...(query.invoice_id ? { invoiceId: query.invoice_id } : {}),
        ...(kinds && kinds.length > 0 ? { kinds } : {}),
        ...(before ? { before: { occurred_at: before.at, id: before.i } } : {}),
      });
      return toPage(
        rows,
        query.limit,
        (a) => a,
        (a) => ({ at: a.occurred_at, i: a.id }),
      );
    },
  );

  api.post(
    "/api/v1/actions",
    {
      config: { access: { permission: "actions:write" } },
      schema: {
        tags: ["timeline"],
        summary: "Write a note or a call on the timeline of a client or an invoice",
        body: AddActionBody,
        response: { 201: ActionSchema },
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      const body = request.body;
      let occurredOn: ReturnType<typeof parseIsoDate> | undefined;
      if (body.occurred_on !== undefined) {
        occurredOn = parseIsoDate(body.occurred_on);
        if (!occurredOn.ok) {
          const { code, params } = occurredOn.problem;
          throw invalidFields([{ path: "occurred_on", messageCode: code, params: params ?? {} }]);
        }
      }
      const action = await addNote({
        ctx,
        org,
        userId,
        kind: body.kind,
        summary: body.summary,
        ...(body.client_id ? { clientId: body.client_id } : {}),
        ...(body.invoice_id ? { invoiceId: body.invoice_id } : {}),
        ...(occurredOn?.ok ? { occurredOn: occurredOn.value } : {}),
      });
      return reply.status(201).send(action);
    },
  );
}
