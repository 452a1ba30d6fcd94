import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { createSequence } from "../../app/dunning/create-sequence.js";
import { deleteSequence } from "../../app/dunning/delete-sequence.js";
import { getSequence } from "../../app/dunning/get-sequence.js";
import { getTemplate } from "../../app/dunning/get-template.js";
import { listSequences } from "../../app/dunning/list-sequences.js";
import { listTemplates } from "../../app/dunning/list-templates.js";
import { previewTemplate } from "../../app/dunning/preview-template.js";
import { resetTemplate } from "../../app/dunning/reset-template.js";
import { saveTemplate } from "../../app/dunning/save-template.js";
import { updateSequence } from "../../app/dunning/update-sequence.js";
import { PARSE_LIMIT } from "../../templates/engine.js";
import { orgOf } from "../auth.js";
import type { RouteDeps } from "../server.js";

const Id = z.string().max(64);
const IdParams = z.object({ id: Id });
const Locale = z.enum(["fr", "en"]);
const ClientKind = z.enum(["business", "consumer", "public"]);
const Channel = z.enum(["email", "letter", "registered_letter", "call", "task"]);
const Tone = z.enum(["friendly", "firm", "formal"]);

const StepSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  offset_days: z.number().int(),
  channel: Channel,
  template_key: z.string().nullable(),
  tone: Tone,
  requires_approval: z.boolean(),
  never_skip: z.boolean(),
  task_kind: z.string().nullable(),
  label: z.string(),
});

const SequenceSchema = z.object({
  id: z.string(),
  name: z.string(),
  default_for: z.enum(["business", "consumer", "deposit"]).nullable(),
  default_for_kinds: z.array(ClientKind),
  clients_count: z.number().int(),
  steps: z.array(StepSchema),
  created_at: z.string(),
  updated_at: z.string(),
});

/** Types only: ranges, enums and cross-field rules are checked by the use case, every problem with its path. */
const StepBody = z.strictObject({
  /** A step of this sequence to keep (its id stays); absent or null: a new step. */
  id: Id.nullable().optional(),
  offset_days: z.number().int().min(-100_000).max(100_000),
  channel: z.string().max(40),
  template_key: z.string().max(100).nullable().optional(),
  tone: z.string().max(40),
  requires_approval: z.boolean().optional(),
  never_skip: z.boolean().optional(),
  task_kind: z.string().max(40).nullable().optional(),
  label: z.string().max(1000),
});

const UpdateSequenceBody = z.strictObject({
  name: z.string().max(500),
  steps: z.array(StepBody).max(100),
});

const CreateSequenceBody = z.union([
  z.strictObject({ name: z.string().max(500), copy_of: Id }),
  z.strictObject({ name: z.string().max(500), seed: z.enum(["business", "consumer"]) }),
]);

const TemplateParams = z.object({ key: z.string().max(100), locale: z.string().max(10) });

const TemplateSummarySchema = z.object({
  key: z.string(),
  locale: Locale,
  custom: z.boolean(),
  subject: z.string(),
  updated_at: z.string().nullable(),
});

const TemplateSchema = TemplateSummarySchema.extend({ text: z.string(), html: z.string() });

const TemplateBody = z.strictObject({
  subject: z.string().max(PARSE_LIMIT),
  text: z.string().max(PARSE_LIMIT),
  html: z.string().max(PARSE_LIMIT),
});

const PreviewBody = TemplateBody.extend({
  /** The language of the template (and of the sample context). */
  locale: Locale,
  /** Show this invoice of the organization (its client, number and amounts) instead of the sample one. */
  invoice_id: Id.optional(),
});

const PreviewSchema = z.object({
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  problems: z.array(
    z.object({
      path: z.enum(["subject", "text", "html"]),
      line: z.number().int(),
      column: z.number().int(),
      message: z.string(),
    }),
  ),
});

