import type { Role } from "./session";
import { http } from "./client";

export interface Member {
  user_id: string;
  email: string;
  name: string;
  role: Role;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  expires_at: string;
  accept_url?: string;
}

export const listMembers = () => http.get<{ data: Member[] }>("/members");

export const updateMember = (userId: string, role: Role) =>
  http.patch<Member>(`/members/${encodeURIComponent(userId)}`, { role });

export const removeMember = (userId: string) => http.delete(`/members/${encodeURIComponent(userId)}`);

export const listInvitations = () => http.get<{ data: Invitation[] }>("/invitations");

export const createInvitation = (body: { email: string; role: Role }) =>
  http.post<Invitation & { accept_url: string }>("/invitations", body);

export const deleteInvitation = (id: string) => http.delete(`/invitations/${encodeURIComponent(id)}`);
