import { writeFileSync } from "node:fs";

/** What the SQLite durability run did (printed as `DURABILITY {…}`, kept in bench/results/faults-durability.json). */
export interface DurabilityReport {
  runs: number;
  /** How long a process lived, four at once, unkilled (ms). */
  lifetime_ms: { payment: number; statement: number };
  killed: number;
  payments_attempted: number;
  payments_acknowledged: number;
  payments_stored: number;
  statement_files_stored: number;
}

/** Keeps the figures of a passing run for docs/benchmarks.md (a failing run stops before this). */
export function recordDurabilityReport(r: DurabilityReport): void {
  const markdown = `## Durability on SQLite (\`npm run test:faults\`)

test/faults/durability.test.ts: ${r.runs.toLocaleString("en")} processes, four at a time, write to one SQLite file —
\`relance payments add\` with an idempotency key (8 in 10) or \`relance import statement\` of a three-line file — and
each is SIGKILLed at a random moment between half and 1.2 times the lifetime of its kind of process — measured first
(two of each kind, unkilled, at once), then followed: longer after a kill, shorter after a process that finished, so
that about 60 % are killed, most while they write (a kill over the whole life mostly hits Node starting).
Checked after the last: \`integrity_check\` ok, no foreign-key violation, every acknowledged payment (its process
exited 0) in the ledger once, none that was not attempted, each invoice's paid amount equal to its allocations, each
statement there whole or not at all, each bank line once.

| processes | lifetime as followed at the end (payment / statement) | SIGKILLed | payments acknowledged / attempted | payments stored (killed after commit included) | statements stored | result |
|---:|---:|---:|---:|---:|---:|---|
| ${r.runs.toLocaleString("en")} | ${r.lifetime_ms.payment.toLocaleString("en")} / ${r.lifetime_ms.statement.toLocaleString("en")} ms | ${r.killed.toLocaleString("en")} | ${r.payments_acknowledged} / ${r.payments_attempted} | ${r.payments_stored} | ${r.statement_files_stored} | pass |`;
  writeFileSync("bench/results/faults-durability.json", `${JSON.stringify({ ...r, markdown }, null, 2)}\n`);
}
