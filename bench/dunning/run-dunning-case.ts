// Child process: one case of the dunning benchmark. Seeds a ledger of N invoices (10,000 of them due today, one
// per client, the rest paid or not due yet) with set-based SQL, then times Relance's planning of the day, the same
// day run again, and on a copy of the same ledger the ceiling: set-based INSERT … SELECT / UPDATE of the same
// writes. Prints one JSON line.

import { execFileSync } from "node:child_process";
import { copyFileSync, rmSync } from "node:fs";
import { sql } from "kysely";
import pg from "pg";
import pino from "pino";
import { systemClock } from "../../src/app/context.js";
import { runDunning } from "../../src/app/dunning/run-dunning.js";
import { initOrganization } from "../../src/app/organizations/init-organization.js";
import { Temporal } from "../../src/core/calendar.js";
import { type DatabaseHandle, openDatabase } from "../../src/db/connect.js";
import { migrateToLatest } from "../../src/db/migrate.js";

const [url, ledgerText, copyUrl] = process.argv.slice(2) as [string, string, string];
const LEDGER = Number(ledgerText);
const DUE = 10_000;
const TODAY = "2026-06-15";
const YESTERDAY = "2026-06-14";
const J_MINUS_5 = "2026-06-09";
const AT = "2026-06-15T07:00:00.000Z";

async function seed(handle: DatabaseHandle, orgId: string): Promise<void> {
  const db = handle.db;
  const series = (n: number) =>
    handle.dialect === "postgres"
      ? sql.raw(`select g - 1 as i from generate_series(1, ${n}) g`)
      : sql.raw(
          `with recursive s(i) as (select 0 union all select i + 1 from s where i + 1 < ${n}) select i from s`,
        );
  const pad = (expr: string) =>
    handle.dialect === "postgres" ? `lpad((${expr})::text, 8, '0')` : `printf('%08d', ${expr})`;
  await sql`insert into client (id, organization_id, kind, name, normalized_name, country, language, tags, created_at, updated_at)
    select ${sql.raw(`'c' || ${pad("i")}`)}, ${orgId}, 'business', ${sql.raw(`'Client ' || ${pad("i")}`)},
      ${sql.raw(`'client ' || ${pad("i")}`)}, 'FR', 'fr', '[]', ${AT}, ${AT} from (${series(DUE)}) s`.execute(
    db,
  );
  // invoice i: client i mod 10,000; the first 10,000 due yesterday, their J−5 reminder sent on 9 June (position 1,
  // anchored there) and their J+1 due today, as on any ordinary day; of the rest, one in ten due later (looked at in
  // the future), nine in ten paid (never looked at)
  const state = (open: string, paid: string) =>
    sql.raw(`case when i < ${DUE} or i % 10 = 0 then ${open} else ${paid} end`);
  await sql`insert into invoice (id, organization_id, client_id, kind, number, issue_date, due_date, currency,
      total_ttc_cents, paid_cents, status, penalty_clause, indemnity_applies, source, disputed, credited_cents,
      dunning_position, dunning_anchor_on, dunning_anchor_offset, next_action_on, created_at, updated_at)
    select ${sql.raw(`'i' || ${pad("i")}`)}, ${orgId}, ${sql.raw(`'c' || ${pad(`i % ${DUE}`)}`)}, 'invoice',
      ${sql.raw(`'F-' || ${pad("i")}`)}, '2026-05-15',
      ${sql.raw(`case when i < ${DUE} then '${YESTERDAY}' else '2026-09-30' end`)}, 'EUR', 100000,
      ${state("0", "100000")}, ${state("'open'", "'paid'")}, 'default', 1, 'imported', 0, 0,
      ${sql.raw(`case when i < ${DUE} then 1 else 0 end`)},
      ${sql.raw(`case when i < ${DUE} then '${J_MINUS_5}' else null end`)},
      ${sql.raw(`case when i < ${DUE} then -5 else null end`)},
      ${sql.raw(`case when i < ${DUE} then '${TODAY}' when i % 10 = 0 then '2026-08-31' else null end`)},
      ${AT}, ${AT}
    from (${series(LEDGER)}) s`.execute(db);
  if (handle.dialect === "postgres") await sql`analyze`.execute(db);
  else await sql`analyze`.execute(db);
}

/**
 * The ceiling: the same writes as the run, set-based — one timeline entry per due invoice, one outbox message per
 * client, the invoices' new place — with the same contents as Relance writes (identifiers of the same length, the
 * same idempotency keys, summary, data and invoice list), so that the comparison is of the way they are written.
 */
