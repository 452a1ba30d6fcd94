import { http } from "./client";

/** The organization's settings; the server decides which fields exist, the form shows the known ones it sends. */
export type Organization = { id: string; name: string } & Record<string, unknown>;

export const getOrganization = () => http.get<Organization>("/organization");

export const updateOrganization = (body: Record<string, unknown>) =>
  http.patch<Organization>("/organization", body);
