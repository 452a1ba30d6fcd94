import Fastify, { type LightMyRequestResponse } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { installAuth } from "../../src/http/auth.js";
import { buildServer, SECURITY_HEADERS } from "../../src/http/server.js";
import { testDialects } from "../support/databases.js";
import { signUp, startTestServer, type TestServer } from "../support/http.js";

/** Every error leaves with exactly this shape. */
function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  const body = res.json();
  expect(Object.keys(body)).toEqual(["error"]);
  expect(Object.keys(body.error).sort()).toEqual(["code", "details", "message"]);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error as { code: string; message: string; details: { path: string; message: string }[] | null };
}

function expectSecurityHeaders(res: LightMyRequestResponse) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    expect(res.headers[name.toLowerCase()], name).toBe(value);
  }
  expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
  expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(res.headers["x-content-type-options"]).toBe("nosniff");
  // Plain http: no HSTS (it would pin a local server to https).
  expect(res.headers["strict-transport-security"]).toBeUndefined();
}

describe.each(testDialects())("HTTP edge (%s)", (dialect) => {
  let s: TestServer;

  beforeEach(async () => {
    s = await startTestServer(dialect);
  });
  afterEach(async () => {
    await s.close();
  });

  const login = (payload: unknown, headers: Record<string, string> = {}) =>
    s.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: payload as string, headers });

  it("answers /api/health when the database is reachable", async () => {
    const res = await s.app.inject({ method: "GET", url: "/api/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", database: dialect });
    expectSecurityHeaders(res);
  });

  it("sends the security headers and no-store on API answers, errors included", async () => {
    const owner = await signUp(s.app);
    for (const res of [
      await owner.get("/api/v1/session"),
      await s.app.inject({ method: "GET", url: "/api/v1/session" }),
      await s.app.inject({ method: "GET", url: "/api/v1/nothing-here" }),
    ]) {
      expectSecurityHeaders(res);
      expect(res.headers["cache-control"]).toBe("no-store");
    }
  });

  it("serves the API reference under the same CSP, scripts from the server itself", async () => {
    const res = await s.app.inject({ method: "GET", url: "/api/docs" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expectSecurityHeaders(res);
    // script-src 'self' forbids inline scripts: the page must load every script from a file.
    const scripts = [...res.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      expect(attributes).toMatch(/src="\/api\/docs\//);
      expect(inline?.trim()).toBe("");
    }
  });

  it("publishes an OpenAPI 3 document of the API", async () => {
    const res = await s.app.inject({ method: "GET", url: "/api/docs/json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      "/api/v1/invoices",
      "/api/v1/auth/login",
      "/api/v1/session",
      "/api/v1/organization",
      "/api/v1/members",
      "/api/v1/members/{userId}",
      "/api/v1/invitations",
      "/api/v1/invitations/accept",
      "/api/v1/invitations/lookup",
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    const body = doc.paths["/api/v1/auth/login"].post.requestBody.content["application/json"].schema;
    expect(Object.keys(body.properties).sort()).toEqual(["email", "password"]);
    expect(doc.paths["/api/v1/invitations"].post.responses).toHaveProperty(["201"]);
  });

  describe("errors", () => {
    it("answers an unknown route with 404", async () => {
      const error = expectError(
        await s.app.inject({ method: "GET", url: "/api/v1/nothing-here?x=1" }),
        404,
        "not_found",
      );
      expect(error.message).toBe("Aucune route GET /api/v1/nothing-here.");
      expect(error.details).toBeNull();
      expectError(await s.app.inject({ method: "DELETE", url: "/api/v1/session" }), 404, "not_found");
    });

    it("answers malformed JSON with 400", async () => {
      const error = expectError(
        await login("{ not json", { "content-type": "application/json" }),
        400,
        "invalid_input",
      );
      expect(error.message).toBe("Le corps de la requête n'est pas du JSON valide.");
    });

    it("answers an unknown field with 400 naming it", async () => {
      const error = expectError(
        await login({ email: "a@example.fr", password: "x", remember_me: true }),
        400,
        "invalid_input",
      );
      expect(error.details?.map((d) => d.path)).toEqual(["remember_me"]);
    });

    it("answers a field of the wrong type or missing with 400 naming it", async () => {
      const wrong = expectError(await login({ email: 42, password: "x" }), 400, "invalid_input");
      expect(wrong.details?.map((d) => d.path)).toEqual(["email"]);
      // What was received is named, in the caller's language.
      expect(wrong.details?.[0]?.message).toBe("Entrée invalide : chaîne de caractères attendu, nombre reçu");
      const missing = expectError(await login({ email: "a@example.fr" }), 400, "invalid_input");
      expect(missing.details?.map((d) => d.path)).toEqual(["password"]);
      const query = expectError(
        await s.app.inject({
          method: "GET",
          url: "/api/v1/invitations/lookup",
          query: { token: "t", extra: "1" },
        }),
        400,
        "invalid_input",
      );
      expect(query.details?.map((d) => d.path)).toEqual(["extra"]);
    });

    it("answers a body over 1 MiB with 400, not 413", async () => {
      const big = JSON.stringify({ email: "a@example.fr", password: "x".repeat(1024 * 1024) });
      const error = expectError(
        await login(big, { "content-type": "application/json" }),
        400,
        "invalid_input",
      );
      expect(error.message).toContain("1048576");
    });

    it("answers an unauthenticated request with 401, and a stale cookie alike", async () => {
      expectError(await s.app.inject({ method: "GET", url: "/api/v1/members" }), 401, "unauthorized");
      expectError(
        await s.app.inject({
          method: "POST",
          url: "/api/v1/invitations",
          payload: { email: "a@example.fr", role: "viewer" },
        }),
        401,
        "unauthorized",
      );
      expectError(
        await s.app.inject({
          method: "GET",
          url: "/api/v1/organization",
          headers: { cookie: `relance_session=${"x".repeat(43)}` },
        }),
        401,
        "unauthorized",
      );
    });

    it("words messages in French by default and in English on request", async () => {
      const request = (headers: Record<string, string>) =>
        s.app.inject({ method: "GET", url: "/api/v1/members", headers });
      expect(expectError(await request({}), 401, "unauthorized").message).toBe(
        "Connectez-vous pour continuer.",
      );
      expect(
        expectError(await request({ "accept-language": "en-GB,en;q=0.9" }), 401, "unauthorized").message,
      ).toBe("Sign in to continue.");
      expect(expectError(await request({ "accept-language": "de-DE" }), 401, "unauthorized").message).toBe(
        "Connectez-vous pour continuer.",
      );

      const fr = expectError(
        await login({ email: "a@example.fr", password: "x", extra: 1 }),
        400,
        "invalid_input",
      );
      const en = expectError(
        await login({ email: "a@example.fr", password: "x", extra: 1 }, { "accept-language": "en" }),
        400,
        "invalid_input",
      );
      expect(fr.message).toMatch(/^Requête invalide : extra : /);
      expect(en.message).toMatch(/^Invalid request: extra: /);
      expect(fr.details?.[0]?.message).not.toBe(en.details?.[0]?.message);
      expect(
        expectError(
          await s.app.inject({ method: "GET", url: "/nope/api", headers: { "accept-language": "en" } }),
          404,
          "not_found",
        ).message,
      ).toBe("No route GET /nope/api.");
    });
  });

  describe("access rules", () => {
    it("refuses to start with an API route that declares no access rule", async () => {
      const app = await buildServer(s.ctx, { signup: "open", demo: false, filesDir: s.filesDir, web: false });
      try {
        expect(() => app.get("/api/v1/forgotten", async () => ({ leaked: true }))).toThrow(
          "route GET /api/v1/forgotten declares no access rule",
        );
        // Declared routes, and routes outside /api/v1, are accepted.
        expect(() =>
          app.get("/api/v1/declared", { config: { access: { public: true } } }, async () => ({ ok: true })),
        ).not.toThrow();
        expect(() => app.get("/outside", async () => ({ ok: true }))).not.toThrow();
        await app.ready();
        const res = await app.inject({ method: "GET", url: "/api/v1/forgotten" });
        expect(res.statusCode).toBe(404);
      } finally {
        await app.close();
      }
    });

    it("checks it in any Fastify instance with installAuth, inside plugins too", async () => {
      const app = Fastify();
      installAuth(app, s.ctx);
      await expect(
        app.register(async (child) => {
          child.post("/api/v1/plugin-route", async () => ({ ok: true }));
        }),
      ).rejects.toThrow("route POST /api/v1/plugin-route declares no access rule");
      await app.close();
    });
  });
});
