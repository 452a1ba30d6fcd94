import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { createClient } from "../../app/clients/create-client.js";
import { getClient } from "../../app/clients/get-client.js";
import { type ClientListAfter, listClients, presentClientListItem } from "../../app/clients/list-clients.js";
import { updateClient } from "../../app/clients/update-client.js";
import { AppError } from "../../app/errors.js";
import { orgOf } from "../auth.js";
import { decodeCursor, PageQuery, pageOf, toPage } from "../pagination.js";
import type { RouteDeps } from "../server.js";

const Id = z.string().max(64);
const ClientKind = z.enum(["business", "consumer", "public"]);
/** Optional text that `null` (or a blank string) clears. */
const text = (max: number) => z.string().max(max).nullable().optional();

export const ContactBody = z.strictObject({
  name: text(200),
  role: text(100),
  email: text(254),
  phone: text(40),
  is_billing: z.boolean().optional(),
});

export const ContactSchema = z.object({
  id: z.string(),
  client_id: z.string(),
  name: z.string().nullable(),
  role: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  is_billing: z.boolean(),
});

const ClientFields = {
  siren: text(20),
  siret: text(30),
  vat_number: text(20),
  address: text(500),
  postal_code: text(20),
  city: text(200),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .optional(),
  language: z.enum(["fr", "en"]).optional(),
  notes: text(10_000),
  tags: z.array(z.string().max(50)).max(50).optional(),
  payment_term: text(100),
  merchant_status: z.enum(["merchant", "non_merchant"]).nullable().optional(),
};

const CreateClientBody = z.strictObject({
  kind: ClientKind,
  name: z.string().trim().min(1).max(200),
  ...ClientFields,
  contacts: z.array(ContactBody).max(50).optional(),
});

const UpdateClientBody = z.strictObject({
  kind: ClientKind.optional(),
  name: z.string().trim().min(1).max(200).optional(),
  ...ClientFields,
  /** One of the organization's dunning sequences; null: the default for the client's kind. */
  dunning_sequence_id: Id.nullable().optional(),
});

/** The payment score (docs/calls.md): 0–100 and its grade, null without history. */
export const ScoreSummary = z.object({
  value: z.number().int().nullable(),
  grade: z.enum(["A", "B", "C", "D"]).nullable(),
});

const ClientListItem = z.object({
  id: z.string(),
  name: z.string(),
  kind: ClientKind,
  siren: z.string().nullable(),
  city: z.string().nullable(),
  outstanding_cents: z.number().int(),
  overdue_cents: z.number().int(),
  open_invoices: z.number().int(),
  overdue_invoices: z.number().int(),
  score: ScoreSummary,
});

const ClientDetail = z.object({
  id: z.string(),
  kind: ClientKind,
  name: z.string(),
  siren: z.string().nullable(),
  siret: z.string().nullable(),
  vat_number: z.string().nullable(),
  address: z.string().nullable(),
  postal_code: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string(),
  language: z.string(),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  hold_kind: z.enum(["dispute", "promise", "manual"]).nullable(),
  hold_until: z.string().nullable(),
  hold_reason: z.string().nullable(),
  payment_term: z.string().nullable(),
  merchant_status: z.enum(["merchant", "non_merchant"]).nullable(),
  dunning_sequence_id: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  contacts: z.array(ContactSchema),
  stats: z.object({
    outstanding_cents: z.number().int(),
    overdue_cents: z.number().int(),
    invoices: z.number().int(),
    paid_invoices: z.number().int(),
    average_days_late: z.number().nullable(),
  }),
  score: ScoreSummary,
});

const ListClientsQuery = z.strictObject({
  q: z.string().max(200).optional(),
  kind: ClientKind.optional(),
  sort: z.enum(["overdue", "name"]).default("name"),
  ...PageQuery,
});

const ClientCursor = z.discriminatedUnion("s", [
  z.object({ s: z.literal("name"), n: z.string(), i: z.string() }),
  z.object({ s: z.literal("overdue"), o: z.number().int(), n: z.string(), i: z.string() }),
]);

function afterCursor(cursor: string, sort: "name" | "overdue"): ClientListAfter {
  const c = decodeCursor(ClientCursor, cursor);
  if (c.s !== sort) throw new AppError("invalid_input", "http.invalid_cursor");
  return c.s === "name"
    ? { sort: "name", name: c.n, id: c.i }
    : { sort: "overdue", overdue_cents: c.o, name: c.n, id: c.i };
}

export function clientsRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/v1/clients",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["clients"],
        summary: "Clients with what they owe, by name or by overdue amount (largest first)",
        querystring: ListClientsQuery,
        response: { 200: pageOf(ClientListItem) },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      const query = request.query;
      const rows = await listClients({
        ctx,
        org,
        sort: query.sort,
        limit: query.limit + 1,
        ...(query.q ? { search: query.q } : {}),
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.cursor ? { after: afterCursor(query.cursor, query.sort) } : {}),
      });
      return toPage(
        rows,
        query.limit,
        presentClientListItem,
        (c): Record<string, string | number> =>
          query.sort === "overdue"
            ? { s: "overdue", o: c.overdue_cents, n: c.name, i: c.id }
            : { s: "name", n: c.name, i: c.id },
      );
    },
  );

  api.post(
    "/api/v1/clients",
    {
      config: { access: { permission: "clients:write" } },
      schema: {
        tags: ["clients"],
        summary: "Create a client (and its contacts); a SIRET implies its SIREN, one client per SIREN",
        body: CreateClientBody,
        response: { 201: ClientDetail },
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      const { contacts, ...client } = request.body;
      const created = await createClient({
        ctx,
        org,
        userId,
        client,
        ...(contacts ? { contacts } : {}),
      });
      return reply.status(201).send(created);
    },
  );

  api.get(
    "/api/v1/clients/:id",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["clients"],
        summary: "A client with its contacts and payment statistics",
        params: z.object({ id: Id }),
        response: { 200: ClientDetail },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      return getClient({ ctx, org, id: request.params.id });
    },
  );

  api.patch(
    "/api/v1/clients/:id",
    {
      config: { access: { permission: "clients:write" } },
      schema: {
        tags: ["clients"],
        summary:
          "Change a client's fields (null clears an optional field); dunning_sequence_id: its own dunning sequence, null for the default of its kind",
        params: z.object({ id: Id }),
        body: UpdateClientBody,
        response: { 200: ClientDetail },
      },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      return updateClient({ ctx, org, userId, id: request.params.id, changes: request.body });
    },
  );
}
