import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { formatMessage } from "../core/messages.js";

/** The package root: the nearest folder above this file with a package.json (works from src/ and from dist/). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("package.json not found above the server");
    dir = parent;
  }
  return dir;
}

export const WEB_ROOT = join(packageRoot(), "dist", "web");

/**
 * Serves the single-page app built by Vite (`dist/web`): hashed assets with a long cache, and `index.html` for
 * every other GET outside `/api` (the app's own routes), never cached so a new build is picked up.
 */
export async function installWebApp(app: FastifyInstance, root = WEB_ROOT): Promise<void> {
  const indexPath = join(root, "index.html");
  const built = existsSync(indexPath);
  if (built) {
    await app.register(fastifyStatic, {
      root: join(root, "assets"),
      prefix: "/assets/",
      immutable: true,
      maxAge: "365d",
      index: false,
    });
  }
  app.get("/*", { schema: { hide: true } }, async (request, reply) => {
    if (request.url.startsWith("/api/")) {
      const path = request.url.split("?")[0] ?? "";
      return reply.status(404).send({
        error: {
          code: "not_found",
          message: formatMessage(request.locale ?? "fr", "http.no_route", { method: "GET", path }),
          details: null,
        },
      });
    }
    reply.header("Cache-Control", "no-cache");
    // Read on each request (a small file): a rebuild is served without restarting the server.
    const index = existsSync(indexPath) ? readFileSync(indexPath, "utf8") : null;
    if (!index) {
      return reply
        .type("text/plain; charset=utf-8")
        .status(503)
        .send(
          "L'application web n'est pas construite : lancez `npm run build`. / The web app is not built: run `npm run build`.",
        );
    }
    return reply.type("text/html; charset=utf-8").send(index);
  });
}
