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
          "`YYYY-MM-DD`. Authentication: the session cookie from `POST /api/v1/auth/login`, named " +
          "`__Host-relance_session` over https and `relance_session` over plain http; state-changing " +
          "requests carry `X-CSRF-Token` (the session's `csrf_token`). Errors: `{ error: { code, message, details } }`.",
        version: "1",
      },
      components: {
        securitySchemes: {
          session: {
            type: "apiKey",
            in: "cookie",
            name: "relance_session",
            description: "`__Host-relance_session` when the request comes over https",
          },
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