export function dunningSettingsRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const TAGS = ["dunning"];

  api.get(
    "/api/v1/dunning/sequences",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: TAGS,
        summary:
          "The dunning sequences with their steps, the kinds of client that use each by default and how many clients chose each (the defaults are created when missing); one page, next_cursor always null",
        response: { 200: z.object({ data: z.array(SequenceSchema), next_cursor: z.null() }) },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      return { data: await listSequences({ ctx, org }), next_cursor: null };
    },
  );

  api.post(
    "/api/v1/dunning/sequences",
    {
      config: { access: { permission: "dunning:write" } },
      schema: {
        tags: TAGS,
        summary:
          "A new sequence, copied from one of the organization's (copy_of) or from a default Relance ships (seed); it is nobody's default",
        body: CreateSequenceBody,
        response: { 201: SequenceSchema },
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      const { name, ...from } = request.body;
      const created = await createSequence({ ctx, org, userId, name, from });
      return reply.status(201).send(created);
    },
  );

  api.get(
    "/api/v1/dunning/sequences/:id",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: TAGS,
        summary: "One sequence with its steps",
        params: IdParams,
        response: { 200: SequenceSchema },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      return getSequence({ ctx, org, id: request.params.id });
    },
  );

  api.put(
    "/api/v1/dunning/sequences/:id",
    {
      config: { access: { permission: "dunning:write" } },
      schema: {
        tags: TAGS,
        summary:
          "Rename a sequence and replace its whole ordered list of steps (1–20, offsets strictly increasing from -30 to 365 days); a step sent with its id is kept, positions are renumbered",
        params: IdParams,
        body: UpdateSequenceBody,
        response: { 200: SequenceSchema },
      },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      return updateSequence({ ctx, org, userId, id: request.params.id, ...request.body });
    },
  );

  api.delete(
    "/api/v1/dunning/sequences/:id",
    {
      config: { access: { permission: "dunning:write" } },
      schema: {
        tags: TAGS,
        summary: "Delete a sequence; 409 while it is a default or a client has chosen it",
        params: IdParams,
      },
    },
    async (request, reply) => {
      const { org, userId } = orgOf(request);
      await deleteSequence({ ctx, org, userId, id: request.params.id });
      return reply.status(204).send();
    },
  );

  api.get(
    "/api/v1/dunning/templates",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: TAGS,
        summary:
          "Every message template in French and English: the organization's own (custom) or the default, with its subject; one page, next_cursor always null",
        response: { 200: z.object({ data: z.array(TemplateSummarySchema), next_cursor: z.null() }) },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      return { data: await listTemplates({ ctx, org }), next_cursor: null };
    },
  );

  api.get(
    "/api/v1/dunning/templates/:key/:locale",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: TAGS,
        summary: "One template in one language (the organization's own, else the default)",
        params: TemplateParams,
        response: { 200: TemplateSchema },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      return getTemplate({ ctx, org, ...request.params });
    },
  );

  api.put(
    "/api/v1/dunning/templates/:key/:locale",
    {
      config: { access: { permission: "dunning:write" } },
      schema: {
        tags: TAGS,
        summary:
          "Save the organization's own version of a template (LiquidJS); a template that does not render against the sample context is refused, details [{ path, line, column, message }]",
        params: TemplateParams,
        body: TemplateBody,
        response: { 200: TemplateSchema },
      },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      return saveTemplate({ ctx, org, userId, ...request.params, template: request.body });
    },
  );

  api.delete(
    "/api/v1/dunning/templates/:key/:locale",
    {
      config: { access: { permission: "dunning:write" } },
      schema: {
        tags: TAGS,
        summary: "Back to the default template (deletes the organization's own version); answers the default",
        params: TemplateParams,
        response: { 200: TemplateSchema },
      },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      return resetTemplate({ ctx, org, userId, ...request.params });
    },
  );

  api.post(
    "/api/v1/dunning/templates/preview",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: TAGS,
        summary:
          "Render a template without saving it, against the sample context or one of the organization's invoices; problems list what would refuse it",
        body: PreviewBody,
        response: { 200: PreviewSchema },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      const { locale, invoice_id, ...template } = request.body;
      return previewTemplate({
        ctx,
        org,
        locale,
        uiLocale: request.locale,
        template,
        ...(invoice_id ? { invoiceId: invoice_id } : {}),
      });
    },
  );
}
