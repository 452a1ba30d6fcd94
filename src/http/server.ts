import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import Fastify, { type FastifyInstance, LogController } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { AppContext } from "../app/context.js";
import { installAuth } from "./auth.js";
import { installErrorHandler } from "./errors.js";
import { installOpenApi } from "./openapi.js";
import { type RateLimits, rateLimits } from "./rate-limit.js";
import { apiRoutes } from "./routes/index.js";
import { installWebApp } from "./web.js";

export interface ServerOptions {
  /** `open`: anyone may sign up (a new organization each); `first_user`: only the first account, then invitations. */
  signup: "open" | "first_user";
  /** Show the demo owner's credentials on the login page (only to loopback requests). */
  demo: boolean;
  /** Where uploaded documents are stored (`./data/files` by default). */
  filesDir: string;
  /** The public address used in invitation links; by default the request's own host. */
  publicUrl?: string;
  /** Trust X-Forwarded-* headers (only behind a reverse proxy you control). */
  trustProxy?: boolean;
  /** Serve the built web app (false in API-only tests). */
  web?: boolean;
}

export interface RouteDeps {
  ctx: AppContext;
  options: ServerOptions;
  /** The rate limits, counted in the database: shared by every process on it (rate-limit.ts). */
  limits: RateLimits;
}

export const SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; " +
    "frame-ancestors 'none'",
} as const;

/** Sent on https answers only (a browser ignores it over http): one year, subdomains included (ASVS 3.4.1, L2). */
export const HSTS = "max-age=31536000; includeSubDomains";

/** Builds the HTTP server (not listening): tests drive it in-process with `inject`. */
export async function buildServer(ctx: AppContext, options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log,
    bodyLimit: 1024 * 1024,
    // Fastify's own request logs carry the whole URL, query string included; ours below redact it.
    logController: new LogController({ disableRequestLogging: true }),
    // Behind a TLS-terminating reverse proxy, RELANCE_TRUST_PROXY=1 makes cookies Secure and links https.
    trustProxy: options.trustProxy ?? false,
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook("onSend", async (request, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    if (request.protocol === "https") reply.header("Strict-Transport-Security", HSTS);
    if (request.url.startsWith("/api/v1/")) reply.header("Cache-Control", "no-store");
  });
  app.addHook("onResponse", async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: loggedUrl(request.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      "request",
    );
  });
  installErrorHandler(app);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 20, parts: 25 } });
  await installOpenApi(app);
  installAuth(app, ctx);
  const deps: RouteDeps = {
    ctx,
    options,
    limits: rateLimits(ctx),
  };
  await app.register(async (api) => apiRoutes(api, deps));
  if (options.web !== false) await installWebApp(app);
  return app;
}

/**
 * A URL as it may appear in the logs: the path only (query strings hold searches and invitation tokens), and the
 * invitation link's token replaced.
 */
export function loggedUrl(url: string): string {
  const path = url.split("?")[0] ?? "";
  return path
    .replace(/^\/invitation\/[^/]+/, "/invitation/…")
    .replace(/^\/p\/[^/]+/, "/p/…")
    .replace(/^\/api\/portal\/[^/]+/, "/api/portal/…");
}
