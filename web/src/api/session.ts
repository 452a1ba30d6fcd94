import { http, request } from "./client";

export type Role = "owner" | "manager" | "collector" | "viewer";

export interface OrganizationRef {
  id: string;
  name: string;
  role: Role;
}

export interface Session {
  user: { id: string; email: string; name: string | null; locale: string };
  organization: OrganizationRef | null;
  organizations: OrganizationRef[];
  csrf_token: string;
}

export interface AuthConfig {
  signup_open: boolean;
  demo: { email: string; password: string } | null;
}

/** The current session, or null when nobody is signed in (401). */
export async function getSession(): Promise<Session | null> {
  try {
    return await request<Session>("GET", "/session", { quiet401: true });
  } catch (e) {
    if (e instanceof Error && "status" in e && (e as { status: number }).status === 401) return null;
    throw e;
  }
}

export const getAuthConfig = () => http.get<AuthConfig>("/auth/config");

export const login = (body: { email: string; password: string }) =>
  request<Session>("POST", "/auth/login", { body, quiet401: true });

export const signup = (body: {
  email: string;
  password: string;
  name: string;
  organization_name: string;
  locale?: string;
}) => request<Session>("POST", "/auth/signup", { body, quiet401: true });

export const logout = () => http.post<void>("/auth/logout");

export const updateSession = (body: { organization_id?: string; locale?: string }) =>
  http.patch<Session>("/session", body);

export const createOrganization = (body: { name: string; siren?: string }) =>
  http.post<Session>("/organizations", body);

export interface InvitationLookup {
  organization_name: string;
  email: string;
  role: Role;
  has_account: boolean;
}

export const lookupInvitation = (token: string) =>
  request<InvitationLookup>("GET", "/invitations/lookup", { query: { token }, quiet401: true });

export const acceptInvitation = (body: { token: string; password: string; name?: string }) =>
  request<Session>("POST", "/invitations/accept", { body, quiet401: true });
