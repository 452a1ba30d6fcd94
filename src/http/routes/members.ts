import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { changeMemberRole } from "../../app/accounts/change-member-role.js";
import { listMembers } from "../../app/accounts/list-members.js";
import { removeMember } from "../../app/accounts/remove-member.js";
import { orgOf } from "../auth.js";
import { decodeCursor, PageQuery, pageOf, toPage } from "../pagination.js";
import type { RouteDeps } from "../server.js";
import { RoleSchema } from "./session.js";

export const MemberSchema = z.object({
  user_id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: RoleSchema,
});

const MemberCursor = z.object({ email: z.string(), user_id: z.string() });
const MemberParams = z.strictObject({ userId: z.string().max(64) });

export function membersRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/v1/members",
    {
      config: { access: { permission: "members:read" } },
      schema: {
        tags: ["accounts"],
        summary: "The organization's members and their roles, by e-mail",
        querystring: z.strictObject(PageQuery),
        response: { 200: pageOf(MemberSchema) },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      const { limit, cursor } = request.query;
      const rows = await listMembers({
        ctx,
        org,
        limit: limit + 1,
        ...(cursor ? { after: decodeCursor(MemberCursor, cursor) } : {}),
      });
      return toPage(
        rows,
        limit,
        (m) => m,
        (m) => ({ email: m.email, user_id: m.user_id }),
      );
    },
  );

  api.patch(
    "/api/v1/members/:userId",
    {
      config: { access: { permission: "members:write" } },
      schema: {
        tags: ["accounts"],
        summary: "Change a member's role (owner; the last owner cannot be demoted)",
        params: MemberParams,
        body: z.strictObject({ role: RoleSchema }),
        response: { 200: MemberSchema },
      },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      return changeMemberRole({
        ctx,
        org,
        userId,
        memberUserId: request.params.userId,
        role: request.body.role,
      });
    },
  );

  api.delete(
    "/api/v1/members/:userId",
    {
      config: { access: { permission: "members:write" } },
      schema: {
        tags: ["accounts"],
        summary: "Remove a member (owner; the last owner cannot leave); their sessions lose the organization",
        params: MemberParams,
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      await removeMember({ ctx, org, userId, memberUserId: request.params.userId });
      return reply.status(204).send();
    },
  );
}
