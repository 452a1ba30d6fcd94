import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hashToken } from "../../src/app/accounts/session-tokens.js";
import { DEMO_OWNER_EMAIL, DEMO_OWNER_PASSWORD, loadDemo } from "../../src/app/demo/load-demo.js";
import { initOrganization } from "../../src/app/organizations/init-organization.js";
import { buildServer, type ServerOptions } from "../../src/http/server.js";
import { testContext } from "../support/context.js";
import { testDialects } from "../support/databases.js";
import { Agent, memberWithRole, signUp, startTestServer, type TestServer } from "../support/http.js";

const PASSWORD = "correct horse battery";
const NOW = "2025-06-30T08:00:00.000Z";
const DAY = 24 * 3600 * 1000;

/** The test clock moved forward by `ms`. */
function plus(ms: number): string {
  return new Date(Date.parse(NOW) + ms).toISOString();
}

function sessionCookie(res: LightMyRequestResponse) {
  return res.cookies.find((c) => c.name === "relance_session");
}

function tokenOf(acceptUrl: string): string {
  return new URL(acceptUrl).pathname.split("/").pop() ?? "";
}

describe.each(testDialects())("accounts over HTTP (%s)", (dialect) => {
  let s: TestServer;
  const extra: FastifyInstance[] = [];

  beforeEach(async () => {
    s = await startTestServer(dialect);
  });
  afterEach(async () => {
    for (const app of extra.splice(0)) await app.close();
    await s.close();
  });

  /** A second server on the same database, its clock at `now` (sessions and invitations age meanwhile). */
  async function serverAt(now: string, options: Partial<ServerOptions> = {}): Promise<FastifyInstance> {
    const app = await buildServer(testContext(s.t, { now }), {
      signup: "open",
      demo: false,
      filesDir: s.filesDir,
      web: false,
      ...options,
    });
    await app.ready();
    extra.push(app);
    return app;
  }

  function getSession(app: FastifyInstance, cookie: string) {
    return app.inject({
      method: "GET",
      url: "/api/v1/session",
      headers: { cookie: `relance_session=${cookie}` },
    });
  }

  function login(email: string, password: string, headers: Record<string, string> = {}) {
    return s.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password }, headers });
  }

  async function countRows(table: "user" | "organization" | "membership" | "session" | "invitation") {
    const row = await s.ctx.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function invite(owner: Agent, email: string, role = "viewer") {
    const res = await owner.post("/api/v1/invitations", { email, role });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; email: string; role: string; expires_at: string; accept_url: string };
  }

  function accept(
    app: FastifyInstance,
    payload: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) {
    return app.inject({ method: "POST", url: "/api/v1/invitations/accept", payload, headers });
  }

  function lookup(app: FastifyInstance, token: string) {
    return app.inject({ method: "GET", url: "/api/v1/invitations/lookup", query: { token } });
  }

  describe("sign-up, log-in, log-out", () => {
    it("signs up a user, their organization and an owner session", async () => {
      const res = await s.app.inject({
        method: "POST",
        url: "/api/v1/auth/signup",
        payload: {
          email: "Alice@Example.FR",
          password: PASSWORD,
          name: "Alice",
          organization_name: "Atelier A",
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      expect(body.user).toMatchObject({ email: "alice@example.fr", name: "Alice", locale: "fr" });
      expect(body.organization).toMatchObject({ name: "Atelier A", role: "owner" });
      expect(body.organizations).toEqual([body.organization]);
      expect(body.csrf_token).toMatch(/^[\w-]{43}$/);

      const cookie = sessionCookie(res);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/", maxAge: 30 * 24 * 3600 });
      expect(cookie?.secure).toBeUndefined();
      // Stored as its hash only.
      const session = await s.ctx.db.selectFrom("session").selectAll().executeTakeFirstOrThrow();
      expect(session.id).toBe(hashToken(cookie?.value ?? ""));
      expect(session.organization_id).toBe(body.organization.id);
      const membership = await s.ctx.db.selectFrom("membership").selectAll().executeTakeFirstOrThrow();
      expect(membership).toMatchObject({
        user_id: body.user.id,
        organization_id: body.organization.id,
        role: "owner",
      });
      const user = await s.ctx.db.selectFrom("user").selectAll().executeTakeFirstOrThrow();
      expect(user.password_hash).toMatch(/^\$argon2id\$/);

      const again = await getSession(s.app, cookie?.value ?? "");
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual(body);
      // The e-mail is one account whatever its case.
      expect((await login("ALICE@example.fr", PASSWORD)).statusCode).toBe(200);
    });

    it("refuses a second account for the same e-mail, in any case, and a short password", async () => {
      await signUp(s.app, { email: "bob@example.fr" });
      const dup = await s.app.inject({
        method: "POST",
        url: "/api/v1/auth/signup",
        payload: { email: "BOB@example.fr", password: PASSWORD, name: "B", organization_name: "B" },
      });
      expect(dup.statusCode).toBe(409);
      const short = await s.app.inject({
        method: "POST",
        url: "/api/v1/auth/signup",
        payload: { email: "carol@example.fr", password: "short", name: "C", organization_name: "C" },
      });
      expect(short.statusCode).toBe(400);
      expect(short.json().error.details.map((d: { path: string }) => d.path)).toEqual(["password"]);
      expect(await countRows("user")).toBe(1);
      expect(await countRows("organization")).toBe(1);
    });

    it("sets a Secure cookie when the request came over https", async () => {
      const app = await buildServer(s.ctx, { signup: "open", demo: false, filesDir: s.filesDir, web: false });
      // inject has no TLS socket: mark the socket encrypted, as Node's TLS server does.
      app.addHook("onRequest", async (request) => {
        (request.raw.socket as { encrypted?: boolean }).encrypted = true;
      });
      await app.ready();
      extra.push(app);
      await signUp(s.app, { email: "tls@example.fr" });
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: "tls@example.fr", password: PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.find((c) => c.name === "__Host-relance_session")).toMatchObject({
        secure: true,
        httpOnly: true,
        sameSite: "Lax",
        path: "/",
      });
      expect(res.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    });

    describe("the __Host- session cookie over https (behind a trusted proxy)", () => {
      const HOST_COOKIE = "__Host-relance_session";
      let proxied: FastifyInstance;
      const https = { "x-forwarded-proto": "https" };

      beforeEach(async () => {
        proxied = await serverAt(NOW, { trustProxy: true });
        await signUp(s.app, { email: "proxy@example.fr" });
      });

      function loginOver(headers: Record<string, string>, cookie?: string) {
        return proxied.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          payload: { email: "proxy@example.fr", password: PASSWORD },
          headers: { ...headers, ...(cookie ? { cookie } : {}) },
        });
      }

      it("names it __Host-relance_session: Secure, Path=/, no Domain; HSTS with subdomains", async () => {
        const res = await loginOver(https);
        expect(res.statusCode, res.body).toBe(200);
        const setCookie = String(res.headers["set-cookie"]);
        expect(setCookie).toMatch(
          /^__Host-relance_session=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
        );
        expect(setCookie).not.toMatch(/domain=/i);
        expect(res.cookies.map((c) => c.name)).toEqual([HOST_COOKIE]);
        expect(res.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
      });

      it("reads back only the cookie of the request's protocol", async () => {
        const token = (await loginOver(https)).cookies.find((c) => c.name === HOST_COOKIE)?.value ?? "";
        expect(token).not.toBe("");
        const get = (headers: Record<string, string>) =>
          proxied.inject({ method: "GET", url: "/api/v1/session", headers });
        const ok = await get({ ...https, cookie: `${HOST_COOKIE}=${token}` });
        expect(ok.statusCode, ok.body).toBe(200);
        expect(ok.json().user.email).toBe("proxy@example.fr");
        // over https the unprefixed name (which another host could set) is ignored…
        expect((await get({ ...https, cookie: `relance_session=${token}` })).statusCode).toBe(401);
        // …and over http the prefixed one is not looked at
        expect((await get({ cookie: `${HOST_COOKIE}=${token}` })).statusCode).toBe(401);
        expect((await get({ cookie: `relance_session=${token}` })).statusCode).toBe(200);
      });

      it("replaces the session of the https cookie at log-in, and clears that cookie at log-out", async () => {
        const first = (await loginOver(https)).cookies.find((c) => c.name === HOST_COOKIE)?.value ?? "";
        const second = await loginOver(https, `${HOST_COOKIE}=${first}`);
        expect(second.statusCode).toBe(200);
        expect((await getSession(proxied, first)).statusCode).toBe(401); // the replaced session ended
        const token = second.cookies.find((c) => c.name === HOST_COOKIE)?.value ?? "";
        const csrf = second.json().csrf_token as string;
        const out = await proxied.inject({
          method: "POST",
          url: "/api/v1/auth/logout",
          headers: { ...https, cookie: `${HOST_COOKIE}=${token}`, "x-csrf-token": csrf },
        });
        expect(out.statusCode, out.body).toBe(204);
        const cleared = out.cookies.find((c) => c.name === HOST_COOKIE);
        expect(cleared).toMatchObject({ value: "", path: "/", secure: true });
        expect(await countRows("session")).toBe(1); // only the sign-up's session on s.app is left
      });

      it("keeps relance_session, without Secure nor HSTS, over plain http even behind the proxy", async () => {
        const res = await loginOver({ "x-forwarded-proto": "http" });
        expect(res.statusCode).toBe(200);
        expect(res.cookies.map((c) => c.name)).toEqual(["relance_session"]);
        expect(sessionCookie(res)?.secure).toBeFalsy();
        expect(res.headers["strict-transport-security"]).toBeUndefined();
      });

      it("ignores X-Forwarded-Proto when the proxy is not trusted", async () => {
        const res = await s.app.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          payload: { email: "proxy@example.fr", password: PASSWORD },
          headers: https,
        });
        expect(res.statusCode).toBe(200);
        expect(res.cookies.map((c) => c.name)).toEqual(["relance_session"]);
        expect(res.headers["strict-transport-security"]).toBeUndefined();
      });
    });

    it("issues a new token at every log-in and ends the session it replaces", async () => {
      const owner = await signUp(s.app, { email: "dan@example.fr" });
      const first = await login("dan@example.fr", PASSWORD);
      expect(first.statusCode).toBe(200);
      const t1 = sessionCookie(first)?.value ?? "";
      expect(t1).not.toBe(owner.cookie);
      expect(first.json().organization.id).toBe(owner.orgId);

      // Logging in again from the browser holding t1: a fresh token, and t1 is gone.
      const second = await login("dan@example.fr", PASSWORD, { cookie: `relance_session=${t1}` });
      expect(second.statusCode).toBe(200);
      const t2 = sessionCookie(second)?.value ?? "";
      expect(t2).not.toBe(t1);
      expect((await getSession(s.app, t1)).statusCode).toBe(401);
      expect((await getSession(s.app, t2)).statusCode).toBe(200);
      // Another device's session is untouched.
      expect((await getSession(s.app, owner.cookie)).statusCode).toBe(200);
    });

    it("answers a wrong password and an unknown e-mail alike", async () => {
      await signUp(s.app, { email: "erin@example.fr" });
      const wrong = await login("erin@example.fr", "not the password");
      const unknown = await login("nobody@example.fr", "not the password");
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json()).toEqual(unknown.json());
      expect(wrong.json().error.code).toBe("unauthorized");
      expect(sessionCookie(wrong)).toBeUndefined();
    });

    it("refuses the 11th failed log-in in 15 minutes with Retry-After, for that e-mail only", async () => {
      await signUp(s.app, { email: "frank@example.fr" });
      await signUp(s.app, { email: "grace@example.fr" });
      for (let i = 0; i < 10; i++) {
        expect((await login("frank@example.fr", `wrong ${i}`)).statusCode).toBe(401);
      }
      const blocked = await login("frank@example.fr", PASSWORD);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe("rate_limited");
      const retry = Number(blocked.headers["retry-after"]);
      expect(retry).toBeGreaterThan(0);
      expect(retry).toBeLessThanOrEqual(15 * 60);
      expect(sessionCookie(blocked)).toBeUndefined();
      // Another account from the same address still logs in.
      expect((await login("grace@example.fr", PASSWORD)).statusCode).toBe(200);
    });

    it("logs out: the session ends and the cookie is cleared", async () => {
      const owner = await signUp(s.app);
      const noCsrf = await owner.post("/api/v1/auth/logout", undefined, { noCsrf: true });
      expect(noCsrf.statusCode).toBe(403);
      expect((await getSession(s.app, owner.cookie)).statusCode).toBe(200);

      const res = await owner.post("/api/v1/auth/logout");
      expect(res.statusCode).toBe(204);
      const cleared = sessionCookie(res);
      expect(cleared?.value).toBe("");
      expect(new Date(cleared?.expires ?? Date.now()).getTime()).toBeLessThan(Date.parse(NOW));
      expect((await getSession(s.app, owner.cookie)).statusCode).toBe(401);
      expect(await countRows("session")).toBe(0);
      expect((await owner.post("/api/v1/auth/logout")).statusCode).toBe(401);
    });

    it("ends a session idle for 7 days", async () => {
      const owner = await signUp(s.app);
      const almost = await serverAt(plus(7 * DAY - 60_000));
      expect((await getSession(almost, owner.cookie)).statusCode).toBe(200);
      // That request counted as activity: 7 days from it, the session has been idle too long.
      const idle = await serverAt(plus(14 * DAY - 60_000));
      const res = await getSession(idle, owner.cookie);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe("unauthorized");
      expect(await countRows("session")).toBe(0);
    });

    it("ends a session 30 days after log-in even when used every day", async () => {
      const owner = await signUp(s.app);
      for (const day of [6, 12, 18, 24, 29]) {
        const app = await serverAt(plus(day * DAY));
        expect((await getSession(app, owner.cookie)).statusCode, `day ${day}`).toBe(200);
      }
      const late = await serverAt(plus(30 * DAY));
      expect((await getSession(late, owner.cookie)).statusCode).toBe(401);
      expect(await countRows("session")).toBe(0);
    });
  });

  describe("session and organizations", () => {
    it("creates a second organization, lists both and switches only to one the user belongs to", async () => {
      const owner = await signUp(s.app, { organization: "Alpha" });
      const stranger = await signUp(s.app, { organization: "Gamma" });
      const created = await owner.post("/api/v1/organizations", { name: "Beta" });
      expect(created.statusCode, created.body).toBe(201);
      const session = created.json();
      expect(session.organization).toMatchObject({ name: "Beta", role: "owner" });
      expect(session.organizations.map((o: { name: string }) => o.name)).toEqual(["Alpha", "Beta"]);

      const org = await owner.get("/api/v1/organization");
      expect(org.json().name).toBe("Beta");

      const back = await owner.patch("/api/v1/session", { organization_id: owner.orgId });
      expect(back.statusCode).toBe(200);
      expect(back.json().organization).toMatchObject({ id: owner.orgId, name: "Alpha" });

      const foreign = await owner.patch("/api/v1/session", { organization_id: stranger.orgId });
      expect(foreign.statusCode).toBe(404);
      expect((await owner.get("/api/v1/session")).json().organization.id).toBe(owner.orgId);
      const unknown = await owner.patch("/api/v1/session", { organization_id: "no-such-org" });
      expect(unknown.statusCode).toBe(404);
    });

    it("changes the user's language, which then words the errors", async () => {
      const owner = await signUp(s.app);
      const res = await owner.patch("/api/v1/session", { locale: "en" });
      expect(res.statusCode).toBe(200);
      expect(res.json().user.locale).toBe("en");
      const missing = await owner.patch("/api/v1/members/nobody", { role: "viewer" });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.message).toBe("No such member.");
      const bad = await owner.patch("/api/v1/session", { locale: "de" });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details[0].path).toBe("locale");
    });
  });

  describe("CSRF and content types", () => {
    it("refuses a state change without the CSRF token, or with a wrong one, and changes nothing", async () => {
      const owner = await signUp(s.app, { organization: "Alpha" });
      const pending = await invite(owner, "pending@example.fr");
      const attempts = [
        owner.post("/api/v1/organizations", { name: "Evil" }, { noCsrf: true }),
        owner.post(
          "/api/v1/organizations",
          { name: "Evil" },
          { noCsrf: true, headers: { "x-csrf-token": "forged" } },
        ),
        owner.patch("/api/v1/organization", { name: "Evil" }, { noCsrf: true }),
        owner.patch(
          "/api/v1/organization",
          { name: "Evil" },
          { noCsrf: true, headers: { "x-csrf-token": `${owner.csrf}x` } },
        ),
        owner.delete(`/api/v1/invitations/${pending.id}`, { noCsrf: true }),
        owner.post("/api/v1/invitations", { email: "evil@example.fr", role: "owner" }, { noCsrf: true }),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe("forbidden");
      }
      expect(await countRows("organization")).toBe(1);
      expect((await owner.get("/api/v1/organization")).json().name).toBe("Alpha");
      const list = (await owner.get("/api/v1/invitations")).json();
      expect(list.data.map((i: { email: string }) => i.email)).toEqual(["pending@example.fr"]);
    });

    it("refuses form-encoded state changes, signed in or not", async () => {
      const owner = await signUp(s.app);
      const form = await owner.request("POST", "/api/v1/organizations", "name=Evil", {
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expect(form.statusCode).toBe(400);
      expect(form.json().error.code).toBe("invalid_input");
      const text = await s.app.inject({
        method: "POST",
        url: "/api/v1/auth/signup",
        headers: { "content-type": "text/plain" },
        payload: JSON.stringify({
          email: "x@example.fr",
          password: PASSWORD,
          name: "X",
          organization_name: "X",
        }),
      });
      expect(text.statusCode).toBe(400);
      expect(await countRows("organization")).toBe(1);
      expect(await countRows("user")).toBe(1);
    });
  });

  describe("roles", () => {
    it("lets each role do what it may and refuses the rest", async () => {
      const owner = await signUp(s.app);
      const manager = await memberWithRole(owner, "manager");
      const collector = await memberWithRole(owner, "collector");
      const viewer = await memberWithRole(owner, "viewer");
      for (const agent of [manager, collector, viewer]) expect(agent.orgId).toBe(owner.orgId);

      const expectStatus = async (res: Promise<LightMyRequestResponse>, status: number, what: string) => {
        const r = await res;
        expect(r.statusCode, `${what}: ${r.body}`).toBe(status);
        if (status === 403) expect(r.json().error.code).toBe("forbidden");
      };
      // owner: everything here
      await expectStatus(
        owner.post("/api/v1/invitations", { email: "o@example.fr", role: "viewer" }),
        201,
        "owner invites",
      );
      await expectStatus(
        owner.patch("/api/v1/organization", { city: "Lyon" }),
        200,
        "owner edits the organization",
      );
      // manager: sees members and invitations, changes neither them nor the organization
      await expectStatus(manager.get("/api/v1/members"), 200, "manager lists members");
      await expectStatus(manager.get("/api/v1/invitations"), 200, "manager lists invitations");
      await expectStatus(
        manager.patch("/api/v1/organization", { city: "Evil" }),
        403,
        "manager edits the organization",
      );
      await expectStatus(
        manager.post("/api/v1/invitations", { email: "m@example.fr", role: "owner" }),
        403,
        "manager invites",
      );
      await expectStatus(
        manager.patch(`/api/v1/members/${viewer.userId}`, { role: "manager" }),
        403,
        "manager promotes",
      );
      // collector: reads the organization, not the members
      await expectStatus(collector.get("/api/v1/organization"), 200, "collector reads the organization");
      await expectStatus(collector.get("/api/v1/members"), 403, "collector lists members");
      await expectStatus(collector.delete(`/api/v1/members/${viewer.userId}`), 403, "collector removes");
      // viewer: reads only
      await expectStatus(viewer.get("/api/v1/organization"), 200, "viewer reads the organization");
      await expectStatus(
        viewer.post("/api/v1/invitations", { email: "v@example.fr", role: "viewer" }),
        403,
        "viewer invites",
      );
      await expectStatus(viewer.get("/api/v1/invitations"), 403, "viewer lists invitations");

      const org = (await owner.get("/api/v1/organization")).json();
      expect(org.city).toBe("Lyon");
      const members = (await owner.get("/api/v1/members")).json();
      expect(members.data.find((m: { user_id: string }) => m.user_id === viewer.userId).role).toBe("viewer");
      const invitations = (await owner.get("/api/v1/invitations")).json();
      expect(invitations.data.map((i: { email: string }) => i.email)).toEqual(["o@example.fr"]);
    });
  });

  describe("members", () => {
    it("lists the members, changes roles and keeps at least one owner", async () => {
      const owner = await signUp(s.app, { email: "owner@example.fr", name: "Olga" });
      const member = await memberWithRole(owner, "viewer");
      const list = await owner.get("/api/v1/members");
      expect(list.statusCode).toBe(200);
      const body = list.json();
      expect(body.next_cursor).toBeNull();
      expect(body.data).toHaveLength(2);
      expect(body.data).toContainEqual({
        user_id: owner.userId,
        email: "owner@example.fr",
        name: "Olga",
        role: "owner",
      });

      const paged = await owner.get("/api/v1/members", { query: { limit: "1" } });
      const page1 = paged.json();
      expect(page1.data).toHaveLength(1);
      const page2 = (
        await owner.get("/api/v1/members", { query: { limit: "1", cursor: page1.next_cursor } })
      ).json();
      expect(page2.next_cursor).toBeNull();
      expect([...page1.data, ...page2.data]).toEqual(body.data);

      const last = await owner.patch(`/api/v1/members/${owner.userId}`, { role: "manager" });
      expect(last.statusCode).toBe(409);
      expect(last.json().error.message).toBe("L'entreprise doit garder au moins un propriétaire.");
      expect((await owner.delete(`/api/v1/members/${owner.userId}`)).statusCode).toBe(409);

      const promoted = await owner.patch(`/api/v1/members/${member.userId}`, { role: "owner" });
      expect(promoted.statusCode).toBe(200);
      expect(promoted.json()).toMatchObject({ user_id: member.userId, role: "owner" });
      // With two owners, one may step down; the other then is the last.
      const stepDown = await owner.patch(`/api/v1/members/${owner.userId}`, { role: "manager" });
      expect(stepDown.statusCode).toBe(200);
      expect((await owner.get("/api/v1/session")).json().organization.role).toBe("manager");
      expect((await owner.patch(`/api/v1/members/${owner.userId}`, { role: "owner" })).statusCode).toBe(403);
      expect((await member.patch(`/api/v1/members/${member.userId}`, { role: "viewer" })).statusCode).toBe(
        409,
      );

      const bad = await member.patch(`/api/v1/members/${owner.userId}`, { role: "admin" });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details[0].path).toBe("role");

      const audit = await s.ctx.db
        .selectFrom("audit_log")
        .select(["entity", "operation", "entity_id", "data"])
        .where("organization_id", "=", owner.orgId)
        .where("entity", "=", "membership")
        .where("operation", "=", "update")
        .execute();
      const changes = audit.map((a) => JSON.parse(a.data));
      expect(changes).toHaveLength(2);
      expect(changes).toContainEqual({ email: expect.any(String), from: "viewer", to: "owner" });
      expect(changes).toContainEqual({ email: "owner@example.fr", from: "owner", to: "manager" });
    });

    it("keeps an owner when two owners demote each other at the same time", async () => {
      const owner = await signUp(s.app);
      const other = await memberWithRole(owner, "owner");
      const results = await Promise.all([
        owner.patch(`/api/v1/members/${other.userId}`, { role: "viewer" }),
        other.patch(`/api/v1/members/${owner.userId}`, { role: "viewer" }),
      ]);
      // The loser is refused by the last-owner rule, or (if it started after the winner committed) by its new role.
      const statuses = results.map((r) => r.statusCode).sort();
      expect(statuses[0]).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      const roles = await s.ctx.db
        .selectFrom("membership")
        .select("role")
        .where("organization_id", "=", owner.orgId)
        .execute();
      expect(roles.map((r) => r.role).sort()).toEqual(["owner", "viewer"]);
    });

    it("removes a member, whose sessions lose the organization", async () => {
      const owner = await signUp(s.app);
      const member = await memberWithRole(owner, "manager");
      expect((await member.get("/api/v1/organization")).statusCode).toBe(200);

      const res = await owner.delete(`/api/v1/members/${member.userId}`);
      expect(res.statusCode).toBe(204);
      const session = await member.get("/api/v1/session");
      expect(session.statusCode).toBe(200);
      expect(session.json().organization).toBeNull();
      expect(session.json().organizations).toEqual([]);
      const sessions = await s.ctx.db
        .selectFrom("session")
        .select("organization_id")
        .where("user_id", "=", member.userId)
        .execute();
      expect(sessions).toEqual([{ organization_id: null }]);
      const refused = await member.get("/api/v1/organization");
      expect(refused.statusCode).toBe(403);
      expect((await owner.get("/api/v1/members")).json().data).toHaveLength(1);
      expect((await owner.delete(`/api/v1/members/${member.userId}`)).statusCode).toBe(404);
      const audit = await s.ctx.db
        .selectFrom("audit_log")
        .selectAll()
        .where("organization_id", "=", owner.orgId)
        .where("operation", "=", "delete")
        .executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ entity: "membership", entity_id: member.userId, user_id: owner.userId });
    });

    it("answers 404 for a member of another organization and changes nothing there", async () => {
      const owner = await signUp(s.app);
      const other = await signUp(s.app);
      const otherMember = await memberWithRole(other, "viewer");
      expect((await owner.patch(`/api/v1/members/${other.userId}`, { role: "viewer" })).statusCode).toBe(404);
      expect((await owner.patch(`/api/v1/members/${otherMember.userId}`, { role: "owner" })).statusCode).toBe(
        404,
      );
      expect((await owner.delete(`/api/v1/members/${otherMember.userId}`)).statusCode).toBe(404);
      const members = (await other.get("/api/v1/members")).json().data;
      expect(members.map((m: { role: string }) => m.role).sort()).toEqual(["owner", "viewer"]);
      expect((await owner.get("/api/v1/members")).json().data).toHaveLength(1);
    });
  });

  describe("invitations", () => {
    it("never lets an invitation choose the password of an existing account that has none (relance init)", async () => {
      // `relance init --email` makes an owner without a password; anyone can create an organization and invite
      // that e-mail: accepting must not hand them the account.
      await initOrganization({ ctx: s.ctx, name: "Victime SARL", email: "alice@victime.fr" });
      const mallory = await signUp(s.app, { organization: "Leurre" });
      const inv = await invite(mallory, "alice@victime.fr", "viewer");
      const res = await s.app.inject({
        method: "POST",
        url: "/api/v1/invitations/accept",
        payload: { token: tokenOf(inv.accept_url), password: "mallory's password" },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toContain("relance users set-password");
      const alice = await s.ctx.db
        .selectFrom("user")
        .selectAll()
        .where("email", "=", "alice@victime.fr")
        .executeTakeFirstOrThrow();
      expect(alice.password_hash).toBeNull();
      const login = await s.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: "alice@victime.fr", password: "mallory's password" },
      });
      expect(login.statusCode).toBe(401);
      expect((await lookup(s.app, tokenOf(inv.accept_url))).statusCode).toBe(200);
    });

    it("invites someone new, who creates an account by accepting; the link works once", async () => {
      const owner = await signUp(s.app, { organization: "Atelier Olga" });
      const inv = await invite(owner, "  New.Person@Example.fr ", "collector");
      expect(inv).toMatchObject({
        email: "new.person@example.fr",
        role: "collector",
        expires_at: plus(7 * DAY),
      });
      expect(inv.accept_url).toMatch(/^http:\/\/localhost(:80)?\/invitation\/[\w-]{43}$/);
      const token = tokenOf(inv.accept_url);
      const row = await s.ctx.db.selectFrom("invitation").selectAll().executeTakeFirstOrThrow();
      expect(row.token_hash).toBe(hashToken(token));
      expect(JSON.stringify(row)).not.toContain(token);

      const listed = (await owner.get("/api/v1/invitations")).json();
      expect(listed.data).toEqual([
        { id: inv.id, email: inv.email, role: "collector", created_at: NOW, expires_at: inv.expires_at },
      ]);

      const seen = await lookup(s.app, token);
      expect(seen.statusCode).toBe(200);
      expect(seen.json()).toEqual({
        organization_name: "Atelier Olga",
        email: "new.person@example.fr",
        role: "collector",
        has_account: false,
      });

      const short = await accept(s.app, { token, password: "short" });
      expect(short.statusCode).toBe(400);
      expect(short.json().error.details[0].path).toBe("password");
      expect(await countRows("user")).toBe(1);

      const res = await accept(s.app, { token, password: PASSWORD, name: "Nina" });
      expect(res.statusCode, res.body).toBe(200);
      const session = res.json();
      expect(session.user).toMatchObject({ email: "new.person@example.fr", name: "Nina" });
      expect(session.organization).toEqual({ id: owner.orgId, name: "Atelier Olga", role: "collector" });
      const cookie = sessionCookie(res);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
      expect((await getSession(s.app, cookie?.value ?? "")).json().user.email).toBe("new.person@example.fr");
      expect((await login("new.person@example.fr", PASSWORD)).statusCode).toBe(200);

      // Used: neither the lookup nor a second acceptance works, and it left the pending list.
      expect((await lookup(s.app, token)).statusCode).toBe(404);
      const again = await accept(s.app, { token, password: PASSWORD });
      expect(again.statusCode).toBe(404);
      expect(again.json().error.message).toBe("Cette invitation n'existe pas, a déjà servi ou a expiré.");
      expect((await owner.get("/api/v1/invitations")).json().data).toEqual([]);
      expect((await owner.get("/api/v1/members")).json().data).toHaveLength(2);
      expect(await countRows("user")).toBe(2);
    });

    it("lets only one of two simultaneous acceptances of a link through", async () => {
      const owner = await signUp(s.app);
      const token = tokenOf((await invite(owner, "race@example.fr")).accept_url);
      const results = await Promise.all([
        accept(s.app, { token, password: PASSWORD }),
        accept(s.app, { token, password: PASSWORD }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 404]);
      expect(await countRows("user")).toBe(2);
      expect(await countRows("membership")).toBe(2);
    });

    it("lets an existing account accept with its own password only", async () => {
      const owner = await signUp(s.app, { organization: "Alpha" });
      const existing = await signUp(s.app, { email: "zoe@example.fr", organization: "Zeta", name: "Zoé" });
      const inv = await invite(owner, "ZOE@example.fr", "manager");
      const token = tokenOf(inv.accept_url);
      expect((await lookup(s.app, token)).json().has_account).toBe(true);

      const wrong = await accept(s.app, { token, password: "not her password" });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error.message).toBe(
        "Un compte existe pour zoe@example.fr : saisissez son mot de passe pour accepter.",
      );
      expect(sessionCookie(wrong)).toBeUndefined();
      expect((await lookup(s.app, token)).statusCode).toBe(200);

      const res = await accept(s.app, { token, password: PASSWORD, name: "Ignored" });
      expect(res.statusCode, res.body).toBe(200);
      const session = res.json();
      expect(session.user).toMatchObject({ id: existing.userId, name: "Zoé" });
      expect(session.organization).toMatchObject({ id: owner.orgId, role: "manager" });
      expect(session.organizations.map((o: { name: string }) => o.name)).toEqual(["Alpha", "Zeta"]);
      expect(await countRows("user")).toBe(2);

      // Already a member now: inviting again is a conflict.
      const twice = await owner.post("/api/v1/invitations", { email: "zoe@example.fr", role: "viewer" });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error.code).toBe("conflict");
    });

    it("rate-limits wrong passwords on acceptance together with log-in", async () => {
      const owner = await signUp(s.app);
      await signUp(s.app, { email: "yann@example.fr" });
      const token = tokenOf((await invite(owner, "yann@example.fr")).accept_url);
      for (let i = 0; i < 10; i++) {
        expect((await accept(s.app, { token, password: `wrong ${i}` })).statusCode).toBe(401);
      }
      const blocked = await accept(s.app, { token, password: PASSWORD });
      expect(blocked.statusCode).toBe(429);
      expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
      expect((await login("yann@example.fr", PASSWORD)).statusCode).toBe(429);
      expect((await lookup(s.app, token)).statusCode).toBe(200);
    });

    it("replaces a pending invitation when the same e-mail is invited again", async () => {
      const owner = await signUp(s.app);
      const first = await invite(owner, "twice@example.fr", "viewer");
      const second = await invite(owner, "twice@example.fr", "manager");
      expect((await lookup(s.app, tokenOf(first.accept_url))).statusCode).toBe(404);
      expect((await lookup(s.app, tokenOf(second.accept_url))).json().role).toBe("manager");
      const list = (await owner.get("/api/v1/invitations")).json().data;
      expect(list.map((i: { id: string }) => i.id)).toEqual([second.id]);
    });

    it("refuses an expired invitation", async () => {
      const owner = await signUp(s.app);
      const inv = await invite(owner, "late@example.fr");
      const token = tokenOf(inv.accept_url);
      const stillValid = await serverAt(plus(7 * DAY - 60_000));
      expect((await lookup(stillValid, token)).statusCode).toBe(200);
      expect((await getSession(stillValid, owner.cookie)).statusCode).toBe(200); // keeps the owner signed in
      const later = await serverAt(plus(7 * DAY));
      expect((await lookup(later, token)).statusCode).toBe(404);
      const res = await accept(later, { token, password: PASSWORD });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe("not_found");
      const laterOwner = new Agent(later, owner.cookie, owner.csrf, owner.userId, owner.orgId);
      expect((await laterOwner.get("/api/v1/invitations")).json().data).toEqual([]);
      expect(await countRows("user")).toBe(1);
    });

    it("refuses a revoked invitation; another organization's invitation is 404", async () => {
      const owner = await signUp(s.app);
      const other = await signUp(s.app);
      const inv = await invite(owner, "revoked@example.fr");
      const token = tokenOf(inv.accept_url);
      expect((await other.delete(`/api/v1/invitations/${inv.id}`)).statusCode).toBe(404);
      expect((await lookup(s.app, token)).statusCode).toBe(200);

      expect((await owner.delete(`/api/v1/invitations/${inv.id}`)).statusCode).toBe(204);
      expect((await lookup(s.app, token)).statusCode).toBe(404);
      expect((await accept(s.app, { token, password: PASSWORD })).statusCode).toBe(404);
      expect((await owner.delete(`/api/v1/invitations/${inv.id}`)).statusCode).toBe(404);
      const audit = await s.ctx.db
        .selectFrom("audit_log")
        .select(["entity", "operation"])
        .where("organization_id", "=", owner.orgId)
        .where("entity", "=", "invitation")
        .orderBy("at")
        .orderBy("operation")
        .execute();
      expect(audit).toEqual([
        { entity: "invitation", operation: "create" },
        { entity: "invitation", operation: "delete" },
      ]);
    });

    it("validates invitations and unknown tokens", async () => {
      const owner = await signUp(s.app);
      const bad = await owner.post("/api/v1/invitations", { email: "not-an-email", role: "viewer" });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details[0].path).toBe("email");
      const role = await owner.post("/api/v1/invitations", { email: "ok@example.fr", role: "admin" });
      expect(role.statusCode).toBe(400);
      expect(role.json().error.details[0].path).toBe("role");
      expect(await countRows("invitation")).toBe(0);
      expect((await lookup(s.app, "x".repeat(43))).statusCode).toBe(404);
      expect((await accept(s.app, { token: "x".repeat(43), password: PASSWORD })).statusCode).toBe(404);
      const unknownField = await accept(s.app, { token: "x".repeat(43), password: PASSWORD, role: "owner" });
      expect(unknownField.statusCode).toBe(400);
      expect(unknownField.json().error.details[0].path).toBe("role");
    });

    it("builds the link on the configured public address", async () => {
      const app = await serverAt(NOW, { publicUrl: "https://relance.example.fr/" });
      const owner = await signUp(app);
      const res = await owner.post("/api/v1/invitations", { email: "pub@example.fr", role: "viewer" });
      expect(res.json().accept_url).toMatch(/^https:\/\/relance\.example\.fr\/invitation\/[\w-]{43}$/);
    });
  });

  describe("organization settings", () => {
    it("shows and updates the organization, normalizing identifiers", async () => {
      const owner = await signUp(s.app, { organization: "Plomberie" });
      const shown = await owner.get("/api/v1/organization");
      expect(shown.statusCode).toBe(200);
      expect(shown.json()).toMatchObject({
        id: owner.orgId,
        name: "Plomberie",
        siren: null,
        time_zone: "Europe/Paris",
        payment_term: "30 jours",
        payment_term_check: { compliant: true, warnings: [] },
        penalty_clause: "default",
      });
      expect(shown.json()).not.toHaveProperty("settings");

      const res = await owner.patch("/api/v1/organization", {
        name: "  Plomberie   Martin ",
        legal_form: "SARL",
        siret: "732 829 320 00074",
        vat_number: "fr 44 732829320",
        iban: "fr76 3000 6000 0112 3456 7890 189",
        bic: "bnpafrpp",
        email: "contact@Plomberie.FR",
        time_zone: "europe/brussels",
        payment_term: "45 days end of month",
        penalty_clause: "fixed:1200",
        locale: "en",
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        name: "Plomberie Martin",
        legal_form: "SARL",
        siren: "732829320",
        siret: "73282932000074",
        vat_number: "FR44732829320",
        iban: "FR7630006000011234567890189",
        bic: "BNPAFRPP",
        email: "contact@plomberie.fr",
        time_zone: "Europe/Brussels",
        payment_term: "45 jours fin de mois",
        payment_term_check: { compliant: true, warnings: [] },
        penalty_clause: "fixed:1200",
        locale: "en",
        updated_at: NOW,
      });
      expect((await owner.get("/api/v1/organization")).json()).toEqual(res.json());
      expect((await owner.get("/api/v1/session")).json().organization.name).toBe("Plomberie Martin");

      const cleared = await owner.patch("/api/v1/organization", { legal_form: null, iban: "" });
      expect(cleared.json()).toMatchObject({ legal_form: null, iban: null, siren: "732829320" });

      const audit = await s.ctx.db
        .selectFrom("audit_log")
        .select("data")
        .where("organization_id", "=", owner.orgId)
        .where("entity", "=", "organization")
        .execute();
      expect(audit).toHaveLength(2);
      expect(audit.map((a) => JSON.parse(a.data))).toContainEqual({ legal_form: null, iban: null });
    });

    it("refuses invalid settings, naming every field, and changes nothing", async () => {
      const owner = await signUp(s.app, { organization: "Plomberie" });
      const before = (await owner.get("/api/v1/organization")).json();
      const res = await owner.patch("/api/v1/organization", {
        siren: "123456789",
        iban: "FR76 0000",
        time_zone: "Mars/Olympus",
        bic: "??",
      });
      expect(res.statusCode).toBe(400);
      const paths = res.json().error.details.map((d: { path: string }) => d.path);
      expect(paths.sort()).toEqual(["bic", "iban", "siren", "time_zone"]);
      expect(res.json().error.message).toContain("SIREN invalide");

      const cases: [Record<string, unknown>, string][] = [
        [{ payment_term: "dans quelques temps" }, "payment_term"],
        [{ payment_term: "400 jours" }, "payment_term"],
        [{ payment_term: 30 }, "payment_term"],
        [{ time_zone: "+01:00" }, "time_zone"],
        [{ penalty_clause: "whatever" }, "penalty_clause"],
        [{ name: "   " }, "name"],
        [{ siren: "732829320", siret: "55208131766522" }, "siret"],
        [{ settings: "{}" }, "settings"],
        [{ locale: "de" }, "locale"],
      ];
      for (const [body, path] of cases) {
        const r = await owner.patch("/api/v1/organization", body);
        expect(r.statusCode, JSON.stringify(body)).toBe(400);
        expect(r.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
      }
      expect((await owner.get("/api/v1/organization")).json()).toEqual(before);
      const english = await owner.patch(
        "/api/v1/organization",
        { time_zone: "Nowhere/Land" },
        {
          headers: { "accept-language": "en" },
        },
      );
      expect(english.json().error.details).toEqual([
        { path: "time_zone", message: "Unknown time zone: “Nowhere/Land” (for example Europe/Paris)." },
      ]);
    });
  });

  describe("auth config", () => {
    it("says sign-up is open under the open policy", async () => {
      await signUp(s.app);
      const res = await s.app.inject({ method: "GET", url: "/api/v1/auth/config" });
      expect(res.json()).toEqual({ signup_open: true, demo: null });
    });

    it("closes sign-up after the first user under the first_user policy", async () => {
      const app = await serverAt(NOW, { signup: "first_user" });
      const config = () => app.inject({ method: "GET", url: "/api/v1/auth/config" });
      expect((await config()).json().signup_open).toBe(true);
      await signUp(app);
      expect((await config()).json().signup_open).toBe(false);
      const second = await app.inject({
        method: "POST",
        url: "/api/v1/auth/signup",
        payload: { email: "second@example.fr", password: PASSWORD, name: "S", organization_name: "S" },
      });
      expect(second.statusCode).toBe(403);
      expect(second.json().error.code).toBe("forbidden");
      expect(await countRows("user")).toBe(1);
    });

    it("shows the demo credentials only to a loopback request on a demo server with the demo loaded", async () => {
      const demo = await serverAt(NOW, { demo: true });
      const config = (app: FastifyInstance, remoteAddress?: string) =>
        app.inject({
          method: "GET",
          url: "/api/v1/auth/config",
          ...(remoteAddress ? { remoteAddress } : {}),
        });
      expect((await config(demo)).json().demo).toBeNull();

      const { org } = await loadDemo({ ctx: s.ctx });
      expect((await config(demo)).json().demo).toEqual({
        email: DEMO_OWNER_EMAIL,
        password: DEMO_OWNER_PASSWORD,
      });
      expect((await config(demo, "::1")).json().demo).not.toBeNull();
      expect((await config(demo, "203.0.113.9")).json().demo).toBeNull();
      expect((await config(s.app)).json().demo).toBeNull();

      const res = await demo.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: DEMO_OWNER_EMAIL, password: DEMO_OWNER_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().organization).toMatchObject({ id: org.id, role: "owner" });
    });
  });
});
