import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import pg from "pg";

interface Case {
  dialect: string;
  lines: number;
  open_invoices: number;
  clients: number;
  seed_ms: number;
  import_ms: number;
  match_ms: number;
  ceiling_ms: number;
  total_ms: number;
  rounds_ms: [number, number, number][];
  auto_matched: number;
  proposed: number;
  unmatched: number;
  auto_precision: number;
  recall: number;
}

const DATA = "bench/data/matching";

function run(script: string, args: string[]): string {
  return execFileSync(process.execPath, [join("dist-bench/bench/matching", script), ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
    stdio: ["ignore", "pipe", "inherit"],
  });
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

/**
 * The matching benchmark (issue 9): the labelled synthetic set matched in memory (bench/matching/evaluate.ts:
 * precision and recall per kind of line), then through Relance against a database (run-matching-case.ts: the
 * statement imported and matched, auto matches recorded), SQLite and PostgreSQL, each next to its raw-driver ceiling.
 */
export async function runMatchingBench(): Promise<void> {
  rmSync(DATA, { recursive: true, force: true });
  mkdirSync(DATA, { recursive: true });
  const evaluation = run("evaluate.js", []).trim();
  const cases: Case[] = [
    JSON.parse(
      run("run-matching-case.js", [join(DATA, "matching.db")])
        .trim()
        .split("\n")
        .at(-1) ?? "{}",
    ),
  ];
  rmSync(DATA, { recursive: true, force: true });
  const admin = process.env.RELANCE_BENCH_PG_URL;
  if (admin) {
    const url = await freshPostgres(admin, "relance_bench_matching");
    cases.push(JSON.parse(run("run-matching-case.js", [url]).trim().split("\n").at(-1) ?? "{}"));
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query("drop database if exists relance_bench_matching with (force)");
    await c.end();
  }
  const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
  const ms = (x: number) => `${x.toLocaleString("en")} ms`;
  const rows = cases.map(
    (c) =>
      `| ${c.dialect} | ${c.lines.toLocaleString("en")} | ${c.open_invoices.toLocaleString("en")} | ${ms(c.import_ms)} | ${ms(c.match_ms)} | ${ms(c.total_ms)} | ${ms(c.ceiling_ms)} | ${c.auto_matched.toLocaleString("en")} / ${c.proposed.toLocaleString("en")} / ${c.unmatched.toLocaleString("en")} | ${pct(c.auto_precision)} | ${pct(c.recall)} |`,
  );
  const markdown = `## Bank statement matching

\`npm run bench matching\` (${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB). The labelled synthetic set of
bench/matching/generate.ts (seed 9): ${cases[0]?.clients.toLocaleString("en")} clients, ~100,000 open invoices, 10,000 credit lines with French
bank labels — exact and mangled references, typos, remaining balances, payers without reference, cheque remittances,
grouped and partial payments, bank fees, parent companies paying for subsidiaries, and credits that pay no invoice
(tax refunds, own transfers, interest, refunds, invoices paid twice). Relance reads the lines as one camt.053 file
(import), then matches them (candidates by indexed queries, the core's decision, the automatic matches recorded as
payments). The ceiling is the least any matcher does against the same database with the raw driver: insert the
lines and look each one's amount and references up through the indexes, in one transaction. Each is timed five
times on a fresh copy of the seeded database (checkpointed and flushed to disk first) and the medians shown (the
rounds below the table: import / match / ceiling, ms); the lines include a cheque register (docs/matching.md).
Precision: automatic
matches that are right; recall: payments whose invoices are the automatic match or the proposal (goals: ≥ 99.5 %,
≥ 95 %, matching under 10 s).

| dialect | lines | open invoices | import | match | total | ceiling (raw lookups) | auto / proposed / unmatched | auto precision | recall (auto + proposed) |
|---|---|---|---|---|---|---|---|---|---|
${rows.join("\n")}

Rounds: ${cases.map((c) => `${c.dialect} ${c.rounds_ms.map((r) => r.join(" / ")).join("; ")}`).join(" — ")}.

The same set matched in memory (bench/matching/evaluate.ts: candidates fetched from maps keyed as the SQL is), per
kind of line:

\`\`\`
${evaluation}
\`\`\``;
  writeFileSync("bench/results/matching.json", JSON.stringify({ cases, markdown }, null, 2));
  process.stdout.write(`${markdown}\n`);
}
