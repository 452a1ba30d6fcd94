import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import pg from "pg";
import { writeBenchCsv } from "../import/dataset.js";

const INVOICES = Number(process.env.BENCH_HTTP_INVOICES ?? 100_000);
const DURATION = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const CONNECTIONS = 10;
const DATA = "bench/data";

interface Load {
  requests_per_second: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  non_2xx: number;
}

const compiled = (script: string) => join("dist-bench", script.replace(/\.ts$/, ".js"));

/** Starts a server in its own process and waits for the port it prints. */
async function startServer(script: string, url: string): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, [compiled(script), url], { stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) return { port: (JSON.parse(line) as { port: number }).port, child };
  throw new Error(`${script} exited before listening`);
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

async function load(
  url: string,
  headers: Record<string, string> = {},
  connections = CONNECTIONS,
): Promise<Load> {
  // A short warm-up (JIT, caches), then the measured run.
  await autocannon({ url, connections, duration: 2, headers });
  const r = await autocannon({ url, connections, duration: DURATION, headers });
  return {
    requests_per_second: Math.round(r.requests.average),
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    errors: r.errors,
    non_2xx: r.non2xx,
  };
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

/** Two web processes and two workers on one PostgreSQL database; the list loaded on both servers at once. */
async function clusterLoad(url: string, cookie: string): Promise<Load> {
  const servers = [
    await startServer("bench/http/run-relance.ts", url),
    await startServer("bench/http/run-relance.ts", url),
  ];
  const workers = [0, 1].map(() =>
    spawn(process.execPath, ["bin/relance.js", "--db", url, "worker", "--interval", "5"], {
      stdio: "ignore",
      env: {
        PATH: process.env.PATH ?? "",
        TZ: "UTC",
        LOG_LEVEL: "silent",
        RELANCE_FILES_DIR: join(DATA, "files"),
      },
    }),
  );
  try {
    const loads = await Promise.all(
      servers.map((s) =>
        load(`http://127.0.0.1:${s.port}/api/v1/invoices?limit=50`, { cookie }, CONNECTIONS / 2),
      ),
    );
    return {
      requests_per_second: loads.reduce((n, l) => n + l.requests_per_second, 0),
      p50_ms: Math.max(...loads.map((l) => l.p50_ms)),
      p99_ms: Math.max(...loads.map((l) => l.p99_ms)),
      errors: loads.reduce((n, l) => n + l.errors, 0),
      non_2xx: loads.reduce((n, l) => n + l.non_2xx, 0),
    };
  } finally {
    for (const w of workers) w.kill("SIGTERM");
    for (const s of servers) await stop(s.child);
  }
}

export async function runHttpBench(): Promise<void> {
  mkdirSync(DATA, { recursive: true });
  const csv = join(DATA, `invoices-${INVOICES}.csv`);
  if (!existsSync(csv)) await writeBenchCsv(csv, INVOICES);
  const targets: { dialect: string; url: () => Promise<string> | string }[] = [
    {
      dialect: "sqlite",
      url: () => {
        const path = join(DATA, "bench-http.db");
        for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
        return path;
      },
    },
  ];
  const pgUrl = process.env.RELANCE_BENCH_PG_URL;
  if (pgUrl) targets.push({ dialect: "postgres", url: () => freshPostgres(pgUrl, "relance_bench_http") });

  const results = [];
  for (const target of targets) {
    const url = await target.url();
    process.stdout.write(`http bench on ${target.dialect}: seeding ${INVOICES} invoices…\n`);
    const seed = JSON.parse(
      execFileSync(process.execPath, [compiled("bench/http/seed.ts"), url, csv], { encoding: "utf8" }),
    ) as { email: string; password: string; invoices: number; invoice_id: string; organization_id: string };

    const relance = await startServer("bench/http/run-relance.ts", url);
    const base = `http://127.0.0.1:${relance.port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: seed.email, password: seed.password }),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    if (login.status !== 200 || !cookie) throw new Error(`bench login failed: ${login.status}`);
    const page = await fetch(`${base}/api/v1/invoices?limit=50`, { headers: { cookie } });
    const body = (await page.json()) as { data: unknown[] };
    if (body.data.length !== 50) throw new Error(`expected a page of 50, got ${body.data.length}`);
    process.stdout.write(`http bench on ${target.dialect}: invoice list…\n`);
    const list = await load(`${base}/api/v1/invoices?limit=50`, { cookie });
    process.stdout.write(`http bench on ${target.dialect}: overdue list…\n`);
    const overdue = await load(`${base}/api/v1/invoices?limit=50&overdue=true`, { cookie });
    await stop(relance.child);
    const cluster = target.dialect === "postgres" ? await clusterLoad(url, cookie) : null;

    const ceilingServer = await startServer("bench/http/run-ceiling.ts", url);
    process.stdout.write(`http bench on ${target.dialect}: ceiling…\n`);
    const ceiling = await load(`http://127.0.0.1:${ceilingServer.port}/invoice/${seed.invoice_id}`);
    process.stdout.write(`http bench on ${target.dialect}: raw page…\n`);
    const rawPage = await load(`http://127.0.0.1:${ceilingServer.port}/page/${seed.organization_id}`);
    await stop(ceilingServer.child);
    results.push({
      dialect: target.dialect,
      invoices: seed.invoices,
      list,
      overdue,
      ceiling,
      rawPage,
      cluster,
    });
  }

  const row = (name: string, l: Load, c: Load) =>
    `| ${name} | ${l.requests_per_second.toLocaleString("en-US")} | ${(l.requests_per_second / c.requests_per_second).toFixed(2)} | ${l.p50_ms} ms | ${l.p99_ms} ms | ${l.errors + l.non_2xx} |`;
  const table = [
    "| database · route | req/s | ratio to ceiling (goal ≥ 0.5) | p50 | p99 (goal < 50 ms) | errors |",
    "|---|---:|---:|---:|---:|---:|",
    ...results.flatMap((r) => [
      row(`${r.dialect} · \`GET /api/v1/invoices?limit=50\``, r.list, r.ceiling),
      row(`${r.dialect} · \`…&overdue=true\``, r.overdue, r.ceiling),
      row(`${r.dialect} · ceiling: bare Fastify, one row by primary key`, r.ceiling, r.ceiling),
      row(`${r.dialect} · for reference: bare Fastify, the same page of 50 rows, raw`, r.rawPage, r.ceiling),
      ...(r.cluster
        ? [
            row(
              `${r.dialect} · the list on 2 web processes while 2 \`relance worker\` run`,
              r.cluster,
              r.ceiling,
            ),
          ]
        : []),
    ]),
  ].join("\n");
  const markdown = `## HTTP: the authenticated invoice list

autocannon on 127.0.0.1, ${CONNECTIONS} connections, ${DURATION} s after a 2 s warm-up, against \`relance serve\`'s
server (session cookie resolved on every request, role check, zod validation, keyset page of 50 invoices of a
${INVOICES.toLocaleString("en-US")}-invoice ledger with their clients, presentation). The ceiling is a bare Fastify
route, in its own process on the same database, that reads one invoice by primary key through the bare driver
(a prepared better-sqlite3 statement, or one pg query) and returns it: no session, no validation, one row.
Server and load generator share the machine's ${cpus().length} cores. For reference, the last row of each database runs the
list's first page itself (the same 50 invoices on the same index, raw SQL, rows returned as they come): a page of
50 costs the database and the serializer alone many times one row, which bounds any list well below the one-row
ceiling; the distance between that row and Relance's is the cost of Relance itself (session and role checks,
validation, the clients' names, presentation). On PostgreSQL, the last row is the deployment of docs/deploy.md in
small: two Relance servers on the same database, each loaded by its own autocannon (${CONNECTIONS / 2} connections), while two
\`relance worker --interval 5\` processes run the daily dunning of the 100,000-invoice ledger and its outbox (req/s
summed, the worse p50 and p99) — eight processes on ${cpus().length} cores.

${table}

Machine: ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; run ${new Date().toISOString().slice(0, 10)}.`;
  writeFileSync("bench/results/http.json", `${JSON.stringify({ results, markdown }, null, 2)}\n`);
  process.stdout.write(`${table}\n`);
}
