import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { createOrganization } from "../../app/accounts/create-organization.js";
import { presentSession } from "../../app/accounts/present-session.js";
import { resolveSession } from "../../app/accounts/resolve-session.js";
import { updateSession } from "../../app/accounts/update-session.js";
import type { AppContext } from "../../app/context.js";
import { AppError } from "../../app/errors.js";
import { findSession } from "../../db/repositories/sessions.js";
import { userOf } from "../auth.js";
import type { RouteDeps } from "../server.js";

export const RoleSchema = z.enum(["owner", "manager", "collector", "viewer"]);
const OrgRef = z.object({ id: z.string(), name: z.string(), role: RoleSchema });

export const SessionSchema = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string().nullable(), locale: z.string() }),
  organization: OrgRef.nullable(),
  organizations: z.array(OrgRef),
  csrf_token: z.string(),
});

/** The session payload for a token just issued (sign-up, log-in, invitation). */
export async function sessionPayload(ctx: AppContext, token: string) {
  const record = await resolveSession({ ctx, token });
  if (!record) throw new AppError("internal", "http.internal");
  return presentSession(ctx, record);
}

export function sessionRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { ctx } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/v1/session",
    {
      config: { access: { user: true } },
      schema: {
        tags: ["accounts"],
        summary: "The signed-in user, the active organization, the CSRF token",
        response: { 200: SessionSchema },
      },
    },
    async (request) => presentSession(ctx, userOf(request).record),
  );

  api.patch(
    "/api/v1/session",
    {
      config: { access: { user: true } },
      schema: {
        tags: ["accounts"],
        summary: "Switch the active organization or the language",
        body: z.strictObject({
          organization_id: z.string().max(64).optional(),
          locale: z.enum(["fr", "en"]).optional(),
        }),
        response: { 200: SessionSchema },
      },
    },
    async (request) => {
      const auth = userOf(request);
      await updateSession({
        ctx,
        sessionId: auth.sessionId,
        userId: auth.userId,
        ...(request.body.organization_id ? { organizationId: request.body.organization_id } : {}),
        ...(request.body.locale ? { locale: request.body.locale } : {}),
      });
      return presentSession(ctx, await reload(ctx, auth.sessionId));
    },
  );

  api.post(
    "/api/v1/organizations",
    {
      config: { access: { user: true } },
      schema: {
        tags: ["accounts"],
        summary: "Create another organization (you become its owner) and switch to it",
        body: z.strictObject({
          name: z.string().trim().min(1).max(200),
          siren: z.string().max(20).optional(),
        }),
        response: { 201: SessionSchema },
      },
    },
    async (request, reply) => {
      const auth = userOf(request);
      await createOrganization({
        ctx,
        userId: auth.userId,
        sessionId: auth.sessionId,
        name: request.body.name,
        ...(request.body.siren ? { siren: request.body.siren } : {}),
      });
      return reply.status(201).send(await presentSession(ctx, await reload(ctx, auth.sessionId)));
    },
  );
}

async function reload(ctx: AppContext, sessionId: string) {
  const record = await findSession(ctx.db, sessionId);
  if (!record) throw new AppError("unauthorized", "auth.required");
  return record;
}
