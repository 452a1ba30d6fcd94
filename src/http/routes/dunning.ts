import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { todayFor } from "../../app/context.js";
import { completeTask } from "../../app/dunning/complete-task.js";
import { getToday } from "../../app/dunning/get-today.js";
import { mailerFor, mailSettingsOf, setMailSettings } from "../../app/dunning/mail-settings.js";
import {
  approveMessage,
  cancelMessage,
  markMessageSent,
  recordLetter,
  retryMessage,
} from "../../app/dunning/outbox-messages.js";
import { presentOutbox } from "../../app/dunning/present-outbox.js";
import { previewOutbox } from "../../app/dunning/preview-outbox.js";
import { runDay } from "../../app/dunning/run-day.js";
import { setHold } from "../../app/dunning/set-hold.js";
import { AppError, invalidFields } from "../../app/errors.js";
import { parseIsoDate, toIso } from "../../core/calendar.js";
import { listOutbox } from "../../db/repositories/outbox.js";
import type { OutboxState } from "../../db/schema.js";
import { orgOf } from "../auth.js";
import { decodeCursor, PageQuery, pageOf, toPage } from "../pagination.js";
import type { RouteDeps } from "../server.js";
import { IdParams, IsoDate } from "./invoices.js";

const STATES = [
  "awaiting_approval",
  "pending",
  "sending",
  "sent",
  "failed",
  "cancelled",
  "uncertain",
] as const;

const OutboxSchema = z.object({
  id: z.string(),
  client_id: z.string(),
  client_name: z.string(),
  channel: z.enum(["email", "letter", "registered_letter"]),
  state: z.enum(STATES),
  planned_on: z.string(),
  step_id: z.string().nullable(),
  invoices: z.array(z.object({ id: z.string(), number: z.string() })),
  recipients: z.array(z.object({ name: z.string().nullable(), address: z.string() })),
  subject: z.string(),
  text_body: z.string(),
  html_body: z.string().nullable(),
  attempts: z.number().int(),
  next_attempt_at: z.string().nullable(),
  last_error: z.string().nullable(),
  message_id: z.string().nullable(),
  transport: z.string().nullable(),
  sent_at: z.string().nullable(),
  cancel_reason: z.string().nullable(),
  document_id: z.string().nullable(),
  letter: z.object({
    number: z.string().nullable(),
    sent_on: z.string().nullable(),
    presented_on: z.string().nullable(),
    received_on: z.string().nullable(),
  }),
  created_at: z.string(),
  updated_at: z.string(),
});

const TaskSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  due_on: z.string(),
  client_id: z.string().nullable(),
  client_name: z.string().nullable(),
  invoice_id: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

const RunBody = z.strictObject({
  /** Plan as if today were this day (simulations). */
  date: IsoDate.optional(),
  dry_run: z.boolean().optional(),
  /** false: plan only. */
  send: z.boolean().optional(),
});

const RunResult = z.object({
  date: z.string(),
  planned: z.array(
    z.object({
      client_id: z.string(),
      client: z.string(),
      invoices: z.array(z.string()),
      step: z.string(),
      offset_days: z.number().int(),
      channel: z.string(),
      action_id: z.string(),
      awaiting_approval: z.boolean(),
    }),
  ),
  skipped: z.array(
    z.object({ client: z.string(), invoice: z.string(), step: z.string(), offset_days: z.number().int() }),
  ),
  awaiting_approval: z.number().int(),
  sent: z.number().int(),
});

const OutboxQuery = z.strictObject({
  /** One state or a comma-separated list. */
  state: z.string().max(200).optional(),
  client_id: z.string().max(64).optional(),
  ...PageQuery,
});

const OutboxCursor = z.object({ c: z.string(), i: z.string() });

const LetterBody = z.strictObject({
  number: z.string().trim().max(50).nullable().optional(),
  sent_on: z.string().max(10).nullable().optional(),
  presented_on: z.string().max(10).nullable().optional(),
  received_on: z.string().max(10).nullable().optional(),
});

const HoldBody = z.strictObject({
  kind: z.enum(["dispute", "promise", "manual"]),
  until: z.string().max(10).nullable().optional(),
  reason: z.string().max(2000).nullable().optional(),
});

const HoldSchema = z.object({
  kind: z.enum(["dispute", "promise", "manual"]).nullable(),
  until: z.string().nullable(),
  reason: z.string().nullable(),
});

const SmtpBody = z.strictObject({ url: z.string().max(2000).nullable() });
const SmtpSchema = z.object({
  source: z.enum(["environment", "organization", "none"]),
  url: z.string().nullable(),
});

