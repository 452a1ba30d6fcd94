import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { type Browser, chromium, type Page } from "playwright-core";
import type { AppContext } from "../../src/app/context.js";
import { buildServer, type ServerOptions } from "../../src/http/server.js";
import { WEB_ROOT } from "../../src/http/web.js";
import { testContext } from "./context.js";
import { createTestDatabase, type TestDatabase } from "./databases.js";

export const CHROMIUM = process.env.RELANCE_CHROMIUM ?? "/usr/bin/chromium";
export const ARTIFACTS = join(process.cwd(), "test", "artifacts");

/**
 * Browser tests need Debian's Chromium and the built web app. In CI both must be there (a missing one fails);
 * on a developer machine without Chromium they are skipped with a visible reason.
 */
export function browserAvailable(): boolean {
  const ok = existsSync(CHROMIUM) && existsSync(join(WEB_ROOT, "index.html"));
  if (!ok && process.env.CI)
    throw new Error(`browser tests need ${CHROMIUM} and a built web app (npm run build)`);
  return ok;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface WebServer {
  url: string;
  app: FastifyInstance;
  ctx: AppContext;
  t: TestDatabase;
  close(): Promise<void>;
}

/** The real server (web app included) listening on 127.0.0.1, on a fresh SQLite database. */
export async function startWebServer(
  options: Partial<ServerOptions> & { now?: string } = {},
): Promise<WebServer> {
  const t = await createTestDatabase("sqlite");
  const ctx = testContext(t, options.now ? { now: options.now } : {});
  const filesDir = mkdtempSync(join(tmpdir(), "relance-files-"));
  const app = await buildServer(ctx, { signup: "open", demo: false, filesDir, web: true, ...options });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    ctx,
    t,
    close: async () => {
      await app.close();
      await t.drop();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot under test/artifacts/<name>.png (looked at by people, not asserted). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
