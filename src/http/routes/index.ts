import type { FastifyInstance } from "fastify";
import type { RouteDeps } from "../server.js";
import { authRoutes } from "./auth.js";
import { clientsRoutes } from "./clients.js";
import { healthRoutes } from "./health.js";
import { invoicesRoutes } from "./invoices.js";
import { sessionRoutes } from "./session.js";

/** Every API route, one module per capability. */
export function apiRoutes(app: FastifyInstance, deps: RouteDeps): void {
  healthRoutes(app, deps);
  authRoutes(app, deps);
  sessionRoutes(app, deps);
  clientsRoutes(app, deps);
  invoicesRoutes(app, deps);
}
