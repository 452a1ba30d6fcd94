import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer, loggedUrl } from "../../src/http/server.js";
import { testContext } from "../support/context.js";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { signUp } from "../support/http.js";

/** Invitation tokens and query strings never reach the logs; requests are still logged. */
describe("request logs", () => {
  let t: TestDatabase;
  const lines: string[] = [];

  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
  });
  afterAll(async () => {
    await t.drop();
  });

  it("redacts the path and drops the query string", () => {
    expect(loggedUrl("/invitation/abcDEF123_-xyz")).toBe("/invitation/…");
    expect(loggedUrl("/api/v1/invitations/lookup?token=secret")).toBe("/api/v1/invitations/lookup");
    expect(loggedUrl("/api/v1/invoices?q=Dupont&limit=50")).toBe("/api/v1/invoices");
  });

  it("logs each request without the invitation token", async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const ctx = { ...testContext(t), log: pino({ level: "info" }, sink) };
    const app = await buildServer(ctx, { signup: "open", demo: false, filesDir: "/nonexistent", web: false });
    const owner = await signUp(app);
    const invite = await owner.post("/api/v1/invitations", { email: "new@example.fr", role: "viewer" });
    const token =
      new URL((invite.json() as { accept_url: string }).accept_url).pathname.split("/").pop() ?? "";
    expect(token.length).toBeGreaterThan(20);
    await app.inject({ method: "GET", url: `/api/v1/invitations/lookup?token=${token}` });
    await app.inject({ method: "GET", url: `/invitation/${token}` });
    await app.close();
    const log = lines.join("");
    expect(log).toContain('"url":"/api/v1/invitations/lookup"');
    expect(log).toContain('"url":"/invitation/…"');
    expect(log).not.toContain(token);
    expect(log).not.toContain("correct horse battery");
  });
});
