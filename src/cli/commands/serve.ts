import type { Command } from "commander";
import { loadDemo } from "../../app/demo/load-demo.js";
import { AppError } from "../../app/errors.js";
import { formatMessage } from "../../core/messages.js";
import { listOrganizations } from "../../db/repositories/organizations.js";
import { withEnv } from "../command.js";
import { filesDir } from "../files-dir.js";
import { openRuntime } from "../runtime.js";

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("run the web app and the API / lance l'application web et l'API")
    .option("--port <port>", "port (or PORT)", process.env.PORT ?? "3000")
    .option("--host <host>", "address to listen on (or HOST)", process.env.HOST ?? "127.0.0.1")
    .option(
      "--demo",
      "load the demo organization when the database has none / charge la démo si la base est vide",
    )
    .action(
      withEnv(async (env, opts: { port: string; host: string; demo?: boolean }) => {
        // Sign-up is open on this machine only; a server reachable from elsewhere takes its first account, then
        // invitations (RELANCE_SIGNUP=open opens it).
        // Behind a reverse proxy the server listens on loopback but answers the world: not local.
        const local =
          ["127.0.0.1", "localhost", "::1"].includes(opts.host) && process.env.RELANCE_TRUST_PROXY !== "1";
        const signup = local || process.env.RELANCE_SIGNUP === "open" ? "open" : "first_user";
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          throw new AppError("invalid_input", "cli.invalid_port", { value: opts.port });
        }
        const rt = await openRuntime(env.global, env.locale, {
          logLevel: process.env.LOG_LEVEL ?? "info",
          create: true,
        });
        const log = rt.ctx.log;
        if (opts.demo && (await listOrganizations(rt.ctx.db)).length === 0) {
          log.info(formatMessage(env.locale, "demo.loading"));
          const { org } = await loadDemo({ ctx: rt.ctx });
          log.info(formatMessage(env.locale, "demo.loaded", { name: org.name }));
        }
        // loaded here: the HTTP server is the heaviest part, and other commands should start fast
        const { buildServer } = await import("../../http/server.js");
        const { startDunningScheduler } = await import("../dunning-scheduler.js");
        const app = await buildServer(rt.ctx, {
          signup,
          demo: opts.demo === true,
          filesDir: filesDir(rt.handle),
          trustProxy: process.env.RELANCE_TRUST_PROXY === "1",
          ...(process.env.RELANCE_PUBLIC_URL ? { publicUrl: process.env.RELANCE_PUBLIC_URL } : {}),
        });
        const scheduler =
          process.env.RELANCE_SCHEDULER === "off" ? null : startDunningScheduler(rt.ctx, filesDir(rt.handle));
        const stop = async () => {
          scheduler?.stop();
          await app.close();
          await rt.close();
          process.exit(0);
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
        await app.listen({ port, host: opts.host });
        const address = app.server.address();
        const actualPort = typeof address === "object" && address ? address.port : port;
        const shown = opts.host === "127.0.0.1" || opts.host === "0.0.0.0" ? "localhost" : opts.host;
        const url = `http://${shown}:${actualPort}`;
        process.stdout.write(
          `${formatMessage(env.locale, "serve.listening", { url, database: rt.handle.location })}\n`,
        );
      }),
    );
}
