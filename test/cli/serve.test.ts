import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../support/files.js";

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => done(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not answer ${url}: ${output()}`);
}

/** What `npm start` runs: `relance serve --demo` on an empty database answers with the demo loaded. */
describe("relance serve --demo (what npm start runs)", () => {
  let child: ChildProcess;
  let base: string;
  let output = "";
  let cookie = "";

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const db = join(tempDir(), "relance.db");
    child = spawn(process.execPath, [resolve("bin/relance.js"), "serve", "--demo", "--db", db], {
      env: { PATH: process.env.PATH ?? "", PORT: String(port), LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d) => {
      output += String(d);
    });
    child.stderr?.on("data", (d) => {
      output += String(d);
    });
    await waitFor(`${base}/api/health`, child, () => output);
  });
  afterAll(() => {
    child?.kill("SIGTERM");
  });

  it("answers /api/health", async () => {
    const res = await fetch(`${base}/api/health`);
    expect(await res.json()).toEqual({ status: "ok", database: "sqlite" });
  });

  it("serves the web app at / and on its own routes, with its assets", async () => {
    for (const path of ["/", "/invoices", "/clients/123"]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
      const html = await res.text();
      expect(html).toContain("<title>Relance</title>");
      const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
      expect(script, html).toBeDefined();
      const asset = await fetch(`${base}${script}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get("content-type")).toContain("javascript");
    }
  });

  it("shows the demo credentials to this machine, and they sign in", async () => {
    const config = (await (await fetch(`${base}/api/v1/auth/config`)).json()) as {
      demo: { email: string; password: string } | null;
    };
    expect(config.demo?.email).toBe("demo@relance.test");
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(config.demo),
    });
    expect(login.status).toBe(200);
    cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(cookie).toMatch(/^relance_session=/);
    expect((await fetch(`${base}/api/v1/clients`)).status).toBe(401);
  });

  it("has the demo organization: at least 30 clients and 300 invoices in every state", async () => {
    const get = (url: string) => fetch(url, { headers: { cookie } });
    const clients = (await (await get(`${base}/api/v1/clients?limit=500`)).json()) as {
      data: { kind: string; siren: string | null }[];
    };
    expect(clients.data.length).toBeGreaterThanOrEqual(30);
    expect(clients.data.some((c) => c.kind === "consumer")).toBe(true);
    const invoices: { status: string; days_late: number; disputed: boolean }[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `${base}/api/v1/invoices?limit=500${cursor ? `&cursor=${cursor}` : ""}`;
      const page = (await (await get(url)).json()) as { data: typeof invoices; next_cursor: string | null };
      invoices.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor);
    expect(invoices).toHaveLength(300);
    const statuses = new Set(invoices.map((i) => i.status));
    expect([...statuses].sort()).toEqual(["open", "paid", "partially_paid"]);
    expect(invoices.some((i) => i.disputed)).toBe(true);
    expect(invoices.some((i) => i.days_late > 90)).toBe(true);
    expect(invoices.some((i) => i.days_late > 0 && i.days_late <= 30)).toBe(true);
  });
});
