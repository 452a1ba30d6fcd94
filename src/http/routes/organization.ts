import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { getOrganization } from "../../app/organizations/get-organization.js";
import { updateOrganization } from "../../app/organizations/update-organization.js";
import { orgOf } from "../auth.js";
import type { RouteDeps } from "../server.js";

const OrganizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  legal_form: z.string().nullable(),
  siren: z.string().nullable(),
  siret: z.string().nullable(),
  vat_number: z.string().nullable(),
  address: z.string().nullable(),
  postal_code: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  iban: z.string().nullable(),
  bic: z.string().nullable(),
  time_zone: z.string(),
  locale: z.string(),
  payment_term: z.string(),
  dunning_hour: z.number().int(),
  promise_grace_days: z.number().int(),
  operation_category: z.enum(["goods", "services", "mixed"]).nullable(),
  vat_on_debits: z.boolean(),
  payment_term_check: z.object({
    compliant: z.boolean(),
    warnings: z.array(z.object({ code: z.string(), message: z.string() })),
  }),
  penalty_clause: z.string(),
  day_count: z.enum(["actual_365", "actual_actual"]),
  created_at: z.string(),
  updated_at: z.string(),
});

/** An optional text that `null` or "" clears. */
const clearable = (max: number) => z.string().max(max).nullable().optional();

const OrganizationPatch = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  legal_form: clearable(100),
  siren: clearable(20),
  siret: clearable(30),
  vat_number: clearable(30),
  address: clearable(500),
  postal_code: clearable(20),
  city: clearable(200),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  email: clearable(254),
  phone: clearable(40),
  iban: clearable(50),
  bic: clearable(20),
  time_zone: z.string().min(1).max(64).optional(),
  locale: z.enum(["fr", "en"]).optional(),
  /** L441-10 Code de commerce: 60 days from the invoice at most (the 45-days-end-of-month option is not offered). */
  payment_term: z.string().max(100).optional(),
  dunning_hour: z.number().int().min(0).max(23).optional(),
  /** Days a promise to pay holds the reminders after its date: a whole number, 0 to 30 (checked by the use case). */
  promise_grace_days: z.number().optional(),
  operation_category: z.enum(["goods", "services", "mixed"]).nullable().optional(),
  vat_on_debits: z.boolean().optional(),
  /** `default` (ECB rate + 10 points), `fixed:<basis points>` or `ecb+<basis points>`. */
  penalty_clause: z
    .string()
    .regex(/^(default|fixed:\d{1,5}|ecb\+\d{1,5})$/)
    .optional(),
  /** Day count of the claims and the calculator's default (stored in the settings JSON). */
  day_count: z.enum(["actual_365", "actual_actual"]).optional(),
});

export function organizationRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/v1/organization",
    {
      config: { access: { permission: "ledger:read" } },
      schema: {
        tags: ["accounts"],
        summary: "The active organization's settings",
        response: { 200: OrganizationSchema },
      },
    },
    async (request) => getOrganization({ ctx, org: orgOf(request).org }),
  );

  api.patch(
    "/api/v1/organization",
    {
      config: { access: { permission: "organization:write" } },
      schema: {
        tags: ["accounts"],
        summary:
          'Change the organization\'s settings (owner); identifiers are checked, null or "" clears a field',
        body: OrganizationPatch,
        response: { 200: OrganizationSchema },
      },
    },
    async (request) => {
      const { org, userId } = orgOf(request);
      return updateOrganization({ ctx, org, userId, patch: request.body });
    },
  );
}
