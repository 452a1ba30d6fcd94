import { timingSafeEqual } from "node:crypto";
import "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { resolveSession } from "../app/accounts/resolve-session.js";
import { SESSION_POLICY } from "../app/accounts/session-tokens.js";
import type { AppContext } from "../app/context.js";
import { AppError } from "../app/errors.js";
import { can, type Permission } from "../core/accounts/permissions.js";
import { isLocale, type Locale } from "../core/messages.js";
import type { SessionRecord } from "../db/repositories/sessions.js";
import type { Organization, Role } from "../db/schema.js";

/** The session cookie over plain http (local use, tests). */
export const SESSION_COOKIE = "relance_session";
/**
 * Over https the session cookie is `__Host-` prefixed (ASVS 3.3.3): the browser takes it only Secure, with Path=/
 * and no Domain, so no other host (a subdomain) can set or overwrite it.
 */
export const SECURE_SESSION_COOKIE = "__Host-relance_session";

/** Who is calling: the session, the user and, once chosen, the active organization with the user's role in it. */
export interface Auth {
  record: SessionRecord;
  sessionId: string;
  userId: string;
  org: Organization | null;
  role: Role | null;
}

/** What a route needs: `public`, a signed-in `user` (no organization needed), or a permission in the organization. */
export type Access = { public: true } | { user: true } | { permission: Permission };

declare module "fastify" {
  interface FastifyRequest {
    auth: Auth | null;
    locale: Locale;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The organization-scoped part of a request that passed a permission check. */
export function orgOf(request: FastifyRequest): { org: Organization; userId: string; role: Role } {
  const auth = request.auth;
  if (!auth?.org || !auth.role) throw new AppError("forbidden", "auth.no_active_organization");
  return { org: auth.org, userId: auth.userId, role: auth.role };
}

export function userOf(request: FastifyRequest): Auth {
  if (!request.auth) throw new AppError("unauthorized", "auth.required");
  return request.auth;
}

/** The session cookie's name for this request: `__Host-relance_session` over https, `relance_session` over http. */
export function sessionCookieName(request: FastifyRequest): string {
  return request.protocol === "https" ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/** The session token the request carries under the name its protocol uses (never the other one). */
export function sessionCookieOf(request: FastifyRequest): string | undefined {
  return request.cookies[sessionCookieName(request)];
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(sessionCookieName(request), token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
    maxAge: Math.floor(SESSION_POLICY.absoluteMs / 1000),
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName(request), {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
  });
}

function requestLocale(request: FastifyRequest): Locale {
  const header = request.headers["accept-language"];
  const first = typeof header === "string" ? header.slice(0, 2).toLowerCase() : "";
  return isLocale(first) ? first : "fr";
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Authentication, authorization and CSRF for every `/api/v1` route, before the body is even parsed:
 * - every API route must declare its `config.access` (checked at start-up, so none is forgotten);
 * - the session cookie is resolved (expired or idle sessions end here);
 * - a permission route needs an active organization and a role that grants the permission;
 * - a state-changing request with a session must carry `X-CSRF-Token` equal to the session's token, and every
 *   state-changing request must be JSON or multipart (no simple cross-site form posts).
 */
export function installAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest("auth", null);
  app.decorateRequest("locale", "fr");
  app.addHook("onRoute", (route) => {
    if (route.url.startsWith("/api/v1/") && !route.config?.access) {
      throw new Error(`route ${route.method} ${route.url} declares no access rule`);
    }
  });
  app.addHook("onRequest", async (request) => {
    request.locale = requestLocale(request);
    const access = request.routeOptions.config?.access;
    const token = sessionCookieOf(request);
    // Public routes (sign-up, log-in, invitations) never look at a session: they are JSON-only, which a
    // cross-site form cannot send, and each opens a fresh session.
    if (token && access && !("public" in access)) {
      const record = await resolveSession({ ctx, token });
      if (record) {
        const org = record.organization;
        request.auth = {
          record,
          sessionId: record.session.id,
          userId: record.user.id,
          org,
          role: org ? (record.membership?.role ?? null) : null,
        };
        if (!request.headers["accept-language"] && isLocale(record.user.locale))
          request.locale = record.user.locale;
      }
    }
    if (UNSAFE.has(request.method)) {
      const type = request.headers["content-type"] ?? "";
      const hasBody =
        request.headers["content-length"] !== undefined && request.headers["content-length"] !== "0";
      if (
        (hasBody || request.headers["transfer-encoding"]) &&
        !/^(application\/json|multipart\/form-data)\b/i.test(type)
      ) {
        throw new AppError("invalid_input", "http.unsupported_media_type", { type: type || "—" });
      }
      if (request.auth) {
        const sent = request.headers["x-csrf-token"];
        if (typeof sent !== "string" || !sameToken(sent, request.auth.record.session.csrf_token)) {
          throw new AppError("forbidden", "auth.csrf");
        }
      }
    }
    if (!access || "public" in access) return;
    if (!request.auth) throw new AppError("unauthorized", "auth.required");
    if ("permission" in access) {
      const { role } = request.auth;
      if (!request.auth.org || !role) throw new AppError("forbidden", "auth.no_active_organization");
      if (!can(role, access.permission)) throw new AppError("forbidden", "auth.forbidden", { role });
    }
  });
}