async function ceiling(
  handle: DatabaseHandle,
  orgId: string,
  step: { id: string; label: string },
): Promise<number> {
  const cat = (parts: string[]) => parts.join(" || ");
  const list = (expr: string) =>
    handle.dialect === "postgres"
      ? `'[' || string_agg(${expr}, ',') || ']'`
      : `'[' || group_concat(${expr}, ',') || ']'`;
  const summary = `J+1 — ${step.label}`;
  const due = sql`organization_id = ${orgId} and next_action_on is not null and next_action_on <= ${TODAY}`;
  const messageId = cat(["'0193a1b3-0000-7000-8000-'", "'000'", "client_id"]);
  const start = performance.now();
  await handle.db.transaction().execute(async (trx) => {
    await sql`insert into action (id, organization_id, client_id, invoice_id, user_id, kind, occurred_on, occurred_at, summary, data, idempotency_key, created_at, updated_at)
      select ${sql.raw(cat(["'0193a1b2-0000-7000-8000-'", "'000'", "id"]))}, organization_id, client_id, id, null,
        'reminder', ${TODAY}, ${AT}, ${summary},
        ${sql.raw(cat([`'{"step_id":"${step.id}","offset_days":1,"ref":"'`, messageId, `'"}'`]))},
        ${sql.raw(cat(["'dunning:'", "id", `':${step.id}:${TODAY}:fired'`]))}, ${AT}, ${AT}
      from invoice where ${due}
      on conflict (organization_id, idempotency_key) do nothing`.execute(trx);
    await sql`insert into outbox (id, organization_id, client_id, step_id, channel, idempotency_key, state, planned_on, invoices, recipients, subject, text_body, created_at, updated_at)
      select ${sql.raw(messageId)}, organization_id, client_id, ${step.id}, 'email',
        ${sql.raw(cat(["'dunning:'", "client_id", `':${step.id}:${TODAY}:'`, "'0123456'", "client_id"]))},
        'pending', ${TODAY},
        ${sql.raw(list(cat([`'{"id":"'`, "id", `'","number":"'`, "number", `'","position":1,"anchor_on":"${J_MINUS_5}","anchor_offset":-5}'`])))},
        '[]', '', '', ${AT}, ${AT}
      from invoice where ${due}
      group by organization_id, client_id
      on conflict (organization_id, idempotency_key) do nothing`.execute(trx);
    await sql`update invoice set dunning_position = 2, dunning_anchor_on = ${TODAY}, dunning_anchor_offset = 1,
      next_action_on = '2026-06-21', updated_at = ${AT}
      where ${due}`.execute(trx);
  });
  return performance.now() - start;
}

async function open(u: string): Promise<DatabaseHandle> {
  const handle = openDatabase({ url: u, create: true });
  await migrateToLatest(handle.db);
  return handle;
}

const handle = await open(url);
const ctx = {
  db: handle.db,
  dialect: handle.dialect,
  clock: systemClock,
  log: pino({ level: "silent" }),
  locale: "fr" as const,
};
const org = await initOrganization({ ctx, name: "Bench SARL", email: "bench@relance.test" });
const seedStart = performance.now();
await seed(handle, org.id);
const seedMs = performance.now() - seedStart;
const step = await handle.db
  .selectFrom("dunning_step")
  .select(["id", "label"])
  .where("organization_id", "=", org.id)
  .where("offset_days", "=", 1)
  .orderBy("id")
  .executeTakeFirstOrThrow();

// Each measure is taken five times on a fresh copy of the seeded ledger, and the median kept. Before each one the
// database is checkpointed and the operating system's dirty pages flushed (sync), so that the timing does not pay
// for the write-back of the seeding or of the copy (1 GB and more at 1,000,000 invoices).
const ROUNDS = 5;
if (handle.dialect === "sqlite") await sql`pragma wal_checkpoint(TRUNCATE)`.execute(handle.db);
await handle.close();

async function freshCopy(): Promise<DatabaseHandle> {
  if (handle.dialect === "sqlite") {
    rmSync(copyUrl, { force: true });
    rmSync(`${copyUrl}-wal`, { force: true });
    rmSync(`${copyUrl}-shm`, { force: true });
    copyFileSync(url, copyUrl);
  } else {
    await adminQuery(`drop database if exists ${dbName(copyUrl)} with (force)`);
    await adminQuery(`create database ${dbName(copyUrl)} template ${dbName(url)}`);
  }
  const copy = openDatabase({ url: copyUrl });
  if (copy.dialect === "postgres") await sql`checkpoint`.execute(copy.db);
  execFileSync("sync");
  return copy;
}

function dbName(u: string): string {
  return new URL(u).pathname.slice(1);
}

async function adminQuery(text: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(text);
  await c.end();
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const today = Temporal.PlainDate.from(TODAY);
const runs: number[] = [];
const ceilings: number[] = [];
let first: Awaited<ReturnType<typeof runDunning>> | undefined;
let second: Awaited<ReturnType<typeof runDunning>> | undefined;
let secondMs = 0;
for (let round = 0; round < ROUNDS; round++) {
  const run = await freshCopy();
  const runCtx = { ...ctx, db: run.db, dialect: run.dialect };
  const t0 = performance.now();
  const result = await runDunning({ ctx: runCtx, org, today });
  runs.push(performance.now() - t0);
  if (round === 0) {
    first = result;
    const t1 = performance.now();
    second = await runDunning({ ctx: runCtx, org, today });
    secondMs = performance.now() - t1;
  }
  await run.close();
  const copy = await freshCopy();
  ceilings.push(await ceiling(copy, org.id, step));
  await copy.close();
}
if (handle.dialect === "postgres")
  await adminQuery(`drop database if exists ${dbName(copyUrl)} with (force)`);
if (!first || !second) throw new Error("no round ran");

process.stdout.write(
  `${JSON.stringify({
    dialect: handle.dialect,
    ledger: LEDGER,
    due: DUE,
    seed_ms: Math.round(seedMs),
    planned_messages: first.planned.length,
    looked_at: first.looked_at,
    run_ms: Math.round(median(runs)),
    run_rounds_ms: runs.map(Math.round),
    second_run_ms: Math.round(secondMs * 10) / 10,
    second_planned: second.planned.length,
    ceiling_ms: Math.round(median(ceilings)),
    ceiling_rounds_ms: ceilings.map(Math.round),
  })}\n`,
);
