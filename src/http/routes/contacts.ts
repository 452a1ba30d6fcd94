import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { addContact } from "../../app/clients/add-contact.js";
import { deleteContact } from "../../app/clients/delete-contact.js";
import { updateContact } from "../../app/clients/update-contact.js";
import { orgOf } from "../auth.js";
import type { RouteDeps } from "../server.js";
import { ContactBody, ContactSchema } from "./clients.js";

const Params = z.object({ id: z.string().max(64) });

export function contactsRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    "/api/v1/clients/:id/contacts",
    {
      config: { access: { permission: "contacts:write" } },
      schema: {
        tags: ["clients"],
        summary: "Add a contact to a client (a new billing contact replaces the previous one)",
        params: Params,
        body: ContactBody,
        response: { 201: ContactSchema },
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      const contact = await addContact({
        ctx,
        org,
        userId,
        clientId: request.params.id,
        contact: request.body,
      });
      return reply.status(201).send(contact);
    },
  );

  api.patch(
    "/api/v1/contacts/:id",
    {
      config: { access: { permission: "contacts:write" } },
      schema: {
        tags: ["clients"],
        summary: "Change a contact (null clears a field)",
        params: Params,
        body: ContactBody,
        response: { 200: ContactSchema },
      },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      return updateContact({ ctx, org, userId, id: request.params.id, changes: request.body });
    },
  );

  api.delete(
    "/api/v1/contacts/:id",
    {
      config: { access: { permission: "contacts:write" } },
      schema: { tags: ["clients"], summary: "Delete a contact", params: Params },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      await deleteContact({ ctx, org, userId, id: request.params.id });
      return reply.status(204).send();
    },
  );
}
