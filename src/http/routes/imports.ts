import type { FastifyInstance } from "fastify";
import type { RouteDeps } from "../server.js";

export function importsRoutes(_app: FastifyInstance, _deps: RouteDeps): void {}
