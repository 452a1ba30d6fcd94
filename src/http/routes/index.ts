import type { FastifyInstance } from "fastify";
import type { RouteDeps } from "../server.js";
import { actionsRoutes } from "./actions.js";
import { authRoutes } from "./auth.js";
import { clientsRoutes } from "./clients.js";
import { contactsRoutes } from "./contacts.js";
import { dashboardRoutes } from "./dashboard.js";
import { documentsRoutes } from "./documents.js";
import { dunningRoutes } from "./dunning.js";
import { dunningSettingsRoutes } from "./dunning-settings.js";
import { exportsRoutes } from "./exports.js";
import { healthRoutes } from "./health.js";
import { importsRoutes } from "./imports.js";
import { invitationsRoutes } from "./invitations.js";
import { invoicesRoutes } from "./invoices.js";
import { lawRoutes } from "./law.js";
import { membersRoutes } from "./members.js";
import { organizationRoutes } from "./organization.js";
import { paymentsRoutes } from "./payments.js";
import { quotesRoutes } from "./quotes.js";
import { sessionRoutes } from "./session.js";

/** Every API route, one module per capability. */
export function apiRoutes(app: FastifyInstance, deps: RouteDeps): void {
  healthRoutes(app, deps);
  authRoutes(app, deps);
  sessionRoutes(app, deps);
  organizationRoutes(app, deps);
  membersRoutes(app, deps);
  invitationsRoutes(app, deps);
  dashboardRoutes(app, deps);
  clientsRoutes(app, deps);
  contactsRoutes(app, deps);
  invoicesRoutes(app, deps);
  paymentsRoutes(app, deps);
  quotesRoutes(app, deps);
  actionsRoutes(app, deps);
  documentsRoutes(app, deps);
  importsRoutes(app, deps);
  exportsRoutes(app, deps);
  lawRoutes(app, deps);
  dunningSettingsRoutes(app, deps);
  dunningRoutes(app, deps);
}
