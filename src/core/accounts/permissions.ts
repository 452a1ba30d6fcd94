/**
 * What each role may do. Reads are open to every member; writes grow with the role:
 * - viewer: reads only (an accountant looking at the ledger);
 * - collector: the daily collection work — payments, notes and calls, disputes, documents, contacts;
 * - manager: the whole ledger — clients, invoices, quotes, credit notes, imports;
 * - owner: the organization itself — settings, members, invitations.
 */
export type Role = "owner" | "manager" | "collector" | "viewer";

export type Permission =
  | "ledger:read"
  | "contacts:write"
  | "payments:write"
  | "actions:write"
  | "documents:write"
  | "invoices:dispute"
  | "clients:write"
  | "invoices:write"
  | "quotes:write"
  | "imports:write"
  | "members:read"
  | "members:write"
  | "organization:write"
  /** Sequences, templates, SMTP settings, the daily run. */
  | "dunning:write"
  /** Approving (or cancelling) what awaits approval: the mise en demeure. */
  | "dunning:approve";

export const ROLES: readonly Role[] = ["owner", "manager", "collector", "viewer"];

const VIEWER: readonly Permission[] = ["ledger:read"];
const COLLECTOR: readonly Permission[] = [
  ...VIEWER,
  "contacts:write",
  "payments:write",
  "actions:write",
  "documents:write",
  "invoices:dispute",
];
const MANAGER: readonly Permission[] = [
  ...COLLECTOR,
  "clients:write",
  "invoices:write",
  "quotes:write",
  "imports:write",
  "members:read",
  "dunning:write",
  "dunning:approve",
];
const OWNER: readonly Permission[] = [...MANAGER, "members:write", "organization:write"];

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  viewer: new Set(VIEWER),
  collector: new Set(COLLECTOR),
  manager: new Set(MANAGER),
  owner: new Set(OWNER),
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].has(permission);
}
