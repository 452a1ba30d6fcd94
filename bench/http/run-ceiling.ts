// Child process: the ceilings — bare Fastify routes on the bare driver (a prepared better-sqlite3 statement, or one
// pg query), with no session, validation or presentation:
// - /invoice/:id reads one invoice by primary key (the ceiling the issue names);
// - /page/:org reads the same first page as the list (50 invoices of the organization in due order, on the same
//   index), to show what a page costs the database and the serializer alone.
import Database from "better-sqlite3";
import Fastify from "fastify";
import pg from "pg";

const [url] = process.argv.slice(2) as [string];
const PAGE = "select * from invoice where organization_id = ? order by due_date, id limit 51";
const app = Fastify({ logger: false });
let close: () => Promise<void>;
if (/^postgres/.test(url)) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  app.get<{ Params: { id: string } }>("/invoice/:id", async (request) => {
    const r = await pool.query("select * from invoice where id = $1", [request.params.id]);
    return r.rows[0];
  });
  app.get<{ Params: { org: string } }>("/page/:org", async (request) => {
    const r = await pool.query(PAGE.replace("?", "$1"), [request.params.org]);
    return { data: r.rows };
  });
  close = () => pool.end();
} else {
  const db = new Database(url, { readonly: true });
  db.pragma("journal_mode = WAL");
  const statement = db.prepare("select * from invoice where id = ?");
  app.get<{ Params: { id: string } }>("/invoice/:id", async (request) => statement.get(request.params.id));
  const page = db.prepare(PAGE);
  app.get<{ Params: { org: string } }>("/page/:org", async (request) => ({
    data: page.all(request.params.org),
  }));
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
