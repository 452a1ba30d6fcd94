import { useQuery } from "@tanstack/react-query";
import { setCsrfToken } from "./api/client";
import { getSession, type Role, type Session } from "./api/session";
import { queryClient, SESSION_KEY } from "./queryClient";

async function fetchSession(): Promise<Session | null> {
  const session = await getSession();
  setCsrfToken(session?.csrf_token ?? null);
  return session;
}

export function useSessionQuery() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Number.POSITIVE_INFINITY });
}

/** The session inside the signed-in part of the app (the router guarantees there is one). */
export function useSession(): Session {
  const { data } = useSessionQuery();
  if (!data) throw new Error("useSession outside a signed-in page");
  return data;
}

/** Stores a session the server just answered (log-in, switch, new organization). */
export function storeSession(session: Session | null): void {
  setCsrfToken(session?.csrf_token ?? null);
  queryClient.setQueryData(SESSION_KEY, session);
}

/** Forgets everything cached for the previous user or organization. */
export function resetData(session: Session | null): void {
  storeSession(session);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
}

export type Capability =
  | "clients"
  | "invoices"
  | "credit_notes"
  | "import"
  | "payments"
  | "notes"
  | "disputes"
  | "documents"
  | "contacts"
  | "members"
  | "organization"
  /** Sequences, templates, mail settings; approving the mise en demeure. */
  | "dunning";

const COLLECTOR: ReadonlySet<Capability> = new Set([
  "payments",
  "notes",
  "disputes",
  "documents",
  "contacts",
]);

/**
 * What a role may change (docs/api.md): owner everything; manager everything but members and the
 * organization's settings; collector payments, notes, disputes, documents and contacts; viewer nothing.
 */
export function can(role: Role | null | undefined, capability: Capability): boolean {
  switch (role) {
    case "owner":
      return true;
    case "manager":
      return capability !== "members" && capability !== "organization";
    case "collector":
      return COLLECTOR.has(capability);
    default:
      return false;
  }
}

export function useCan(capability: Capability): boolean {
  const { data } = useSessionQuery();
  return can(data?.organization?.role, capability);
}
