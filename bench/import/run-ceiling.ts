// Child process: the ceiling — the same rows (clients, invoices, payments, allocations) written by raw batched
// multi-row INSERTs through the bare driver, in one transaction, with nothing to parse or validate.

import SqliteDatabase from "better-sqlite3";
import pg from "pg";
import { normalizeName } from "../../src/core/clients/normalize-name.js";
import { openDatabase } from "../../src/db/connect.js";
import { newId } from "../../src/db/ids.js";
import { migrateToLatest } from "../../src/db/migrate.js";
import { benchRow, CLIENTS, clientName, clientSiren } from "./dataset.js";

const [url, rowsArg] = process.argv.slice(2) as [string, string];
const total = Number(rowsArg);
const BATCH = 400;
const AT = new Date().toISOString();
const ORG = newId();

const handle = openDatabase({ url });
await migrateToLatest(handle.db);
await handle.close();

type Table = { name: string; columns: string[] };
const T = {
  client: {
    name: "client",
    columns: [
      "id",
      "organization_id",
      "kind",
      "name",
      "normalized_name",
      "siren",
      "created_at",
      "updated_at",
    ],
  },
  invoice: {
    name: "invoice",
    columns: [
      "id",
      "organization_id",
      "client_id",
      "number",
      "issue_date",
      "due_date",
      "total_ttc_cents",
      "paid_cents",
      "status",
      "source",
      "created_at",
      "updated_at",
    ],
  },
  payment: {
    name: "payment",
    columns: [
      "id",
      "organization_id",
      "client_id",
      "date",
      "amount_cents",
      "method",
      "source",
      "created_at",
      "updated_at",
    ],
  },
  allocation: {
    name: "allocation",
    columns: [
      "id",
      "organization_id",
      "payment_id",
      "invoice_id",
      "amount_cents",
      "created_at",
      "updated_at",
    ],
  },
} satisfies Record<string, Table>;

function* rowsOf(): Generator<{ table: Table; values: unknown[] }> {
  const clientIds: string[] = [];
  for (let k = 0; k < CLIENTS; k++) {
    const id = newId();
    clientIds.push(id);
    yield {
      table: T.client,
      values: [id, ORG, "business", clientName(k), normalizeName(clientName(k)), clientSiren(k), AT, AT],
    };
  }
  for (let i = 0; i < total; i++) {
    const r = benchRow(i);
    const invoiceId = newId();
    const clientId = clientIds[r.client];
    const status = r.paid_cents === 0 ? "open" : r.paid_cents === r.total_cents ? "paid" : "partially_paid";
    yield {
      table: T.invoice,
      values: [
        invoiceId,
        ORG,
        clientId,
        r.number,
        r.issue,
        r.due,
        r.total_cents,
        r.paid_cents,
        status,
        "imported",
        AT,
        AT,
      ],
    };
    if (r.paid_cents > 0) {
      const paymentId = newId();
      yield {
        table: T.payment,
        values: [paymentId, ORG, clientId, r.due, r.paid_cents, "other", "import", AT, AT],
      };
      yield { table: T.allocation, values: [newId(), ORG, paymentId, invoiceId, r.paid_cents, AT, AT] };
    }
  }
}

function insertSql(table: Table, rows: number, placeholder: (i: number) => string): string {
  const cols = table.columns.length;
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) {
    tuples.push(`(${table.columns.map((_, c) => placeholder(r * cols + c + 1)).join(",")})`);
  }
  return `insert into "${table.name}" (${table.columns.map((c) => `"${c}"`).join(",")}) values ${tuples.join(",")}`;
}

/** Buffers rows per table and writes full batches; parents are written before an allocation batch. */
async function writeAll(flush: (table: Table, values: unknown[]) => unknown): Promise<void> {
  const pending = new Map<Table, unknown[]>();
  const write = async (table: Table) => {
    const buf = pending.get(table);
    if (buf && buf.length > 0) await flush(table, buf);
    pending.set(table, []);
  };
  for (const { table, values } of rowsOf()) {
    let buf = pending.get(table);
    if (!buf) {
      buf = [];
      pending.set(table, buf);
    }
    for (const v of values) buf.push(v);
    if (buf.length >= BATCH * table.columns.length) {
      if (table === T.allocation) {
        await write(T.invoice);
        await write(T.payment);
      }
      await write(table);
    }
  }
  for (const table of [T.client, T.invoice, T.payment, T.allocation]) await write(table);
}

let seconds: number;
if (handle.dialect === "sqlite") {
  const db = new SqliteDatabase(url);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  db.pragma("cache_size = -16384");
  db.prepare(
    `insert into organization (id, name, country, time_zone, locale, payment_term, penalty_clause, settings, created_at, updated_at) values (?, 'Bench', 'FR', 'Europe/Paris', 'fr', '30 jours', 'default', '{}', ?, ?)`,
  ).run(ORG, AT, AT);
  const statements = new Map<string, SqliteDatabase.Statement>();
  const started = performance.now();
  db.exec("begin");
  await writeAll((table, values) => {
    const key = `${table.name}:${values.length}`;
    let st = statements.get(key);
    if (!st) {
      st = db.prepare(insertSql(table, values.length / table.columns.length, () => "?"));
      statements.set(key, st);
    }
    st.run(values);
  });
  db.exec("commit");
  seconds = (performance.now() - started) / 1000;
  db.close();
} else {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    `insert into organization (id, name, country, time_zone, locale, payment_term, penalty_clause, settings, created_at, updated_at) values ($1, 'Bench', 'FR', 'Europe/Paris', 'fr', '30 jours', 'default', '{}', $2, $2)`,
    [ORG, AT],
  );
  const started = performance.now();
  await client.query("begin");
  await writeAll((table, values) =>
    client.query(
      insertSql(table, values.length / table.columns.length, (i) => `$${i}`),
      values,
    ),
  );
  await client.query("commit");
  seconds = (performance.now() - started) / 1000;
  await client.end();
}

process.stdout.write(
  JSON.stringify({ rows: total, seconds, peak_rss_mb: process.resourceUsage().maxRSS / 1024 }),
);
