import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { AppContext } from "../../src/app/context.js";
import type { Dialect } from "../../src/db/connect.js";
import type { Role } from "../../src/db/schema.js";
import { buildServer, type ServerOptions } from "../../src/http/server.js";
import { testContext } from "./context.js";
import { createTestDatabase, type TestDatabase } from "./databases.js";

export interface TestServer {
  app: FastifyInstance;
  ctx: AppContext;
  t: TestDatabase;
  filesDir: string;
  close(): Promise<void>;
}

/** A fresh database and an in-process server on it (driven with `inject`), the clock fixed like testContext. */
export async function startTestServer(
  dialect: Dialect,
  options: Partial<ServerOptions> & { now?: string } = {},
): Promise<TestServer> {
  const t = await createTestDatabase(dialect);
  const ctx = testContext(t, options.now ? { now: options.now } : {});
  const filesDir = mkdtempSync(join(tmpdir(), "relance-files-"));
  const app = await buildServer(ctx, { signup: "open", demo: false, filesDir, web: false, ...options });
  await app.ready();
  return {
    app,
    ctx,
    t,
    filesDir,
    close: async () => {
      await app.close();
      await t.drop();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

export interface RequestOptions {
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Skip the CSRF header (to test its absence). */
  noCsrf?: boolean;
}

/** A signed-in browser: the session cookie and CSRF token, replayed on every request. */
export class Agent {
  constructor(
    readonly app: FastifyInstance,
    public cookie: string,
    public csrf: string,
    readonly userId: string,
    public orgId: string,
  ) {}

  request(
    method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
    url: string,
    body?: unknown,
    options: RequestOptions = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { cookie: `relance_session=${this.cookie}`, ...options.headers };
    if (method !== "GET" && !options.noCsrf) headers["x-csrf-token"] = this.csrf;
    return this.app.inject({
      method,
      url,
      headers,
      ...(options.query ? { query: options.query } : {}),
      ...(body !== undefined ? { payload: body as object } : {}),
    });
  }

  get(url: string, options?: RequestOptions) {
    return this.request("GET", url, undefined, options);
  }
  post(url: string, body?: unknown, options?: RequestOptions) {
    return this.request("POST", url, body ?? {}, options);
  }
  patch(url: string, body?: unknown, options?: RequestOptions) {
    return this.request("PATCH", url, body ?? {}, options);
  }
  delete(url: string, options?: RequestOptions) {
    return this.request("DELETE", url, undefined, options);
  }
}

function sessionCookie(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === "relance_session");
  if (!cookie) throw new Error(`no session cookie (status ${res.statusCode}: ${res.body})`);
  return cookie.value;
}

let counter = 0;

/** Signs up a new user with a new organization (the user is its owner). */
export async function signUp(
  app: FastifyInstance,
  options: { email?: string; organization?: string; password?: string; name?: string } = {},
): Promise<Agent> {
  counter += 1;
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/auth/signup",
    payload: {
      email: options.email ?? `user${counter}-${process.pid}@example.fr`,
      password: options.password ?? "correct horse battery",
      name: options.name ?? `Utilisateur ${counter}`,
      organization_name: options.organization ?? `Entreprise ${counter}`,
    },
  });
  if (res.statusCode !== 201) throw new Error(`sign-up failed ${res.statusCode}: ${res.body}`);
  const body = res.json() as { user: { id: string }; organization: { id: string }; csrf_token: string };
  return new Agent(app, sessionCookie(res), body.csrf_token, body.user.id, body.organization.id);
}

export async function logIn(app: FastifyInstance, email: string, password: string): Promise<Agent> {
  const res = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed ${res.statusCode}: ${res.body}`);
  const body = res.json() as {
    user: { id: string };
    organization: { id: string } | null;
    csrf_token: string;
  };
  return new Agent(app, sessionCookie(res), body.csrf_token, body.user.id, body.organization?.id ?? "");
}

/**
 * A member of `owner`'s organization with the given role: invited by the owner, then accepting the invitation.
 * Needs the invitations routes.
 */
export async function memberWithRole(owner: Agent, role: Role): Promise<Agent> {
  counter += 1;
  const email = `${role}${counter}-${process.pid}@example.fr`;
  const invite = await owner.post("/api/v1/invitations", { email, role });
  if (invite.statusCode !== 201) throw new Error(`invitation failed ${invite.statusCode}: ${invite.body}`);
  const url = new URL((invite.json() as { accept_url: string }).accept_url);
  const token = url.pathname.split("/").pop() ?? "";
  const res = await owner.app.inject({
    method: "POST",
    url: "/api/v1/invitations/accept",
    payload: { token, password: "correct horse battery", name: `Membre ${role}` },
  });
  if (res.statusCode !== 200) throw new Error(`accept failed ${res.statusCode}: ${res.body}`);
  const body = res.json() as { user: { id: string }; organization: { id: string }; csrf_token: string };
  return new Agent(owner.app, sessionCookie(res), body.csrf_token, body.user.id, body.organization.id);
}
