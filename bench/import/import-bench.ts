import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { writeBenchCsv } from "./dataset.js";

interface Measure {
  rows: number;
  seconds: number;
  peak_rss_mb: number;
}

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const DATA = "bench/data";

/** Each side runs compiled (plain node, no loader) in its own process, so its peak RSS is its own. */
function child(script: string, args: string[]): Measure {
  const compiled = join("dist-bench", script.replace(/\.ts$/, ".js"));
  const out = execFileSync(process.execPath, [compiled, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return JSON.parse(out) as Measure;
}

async function freshPostgres(adminUrl: string, name: string): Promise<string> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.query(`create database ${name}`);
  await c.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

function freshSqlite(name: string): string {
  const path = join(DATA, `${name}.db`);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
  return path;
}

const rate = (m: Measure) => Math.round(m.rows / m.seconds);

export async function runImportBench(): Promise<void> {
  mkdirSync(DATA, { recursive: true });
  const csv = join(DATA, `invoices-${ROWS}.csv`);
  if (!existsSync(csv)) {
    process.stdout.write(`generating ${csv}…\n`);
    await writeBenchCsv(csv, ROWS);
  }
  const sizeMb = statSync(csv).size / 1024 / 1024;
  const targets: { dialect: string; url: () => Promise<string> | string }[] = [
    { dialect: "sqlite", url: () => freshSqlite("bench-import") },
  ];
  const pgUrl = process.env.RELANCE_BENCH_PG_URL;
  if (pgUrl) targets.push({ dialect: "postgres", url: () => freshPostgres(pgUrl, "relance_bench_import") });

  const results = [];
  for (const target of targets) {
    process.stdout.write(`import bench on ${target.dialect}: ceiling…\n`);
    const ceiling = child("bench/import/run-ceiling.ts", [await target.url(), String(ROWS)]);
    process.stdout.write(`import bench on ${target.dialect}: relance import…\n`);
    const relance = child("bench/import/run-import.ts", [await target.url(), csv]);
    if (relance.rows !== ROWS) throw new Error(`imported ${relance.rows} rows, expected ${ROWS}`);
    results.push({ dialect: target.dialect, relance, ceiling, ratio: rate(relance) / rate(ceiling) });
  }
  const table = [
    "| database | Relance import (rows/s) | ceiling: raw batched INSERT (rows/s) | ratio (goal ≥ 0.5) | Relance peak RSS (goal < 300 MB) | ceiling peak RSS |",
    "|---|---:|---:|---:|---:|---:|",
    ...results.map(
      (r) =>
        `| ${r.dialect} | ${rate(r.relance).toLocaleString("en-US")} (${r.relance.seconds.toFixed(1)} s) | ${rate(r.ceiling).toLocaleString("en-US")} (${r.ceiling.seconds.toFixed(1)} s) | ${r.ratio.toFixed(2)} | ${r.relance.peak_rss_mb.toFixed(0)} MB | ${r.ceiling.peak_rss_mb.toFixed(0)} MB |`,
    ),
  ].join("\n");
  const markdown = `## Import of the tracking spreadsheet (\`relance import invoices\`)

${ROWS.toLocaleString("en-US")} rows of a French CSV (${sizeMb.toFixed(0)} MB: semicolons, decimal comma, DD/MM/YYYY,
10,000 clients with SIRENs, half the invoices fully or partly paid), imported through Relance's whole path:
encoding detection, streaming parse, validation of every cell, client matching, batched writes of clients,
invoices, payments and allocations, in one transaction. The ceiling writes the same rows (clients, invoices,
payments, allocations) with raw multi-row INSERTs of 400 rows through the bare driver in one transaction, with
nothing to parse or validate. Each side runs in its own process; peak RSS is that process's maximum resident set.

Where the time goes: both sides pay for the schema (every invoice updates four indexes, every payment and
allocation three more, all with foreign-key checks) and for one transaction of about 1 GB of WAL with
\`synchronous=FULL\`; ids are time-ordered UUIDv7, so primary-key inserts append instead of landing at random.
Relance's remaining overhead is parsing and validating each cell, matching clients, and Kysely compiling each
400-row INSERT.

${table}

Machine: ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; run ${new Date().toISOString().slice(0, 10)}.`;
  writeFileSync(
    "bench/results/import.json",
    `${JSON.stringify({ rows: ROWS, results, markdown }, null, 2)}\n`,
  );
  process.stdout.write(`${table}\n`);
}