export function dunningRoutes(app: FastifyInstance, { ctx, options }: RouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["dunning"];

  api.post(
    "/api/v1/dunning/run",
    {
      config: { access: { permission: "dunning:write" } },
      schema: {
        tags,
        summary: "Plan (and send) a day's reminders",
        body: RunBody,
        response: { 200: RunResult },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      const body = request.body;
      const day = body.date ? parseIsoDate(body.date) : undefined;
      // a day ahead only as a simulation: a real run of a future day would send tomorrow's reminders today
      if (day?.ok && !body.dry_run && toIso(day.value) > toIso(todayFor(ctx, org.time_zone))) {
        throw invalidFields([{ path: "date", messageCode: "dunning.future_run" }]);
      }
      const result = await runDay({
        ctx,
        org,
        ...(day?.ok ? { day: day.value } : {}),
        ...(body.dry_run ? { dryRun: true } : {}),
        send: body.send ?? true,
        mailer: () => mailerFor(org, process.env),
        filesDir: options.filesDir,
      });
      return { ...result, planned: result.planned, skipped: result.skipped };
    },
  );

  api.get(
    "/api/v1/dunning/today",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags,
        summary: "À faire aujourd'hui: approvals, failures, uncertain messages, tasks",
        response: {
          200: z.object({
            date: z.string(),
            approvals: z.array(OutboxSchema),
            failed: z.array(OutboxSchema),
            uncertain: z.array(OutboxSchema),
            tasks: z.array(TaskSchema),
          }),
        },
      },
    },
    async (request) => getToday({ ctx, org: orgOf(request).org }),
  );

  api.get(
    "/api/v1/outbox",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags,
        summary: "The outbox, newest first",
        querystring: OutboxQuery,
        response: { 200: pageOf(OutboxSchema) },
      },
    },
    async (request) => {
      const { org } = orgOf(request);
      const q = request.query;
      const states = q.state
        ?.split(",")
        .map((s) => s.trim())
        .filter((s): s is OutboxState => (STATES as readonly string[]).includes(s));
      const before = q.cursor ? decodeCursor(OutboxCursor, q.cursor) : undefined;
      const rows = await listOutbox(ctx.db, org.id, {
        limit: q.limit + 1,
        ...(states && states.length > 0 ? { states } : {}),
        ...(q.client_id ? { clientId: q.client_id } : {}),
        ...(before ? { before: { created_at: before.c, id: before.i } } : {}),
      });
      return toPage(rows, q.limit, presentOutbox, (r) => ({ c: r.created_at, i: r.id }));
    },
  );

  api.get(
    "/api/v1/outbox/:id",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags,
        summary: "One message; one not rendered yet is previewed as it would be sent today",
        params: IdParams,
        response: { 200: OutboxSchema },
      },
    },
    async (request) => previewOutbox({ ctx, org: orgOf(request).org, id: request.params.id }),
  );

  const transition = (
    path: string,
    summary: string,
    permission: "dunning:approve" | "actions:write",
    run: typeof approveMessage,
  ) =>
    api.post(
      path,
      {
        config: { access: { permission } },
        schema: { tags, summary, params: IdParams, response: { 200: OutboxSchema } },
      },
      async (request) => {
        const { org, userId } = orgOf(request);
        return run({ ctx, org, userId, id: request.params.id });
      },
    );
  transition(
    "/api/v1/outbox/:id/approve",
    "Approve a message (the mise en demeure)",
    "dunning:approve",
    approveMessage,
  );
  transition("/api/v1/outbox/:id/cancel", "Cancel a message not sent", "dunning:approve", cancelMessage);
  transition(
    "/api/v1/outbox/:id/retry",
    "Send a failed or uncertain message again",
    "dunning:approve",
    retryMessage,
  );
  transition(
    "/api/v1/outbox/:id/mark-sent",
    "An uncertain message did arrive",
    "actions:write",
    markMessageSent,
  );

  api.patch(
    "/api/v1/outbox/:id/letter",
    {
      config: { access: { permission: "actions:write" } },
      schema: {
        tags,
        summary: "A registered letter's number and dates (sent, presented, received)",
        params: IdParams,
        body: LetterBody,
        response: { 200: OutboxSchema },
      },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      return recordLetter({ ctx, org, userId, id: request.params.id, letter: request.body });
    },
  );

  api.post(
    "/api/v1/tasks/:id/done",
    {
      config: { access: { permission: "actions:write" } },
      schema: { tags, summary: "Mark a task done", params: IdParams, response: { 200: TaskSchema } },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      return completeTask({ ctx, org, userId, id: request.params.id, state: "done" });
    },
  );

  for (const target of ["clients", "invoices"] as const) {
    const toTarget = (id: string) => (target === "clients" ? { clientId: id } : { invoiceId: id });
    api.put(
      `/api/v1/${target}/:id/hold`,
      {
        config: { access: { permission: "invoices:dispute" } },
        schema: {
          tags,
          summary: `Put the ${target === "clients" ? "client" : "invoice"}'s reminders on hold`,
          params: IdParams,
          body: HoldBody,
          response: { 200: HoldSchema },
        },
      },
      async (request) => {
        const { org, userId } = orgOf(request);
        return setHold({ ctx, org, userId, target: toTarget(request.params.id), hold: request.body });
      },
    );
    api.delete(
      `/api/v1/${target}/:id/hold`,
      {
        config: { access: { permission: "invoices:dispute" } },
        schema: { tags, summary: "Lift the hold", params: IdParams, response: { 200: HoldSchema } },
      },
      async (request) => {
        const { org, userId } = orgOf(request);
        return setHold({ ctx, org, userId, target: toTarget(request.params.id), hold: null });
      },
    );
  }

  api.get(
    "/api/v1/dunning/smtp",
    {
      config: { access: { permission: "dunning:write" } },
      schema: { tags, summary: "The SMTP server used (password masked)", response: { 200: SmtpSchema } },
    },
    async (request) => mailSettingsOf(orgOf(request).org, process.env),
  );

  api.put(
    "/api/v1/dunning/smtp",
    {
      config: { access: { permission: "organization:write" } },
      schema: {
        tags,
        summary: "Set (or with null remove) the organization's SMTP server: smtp://user:pass@host:port",
        body: SmtpBody,
        response: { 200: SmtpSchema },
      },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      if (process.env.RELANCE_SMTP_URL) throw new AppError("conflict", "dunning.smtp_from_environment");
      return setMailSettings({ ctx, org, userId, url: request.body.url, env: process.env });
    },
  );
}
