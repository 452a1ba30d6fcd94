// Child process: the ceiling — a bare Fastify route reading one invoice by primary key through the bare driver
// (a prepared better-sqlite3 statement, or one pg query), with no auth, validation or presentation.
import Database from "better-sqlite3";
import Fastify from "fastify";
import pg from "pg";

const [url] = process.argv.slice(2) as [string];
const app = Fastify({ logger: false });
let close: () => Promise<void>;
if (/^postgres/.test(url)) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  app.get<{ Params: { id: string } }>("/invoice/:id", async (request) => {
    const r = await pool.query("select * from invoice where id = $1", [request.params.id]);
    return r.rows[0];
  });
  close = () => pool.end();
} else {
  const db = new Database(url, { readonly: true });
  db.pragma("journal_mode = WAL");
  const statement = db.prepare("select * from invoice where id = ?");
  app.get<{ Params: { id: string } }>("/invoice/:id", async (request) => statement.get(request.params.id));
  close = async () => {
    db.close();
  };
}
await app.listen({ port: 0, host: "127.0.0.1" });
const address = app.server.address();
process.stdout.write(
  `${JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 })}\n`,
);
process.once("SIGTERM", () => {
  void app
    .close()
    .then(close)
    .then(() => process.exit(0));
});
