import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import type { Organization } from "../../src/db/schema.js";
import { buildServer } from "../../src/http/server.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";

describe.each(testDialects())("HTTP server on %s", (dialect) => {
  let t: TestDatabase;
  let ctx: AppContext;
  let org: Organization;
  let app: FastifyInstance;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    ctx = testContext(t);
    app = buildServer(ctx);
    org = await testOrganization(ctx);
    const client = await makeClient(ctx, org, { name: "<script>alert(1)</script>" });
    for (let i = 1; i <= 7; i++) {
      await makeInvoice(ctx, org, client, {
        number: `F-${i}`,
        due_date: `2025-0${i}-10`,
        total_cents: 1000 * i,
      });
    }
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it("answers /api/health with the database", async () => {
    const res = await app.inject({ method: "GET", url: "/api/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", database: dialect });
  });

  it("serves a French overview page with user text escaped", async () => {
    const res = await app.inject({ method: "GET", url: "/" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.body).toContain("Plomberie Martin");
    expect(res.body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(res.body).not.toContain("<script>alert(1)</script>");
  });

  it("lists clients with their outstanding and overdue amounts", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/clients" });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.data).toHaveLength(1);
    // Due dates 2025-01-10 … 2025-07-10, today 2025-06-30: the first six are overdue.
    expect(body.data[0]).toMatchObject({ invoice_count: 7, outstanding_cents: 28000, overdue_cents: 21000 });
  });

  it("pages through invoices with an opaque cursor, in due-date order", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/invoices?limit=3${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await app.inject({ method: "GET", url });
      expect(res.statusCode).toBe(200);
      const body = res.json() as {
        data: { number: string; total_cents: number; balance_cents: number }[];
        next_cursor: string | null;
      };
      seen.push(...body.data.map((i) => i.number));
      cursor = body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(["F-1", "F-2", "F-3", "F-4", "F-5", "F-6", "F-7"]);
    const overdue = await app.inject({ method: "GET", url: "/api/v1/invoices?overdue=true&limit=50" });
    expect(overdue.json().data).toHaveLength(6);
  });

  it("answers 400 with the error shape to a bad query", async () => {
    for (const url of [
      "/api/v1/invoices?limit=abc",
      "/api/v1/invoices?unknown=1",
      "/api/v1/invoices?cursor=%%%",
      "/api/v1/invoices?status=late",
    ]) {
      const res = await app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error).toMatchObject({ code: "invalid_input" });
    }
  });

  it("answers 404 with the error shape to an unknown route", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/nothing" });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("not_found");
  });
});
