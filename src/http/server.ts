import Fastify, { type FastifyInstance } from "fastify";
import type { AppContext } from "../app/context.js";
import { installErrorHandler } from "./errors.js";
import { clientsRoutes } from "./routes/clients.js";
import { healthRoutes } from "./routes/health.js";
import { homeRoutes } from "./routes/home.js";
import { invoicesRoutes } from "./routes/invoices.js";

/** Builds the HTTP server (not listening): tests drive it in-process with `inject`. */
export function buildServer(ctx: AppContext): FastifyInstance {
  const app = Fastify({
    loggerInstance: ctx.log,
    bodyLimit: 1024 * 1024,
  }) as unknown as FastifyInstance;
  app.addHook("onSend", async (_request, reply) => {
    reply.header("X-Content-Type-Options", "nosniff");
    reply.header("X-Frame-Options", "DENY");
    reply.header("Referrer-Policy", "same-origin");
    reply.header(
      "Content-Security-Policy",
      "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    );
  });
  installErrorHandler(app, ctx.locale);
  healthRoutes(app, ctx);
  homeRoutes(app, ctx);
  clientsRoutes(app, ctx);
  invoicesRoutes(app, ctx);
  return app;
}
