import type { FastifyInstance } from "fastify";
import type { RouteDeps } from "../server.js";

export function paymentsRoutes(_app: FastifyInstance, _deps: RouteDeps): void {}
