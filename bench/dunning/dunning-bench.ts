import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import pg from "pg";

interface Case {
  dialect: string;
  ledger: number;
  due: number;
  seed_ms: number;
  planned_messages: number;
  looked_at: number;
  run_ms: number;
  second_run_ms: number;
  second_planned: number;
  ceiling_ms: number;
  run_rounds_ms: number[];
  ceiling_rounds_ms: number[];
}

const DATA = "bench/data/dunning";
const BIG = Number(process.env.BENCH_DUNNING_LEDGER ?? 1_000_000);

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

async function dropPostgres(adminUrl: string, name: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.end();
}

function runCase(url: string, ledger: number, copyUrl: string): Case {
  const out = execFileSync(
    process.execPath,
    [join("dist-bench/bench/dunning/run-dunning-case.js"), url, String(ledger), copyUrl],
    {
      encoding: "utf8",
      maxBuffer: 1 << 20,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as Case;
}

export async function runDunningBench(): Promise<void> {
  rmSync(DATA, { recursive: true, force: true });
  mkdirSync(DATA, { recursive: true });
  const cases: Case[] = [];
  for (const ledger of [10_000, BIG]) {
    const db = join(DATA, `dunning-${ledger}.db`);
    cases.push(runCase(db, ledger, join(DATA, `dunning-${ledger}-copy.db`)));
    rmSync(DATA, { recursive: true, force: true });
    mkdirSync(DATA, { recursive: true });
  }
  const admin = process.env.RELANCE_BENCH_PG_URL;
  if (admin) {
    for (const ledger of [10_000, BIG]) {
      const url = await freshPostgres(admin, `relance_bench_dunning_${ledger}`);
      const copyName = `relance_bench_dunning_${ledger}_copy`;
      await dropPostgres(admin, copyName);
      const copy = new URL(url);
      copy.pathname = `/${copyName}`;
      cases.push(runCase(url, ledger, copy.toString()));
      await dropPostgres(admin, `relance_bench_dunning_${ledger}`);
      await dropPostgres(admin, copyName);
    }
  }
  const rows = cases.map((c) => {
    const perSecond = Math.round((c.looked_at / c.run_ms) * 1000);
    const ceilingPerSecond = Math.round((c.looked_at / c.ceiling_ms) * 1000);
    const second = Math.round(c.ledger / (c.second_run_ms / 1000));
    return `| ${c.dialect} | ${c.ledger.toLocaleString("en")} | ${c.due.toLocaleString("en")} | ${c.planned_messages.toLocaleString("en")} | ${c.run_ms.toLocaleString("en")} ms | ${perSecond.toLocaleString("en")}/s | ${c.ceiling_ms.toLocaleString("en")} ms (${ceilingPerSecond.toLocaleString("en")}/s) | ${(perSecond / ceilingPerSecond).toFixed(2)} | ${c.second_run_ms} ms (${second.toLocaleString("en")} inv/s) |`;
  });
  const ratio = (dialect: string) => {
    const small = cases.find((c) => c.dialect === dialect && c.ledger === 10_000);
    const big = cases.find((c) => c.dialect === dialect && c.ledger === BIG);
    return small && big ? (big.run_ms / small.run_ms).toFixed(2) : "n/a";
  };
  const markdown = `## Dunning run (planning a day)

\`npm run bench dunning\` (${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB). A ledger of N invoices of
which 10,000 (one per client) are due for their J+1 reminder today (their J−5 one sent six days ago); the rest paid
(nine in ten) or not due yet.
"Run" is \`runDunning\` for that day (planning: each invoice's step, its timeline entries, one outbox message per
client, the invoices' new place — no sending). The ceiling is the same writes done set-based (INSERT … SELECT of
the actions and the messages, one UPDATE of the invoices) on a copy of the same ledger. "Again" is the same day run
a second time (nothing to do), counted as ledger invoices per second. Each run and ceiling is timed five times on
a fresh copy of the seeded ledger, checkpointed and flushed to disk first (the write-back of a 760 MB copy would
otherwise land in the timing); the table shows the medians, the rounds are listed below it.

| dialect | ledger | due today | messages | run | invoices/s | ceiling (set-based SQL) | ratio | again |
|---|---|---|---|---|---|---|---|---|
${rows.join("\n")}

Run time, 1,000,000-invoice ledger over 10,000-invoice ledger (same 10,000 due; goal < 1.5): SQLite ${ratio("sqlite")}${admin ? `, PostgreSQL ${ratio("postgres")}` : ""}.

Rounds (ms), run / ceiling:
${cases.map((c) => `- ${c.dialect} ${c.ledger.toLocaleString("en")}: ${c.run_rounds_ms.join(", ")} / ${c.ceiling_rounds_ms.join(", ")}`).join("\n")}`;
  writeFileSync("bench/results/dunning.json", JSON.stringify({ cases, markdown }, null, 2));
  process.stdout.write(`${markdown}\n`);
}
