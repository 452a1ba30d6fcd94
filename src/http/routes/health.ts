import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import type { AppContext } from "../../app/context.js";

export function healthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get("/api/health", async (_request, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      return { status: "ok", database: ctx.dialect };
    } catch {
      return reply.status(503).send({ status: "unavailable", database: ctx.dialect });
    }
  });
}
