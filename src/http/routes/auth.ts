import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { logIn } from "../../app/accounts/log-in.js";
import { MIN_PASSWORD_LENGTH } from "../../app/accounts/passwords.js";
import { hashToken } from "../../app/accounts/session-tokens.js";
import { signUp } from "../../app/accounts/sign-up.js";
import { DEMO_OWNER_EMAIL, DEMO_OWNER_PASSWORD, findDemoOrganization } from "../../app/demo/load-demo.js";
import { AppError } from "../../app/errors.js";
import { deleteSession } from "../../db/repositories/sessions.js";
import { countUsers } from "../../db/repositories/users.js";
import { clearSessionCookie, sessionCookieOf, setSessionCookie } from "../auth.js";
import { type RateLimits, rateLimited, refuseWhenLimited } from "../rate-limit.js";
import type { RouteDeps } from "../server.js";
import { SessionSchema, sessionPayload } from "./session.js";

const SignUpBody = z.strictObject({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(200),
  name: z.string().trim().min(1).max(200),
  organization_name: z.string().trim().min(1).max(200),
  locale: z.enum(["fr", "en"]).optional(),
});

const LogInBody = z.strictObject({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
});

/** The caller's address (behind a trusted proxy, the client's, not the proxy's loopback address). */
function isLoopback(request: FastifyRequest): boolean {
  const ip = request.ip;
  return ip === "127.0.0.1" || ip === "::1" || ip === "::ffff:127.0.0.1";
}

/**
 * Refuses a password attempt when this address has failed too often, or when this e-mail from this address has
 * tried too often (429 with `Retry-After`). The attempt is counted before the password is checked, in one atomic
 * upsert shared by every process, so parallel requests cannot all slip under the limit; a success clears the
 * e-mail's count, a failure also counts against the address.
 */
export async function startLoginAttempt(
  limits: Pick<RateLimits, "login" | "loginIp">,
  ip: string,
  email: string,
): Promise<{ succeeded(): Promise<void>; failed(): Promise<void> }> {
  const key = `${ip}|${email.trim().toLowerCase()}`;
  await refuseWhenLimited(limits.loginIp, ip);
  const wait = await limits.login.attempt(key);
  if (wait > 0) throw rateLimited(wait);
  return {
    succeeded: () => limits.login.reset(key),
    failed: () => limits.loginIp.hit(ip),
  };
}

export function authRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { ctx, options } = deps;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/v1/auth/config",
    {
      config: { access: { public: true } },
      schema: {
        tags: ["accounts"],
        summary: "What the login page needs: is sign-up open, demo credentials on localhost",
        response: {
          200: z.object({
            signup_open: z.boolean(),
            demo: z.object({ email: z.string(), password: z.string() }).nullable(),
          }),
        },
      },
    },
    async (request) => {
      const signupOpen = options.signup === "open" || (await countUsers(ctx.db)) === 0;
      const demo =
        options.demo && isLoopback(request) && (await findDemoOrganization(ctx.db))
          ? { email: DEMO_OWNER_EMAIL, password: DEMO_OWNER_PASSWORD }
          : null;
      return { signup_open: signupOpen, demo };
    },
  );

  api.post(
    "/api/v1/auth/signup",
    {
      config: { access: { public: true } },
      schema: {
        tags: ["accounts"],
        summary:
          "Create an account and its organization (the user becomes its owner); 10 sign-ups per address per hour",
        body: SignUpBody,
        response: { 201: SessionSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const wait = await deps.limits.signup.attempt(request.ip);
      if (wait > 0) throw rateLimited(wait);
      const { token } = await signUp({
        ctx,
        email: body.email,
        password: body.password,
        name: body.name,
        organizationName: body.organization_name,
        locale: body.locale ?? request.locale,
        policy: options.signup,
        ip: request.ip,
        userAgent: request.headers["user-agent"] ?? null,
      });
      setSessionCookie(request, reply, token);
      return reply.status(201).send(await sessionPayload(ctx, token));
    },
  );

  api.post(
    "/api/v1/auth/login",
    {
      config: { access: { public: true } },
      schema: {
        tags: ["accounts"],
        summary: "Sign in (10 failed attempts per e-mail and address per 15 minutes)",
        body: LogInBody,
        response: { 200: SessionSchema },
      },
    },
    async (request, reply) => {
      const attempt = await startLoginAttempt(deps.limits, request.ip, request.body.email);
      try {
        const { token } = await logIn({
          ctx,
          email: request.body.email,
          password: request.body.password,
          ip: request.ip,
          userAgent: request.headers["user-agent"] ?? null,
        });
        await attempt.succeeded();
        const old = sessionCookieOf(request);
        if (old) await deleteSession(ctx.db, hashToken(old));
        setSessionCookie(request, reply, token);
        return reply.send(await sessionPayload(ctx, token));
      } catch (error) {
        if (error instanceof AppError && error.code === "unauthorized") await attempt.failed();
        throw error;
      }
    },
  );

  api.post(
    "/api/v1/auth/logout",
    {
      config: { access: { user: true } },
      schema: { tags: ["accounts"], summary: "Sign out (ends this session)" },
    },
    async (request, reply) => {
      if (request.auth) await deleteSession(ctx.db, request.auth.sessionId);
      clearSessionCookie(request, reply);
      return reply.status(204).send();
    },
  );
}
