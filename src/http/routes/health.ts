import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import type { RouteDeps } from "../server.js";

export function healthRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  app.get(
    "/api/health",
    { schema: { tags: ["health"], summary: "Answers when the database is reachable" } },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(ctx.db);
        return { status: "ok", database: ctx.dialect };
      } catch {
        return reply.status(503).send({ status: "unavailable", database: ctx.dialect });
      }
    },
  );
}
