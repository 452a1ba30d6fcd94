import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { listClients } from "../../app/clients/list-clients.js";
import { orgOf } from "../auth.js";
import type { RouteDeps } from "../server.js";
import { parseQuery } from "../validation.js";

const ListClientsQuery = z.strictObject({
  search: z.string().max(200).optional(),
  sort: z.enum(["name", "overdue"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export function clientsRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  app.get("/api/v1/clients", { config: { access: { permission: "ledger:read" } } }, async (request) => {
    const query = parseQuery(ListClientsQuery, request.query);
    const { org } = orgOf(request);
    const data = await listClients({
      ctx,
      org,
      limit: query.limit + 1,
      offset: query.offset,
      ...(query.search ? { search: query.search } : {}),
      ...(query.sort ? { sort: query.sort } : {}),
    });
    const more = data.length > query.limit;
    return { data: data.slice(0, query.limit), next_offset: more ? query.offset + query.limit : null };
  });
}
