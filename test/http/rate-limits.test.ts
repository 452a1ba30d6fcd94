/**
 * The rate limits are counted in the database (src/http/rate-limit.ts, migration 0017): two servers on the same
 * database — each with its own connection, as two web processes behind a load balancer — share every limit.
 * OWASP ASVS 5.0: 6.3.1 (brute force), 2.4.1 (anti-automation: sign-up, token guessing), see docs/security.md.
 */
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AppContext, Clock } from "../../src/app/context.js";
import { type DatabaseHandle, openDatabase } from "../../src/db/connect.js";
import { buildServer } from "../../src/http/server.js";
import { testContext } from "../support/context.js";
import { testDialects } from "../support/databases.js";
import { signUp, startTestServer, type TestServer } from "../support/http.js";

const PASSWORD = "correct horse battery";
const NOW = "2025-06-30T08:00:00.000Z";
const MINUTE = 60_000;

/** A clock the test moves forward. */
class TestClock implements Clock {
  private ms = Date.parse(NOW);
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

describe.each(testDialects())("rate limits shared by every process (%s)", (dialect) => {
  let s: TestServer;
  let clock: TestClock;
  /** Two servers on the same database, each with its own connection (pool), both on the test's clock. */
  let a: FastifyInstance;
  let b: FastifyInstance;
  const handles: DatabaseHandle[] = [];
  const apps: FastifyInstance[] = [];

  async function serverOnOwnConnection(): Promise<FastifyInstance> {
    const handle = openDatabase({ url: s.t.url, create: false, poolSize: 5 });
    handles.push(handle);
    const ctx: AppContext = { ...testContext(handle), clock };
    const app = await buildServer(ctx, { signup: "open", demo: false, filesDir: s.filesDir, web: false });
    await app.ready();
    apps.push(app);
    return app;
  }

  beforeEach(async () => {
    s = await startTestServer(dialect, { now: NOW });
    clock = new TestClock();
    a = await serverOnOwnConnection();
    b = await serverOnOwnConnection();
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    for (const handle of handles.splice(0)) await handle.close();
    await s.close();
  });

  const login = (app: FastifyInstance, email: string, password: string, ip = "198.51.100.7") =>
    app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email, password },
      remoteAddress: ip,
    });

  const signup = (app: FastifyInstance, email: string, ip: string) =>
    app.inject({
      method: "POST",
      url: "/api/v1/auth/signup",
      payload: { email, password: PASSWORD, name: "Julie", organization_name: "Atelier" },
      remoteAddress: ip,
    });

  const lookup = (app: FastifyInstance, token: string, ip: string) =>
    app.inject({ method: "GET", url: "/api/v1/invitations/lookup", query: { token }, remoteAddress: ip });

  const accept = (app: FastifyInstance, token: string, ip: string) =>
    app.inject({
      method: "POST",
      url: "/api/v1/invitations/accept",
      payload: { token, password: PASSWORD },
      remoteAddress: ip,
    });

  function expectLimited(res: LightMyRequestResponse, maxSeconds: number): void {
    expect(res.statusCode, res.body).toBe(429);
    const body = res.json() as { error: { code: string; message: string; details: unknown } };
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.message).toMatch(/^Trop de tentatives/);
    const retry = Number(res.headers["retry-after"]);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(maxSeconds);
    expect(res.cookies.find((c) => c.name.endsWith("relance_session"))).toBeUndefined();
  }

  async function rateRows() {
    return s.ctx.db.selectFrom("rate_limit").selectAll().execute();
  }

  it("refuses the 11th log-in on either server after 10 failures split across both", async () => {
    await signUp(a, { email: "frank@example.fr" });
    for (let i = 0; i < 10; i++) {
      const res = await login(i % 2 === 0 ? a : b, "frank@example.fr", `wrong ${i}`);
      expect(res.statusCode, res.body).toBe(401);
    }
    expectLimited(await login(a, "frank@example.fr", PASSWORD), 15 * 60);
    expectLimited(await login(b, "frank@example.fr", PASSWORD), 15 * 60);
    // the same e-mail from another address, and the first server alone, are not held back
    expect((await login(b, "frank@example.fr", PASSWORD, "198.51.100.8")).statusCode).toBe(200);
    // the counters name neither the e-mail nor the address
    const keys = (await rateRows()).map((r) => r.key);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).not.toContain("frank");
      expect(key).not.toContain("198.51.100");
    }
  });

  it("lets exactly 10 of 20 simultaneous wrong passwords through to the check, across both servers", async () => {
    await signUp(a, { email: "grace@example.fr" });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(i % 2 === 0 ? a : b, "grace@example.fr", `wrong ${i}`)),
    );
    const statuses = answers.map((r) => r.statusCode).sort();
    expect(statuses.filter((x) => x === 401)).toHaveLength(10);
    expect(statuses.filter((x) => x === 429)).toHaveLength(10);
  });

  it("lets the right password in once the 15-minute window has passed", async () => {
    await signUp(a, { email: "henri@example.fr" });
    for (let i = 0; i < 10; i++) {
      expect((await login(b, "henri@example.fr", `wrong ${i}`)).statusCode).toBe(401);
    }
    const blocked = await login(a, "henri@example.fr", PASSWORD);
    expectLimited(blocked, 15 * 60);
    expect(Number(blocked.headers["retry-after"])).toBe(15 * 60);
    clock.advance(14 * MINUTE);
    const still = await login(b, "henri@example.fr", PASSWORD);
    expectLimited(still, 60);
    clock.advance(MINUTE);
    expect((await login(b, "henri@example.fr", PASSWORD)).statusCode).toBe(200);
    // a success clears the e-mail's count: 10 more failures are allowed again before the next refusal
    for (let i = 0; i < 10; i++) {
      expect((await login(a, "henri@example.fr", `again ${i}`)).statusCode).toBe(401);
    }
    expectLimited(await login(a, "henri@example.fr", PASSWORD), 15 * 60);
  });

  it("refuses an address after 50 failed log-ins over many e-mails, on both servers", async () => {
    await signUp(a, { email: "ines@example.fr" });
    for (let i = 0; i < 50; i++) {
      // five attempts per e-mail: never the per-e-mail limit
      const res = await login(i % 2 === 0 ? a : b, `someone${Math.floor(i / 5)}@example.fr`, "wrong");
      expect(res.statusCode, res.body).toBe(401);
    }
    expectLimited(await login(b, "ines@example.fr", PASSWORD), 15 * 60);
    expectLimited(await login(a, "ines@example.fr", PASSWORD), 15 * 60);
    expect((await login(a, "ines@example.fr", PASSWORD, "198.51.100.99")).statusCode).toBe(200);
  }, 30_000);

  it("limits sign-ups to 10 per address per hour, across both servers", async () => {
    for (let i = 0; i < 10; i++) {
      const res = await signup(i % 2 === 0 ? a : b, `julie${i}@example.fr`, "203.0.113.5");
      expect(res.statusCode, res.body).toBe(201);
    }
    const refused = await signup(b, "julie10@example.fr", "203.0.113.5");
    expectLimited(refused, 3600);
    expectLimited(await signup(a, "julie11@example.fr", "203.0.113.5"), 3600);
    const users = await s.ctx.db
      .selectFrom("user")
      .select("email")
      .where("email", "like", "julie%")
      .execute();
    expect(users).toHaveLength(10);
    // another address still signs up; the first one does again after the hour
    expect((await signup(a, "louis@example.fr", "203.0.113.6")).statusCode).toBe(201);
    clock.advance(60 * MINUTE);
    expect((await signup(b, "julie12@example.fr", "203.0.113.5")).statusCode).toBe(201);
  }, 30_000);

  it("refuses invitation lookups and acceptances after 30 unknown tokens from an address, on both servers", async () => {
    const owner = await signUp(a, { organization: "Atelier Olga" });
    const invite = await owner.post("/api/v1/invitations", { email: "paul@example.fr", role: "viewer" });
    expect(invite.statusCode, invite.body).toBe(201);
    const token =
      new URL((invite.json() as { accept_url: string }).accept_url).pathname.split("/").pop() ?? "";
    for (let i = 0; i < 30; i++) {
      const unknown = `unknown-token-${i}-${"x".repeat(30)}`;
      const res =
        i % 3 === 0 ? await accept(b, unknown, "192.0.2.44") : await lookup(a, unknown, "192.0.2.44");
      expect(res.statusCode, res.body).toBe(404);
    }
    // the right token is refused too, from that address only
    expectLimited(await lookup(b, token, "192.0.2.44"), 15 * 60);
    expectLimited(await accept(a, token, "192.0.2.44"), 15 * 60);
    expect((await lookup(a, token, "192.0.2.45")).statusCode).toBe(200);
    // a valid lookup counts nothing: many of them from another address stay allowed
    for (let i = 0; i < 35; i++)
      expect((await lookup(i % 2 ? a : b, token, "192.0.2.46")).statusCode).toBe(200);
    clock.advance(15 * MINUTE);
    const accepted = await accept(b, token, "192.0.2.44");
    expect(accepted.statusCode, accepted.body).toBe(200);
  });

  it("refuses portal tokens after 30 that open nothing from an address, on both servers", async () => {
    for (let i = 0; i < 30; i++) {
      const res = await (i % 2 ? a : b).inject({
        method: "GET",
        url: `/api/portal/unknown-token-${i}-${"y".repeat(30)}`,
        remoteAddress: "192.0.2.80",
      });
      expect(res.statusCode, res.body).toBe(404);
    }
    for (const app of [a, b]) {
      expectLimited(
        await app.inject({
          method: "GET",
          url: `/api/portal/${"z".repeat(40)}`,
          remoteAddress: "192.0.2.80",
        }),
        15 * 60,
      );
    }
    const other = await a.inject({
      method: "GET",
      url: `/api/portal/${"z".repeat(40)}`,
      remoteAddress: "192.0.2.81",
    });
    expect(other.statusCode).toBe(404);
  });

  it("deletes the counters of ended windows as it counts new attempts", async () => {
    for (let i = 0; i < 3; i++) {
      expect((await login(a, `nobody${i}@example.fr`, "wrong", `192.0.2.${100 + i}`)).statusCode).toBe(401);
    }
    // three addresses × (e-mail counter + address failures)
    expect(await rateRows()).toHaveLength(6);
    clock.advance(15 * MINUTE);
    expect((await login(b, "nobody9@example.fr", "wrong", "192.0.2.200")).statusCode).toBe(401);
    const left = await rateRows();
    expect(left).toHaveLength(2);
    for (const row of left) expect(Number(row.reset_at)).toBe(clock.now() + 15 * MINUTE);
  });
});
