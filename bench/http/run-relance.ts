// Child process: the real Relance server (every plugin, auth, CSRF, validation, serialization) on the database.
import pino from "pino";
import { systemClock } from "../../src/app/context.js";
import { openDatabase } from "../../src/db/connect.js";
import { buildServer } from "../../src/http/server.js";

const [url] = process.argv.slice(2) as [string];
const handle = openDatabase({ url });
const ctx = {
  db: handle.db,
  dialect: handle.dialect,
  clock: systemClock,
  log: pino({ level: "silent" }),
  locale: "fr" as const,
};
const app = await buildServer(ctx, {
  signup: "first_user",
  demo: false,
  filesDir: "bench/data/files",
  web: false,
});
await app.listen({ port: 0, host: "127.0.0.1" });
const address = app.server.address();
process.stdout.write(
  `${JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 })}\n`,
);
process.once("SIGTERM", () => {
  void app
    .close()
    .then(() => handle.close())
    .then(() => process.exit(0));
});
