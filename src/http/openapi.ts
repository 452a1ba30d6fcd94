import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";

/**
 * The OpenAPI document, generated from the routes' zod schemas, and its browsable reference at `/api/docs`
 * (JSON at `/api/docs/json`). Served from this process: no CDN.
 */
export async function installOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: "Relance API",
        description:
          "Relance follows every invoice from the quote to the cash. Amounts are integer cents (`_cents`), dates " +
          "`YYYY-MM-DD`. Authentication: the `relance_session` cookie from `POST /api/v1/auth/login`; state-changing " +
          "requests carry `X-CSRF-Token` (the session's `csrf_token`). Errors: `{ error: { code, message, details } }`.",
        version: "1",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "relance_session" },
          csrf: { type: "apiKey", in: "header", name: "X-CSRF-Token" },
        },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: "/api/docs",
    uiConfig: { docExpansion: "list", deepLinking: true },
  });
}
