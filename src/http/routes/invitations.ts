import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { acceptInvitation } from "../../app/accounts/accept-invitation.js";
import { INVITATION_VALIDITY_MS, inviteMember } from "../../app/accounts/invite-member.js";
import { listInvitations } from "../../app/accounts/list-invitations.js";
import { findValidInvitation, lookupInvitation } from "../../app/accounts/lookup-invitation.js";
import { revokeInvitation } from "../../app/accounts/revoke-invitation.js";
import { hashToken } from "../../app/accounts/session-tokens.js";
import { AppError } from "../../app/errors.js";
import { deleteSession } from "../../db/repositories/sessions.js";
import { orgOf, sessionCookieOf, setSessionCookie } from "../auth.js";
import { decodeCursor, PageQuery, pageOf, toPage } from "../pagination.js";
import { countingFailures, refuseWhenLimited } from "../rate-limit.js";
import type { RouteDeps } from "../server.js";
import { startLoginAttempt } from "./auth.js";
import { RoleSchema, SessionSchema, sessionPayload } from "./session.js";

const InvitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: RoleSchema,
  created_at: z.string(),
  expires_at: z.string(),
});

const InvitationCursor = z.object({ created_at: z.string(), id: z.string() });
const Token = z.string().min(1).max(200);

/** Where the web app's invitation page lives: the configured public address, or this request's own. */
function acceptUrl(publicUrl: string | undefined, request: FastifyRequest, token: string): string {
  const base = (publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, "");
  return `${base}/invitation/${token}`;
}

export function invitationsRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { ctx, options, limits } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    "/api/v1/invitations",
    {
      config: { access: { permission: "members:write" } },
      schema: {
        tags: ["accounts"],
        summary: `Invite someone with a role (owner); the link works once, for ${INVITATION_VALIDITY_MS / 86_400_000} days`,
        body: z.strictObject({ email: z.string().trim().min(3).max(254), role: RoleSchema }),
        response: { 201: InvitationSchema.extend({ accept_url: z.string() }) },
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      const { invitation, token } = await inviteMember({
        ctx,
        org,
        userId,
        email: request.body.email,
        role: request.body.role,
      });
      return reply
        .status(201)
        .send({ ...invitation, accept_url: acceptUrl(options.publicUrl, request, token) });
    },
  );

  api.get(
    "/api/v1/invitations",
    {
      config: { access: { permission: "members:read" } },
      schema: {
        tags: ["accounts"],
        summary: "Invitations neither accepted nor expired, newest first",
        querystring: z.strictObject(PageQuery),
        response: { 200: pageOf(InvitationSchema) },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      const { limit, cursor } = request.query;
      const rows = await listInvitations({
        ctx,
        org,
        limit: limit + 1,
        ...(cursor ? { after: decodeCursor(InvitationCursor, cursor) } : {}),
      });
      return toPage(
        rows,
        limit,
        (i) => i,
        (i) => ({ created_at: i.created_at, id: i.id }),
      );
    },
  );

  api.delete(
    "/api/v1/invitations/:id",
    {
      config: { access: { permission: "members:write" } },
      schema: {
        tags: ["accounts"],
        summary: "Withdraw an invitation not yet accepted (its link stops working)",
        params: z.strictObject({ id: z.string().max(64) }),
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      await revokeInvitation({ ctx, org, userId, invitationId: request.params.id });
      return reply.status(204).send();
    },
  );

  api.get(
    "/api/v1/invitations/lookup",
    {
      config: { access: { public: true } },
      schema: {
        tags: ["accounts"],
        summary:
          "What an invitation link offers (public: the token is the credential; 30 unknown tokens per address per 15 minutes)",
        querystring: z.strictObject({ token: Token }),
        response: {
          200: z.object({
            organization_name: z.string(),
            email: z.string(),
            role: RoleSchema,
            has_account: z.boolean(),
          }),
        },
      },
    },
    async (request) => {
      await refuseWhenLimited(limits.invitation, request.ip);
      return countingFailures(limits.invitation, request.ip, "not_found", () =>
        lookupInvitation({ ctx, token: request.query.token }),
      );
    },
  );

  api.post(
    "/api/v1/invitations/accept",
    {
      config: { access: { public: true } },
      schema: {
        tags: ["accounts"],
        summary:
          "Accept an invitation: creates the account, or checks the existing account's password (rate-limited like log-in)",
        body: z.strictObject({
          token: Token,
          password: z.string().min(1).max(200),
          name: z.string().trim().max(200).optional(),
        }),
        response: { 200: SessionSchema },
      },
    },
    async (request, reply) => {
      const { token, password, name } = request.body;
      await refuseWhenLimited(limits.invitation, request.ip);
      const invitation = await countingFailures(limits.invitation, request.ip, "not_found", () =>
        findValidInvitation(ctx.db, ctx, token),
      );
      const attempt = await startLoginAttempt(limits, request.ip, invitation.email);
      try {
        const session = await acceptInvitation({
          ctx,
          token,
          password,
          ...(name ? { name } : {}),
          locale: request.locale,
          ip: request.ip,
          userAgent: request.headers["user-agent"] ?? null,
        });
        await attempt.succeeded();
        const old = sessionCookieOf(request);
        if (old) await deleteSession(ctx.db, hashToken(old));
        setSessionCookie(request, reply, session.token);
        return reply.send(await sessionPayload(ctx, session.token));
      } catch (error) {
        if (error instanceof AppError && error.code === "unauthorized") await attempt.failed();
        throw error;
      }
    },
  );
}
