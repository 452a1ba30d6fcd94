import { http, type Page } from "./client";
import type { Role } from "./session";

export interface Member {
  user_id: string;
  email: string;
  name: string | null;
  role: Role;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  created_at?: string;
  expires_at: string;
  accept_url?: string;
}

export const listMembers = () => http.get<Page<Member>>("/members", { limit: 500 });

export const updateMember = (userId: string, role: Role) =>
  http.patch<Member>(`/members/${encodeURIComponent(userId)}`, { role });

export const removeMember = (userId: string) => http.delete(`/members/${encodeURIComponent(userId)}`);

export const listInvitations = () => http.get<Page<Invitation>>("/invitations", { limit: 500 });

export const createInvitation = (body: { email: string; role: Role }) =>
  http.post<Invitation & { accept_url: string }>("/invitations", body);

export const deleteInvitation = (id: string) => http.delete(`/invitations/${encodeURIComponent(id)}`);
