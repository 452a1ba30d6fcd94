#!/usr/bin/env node
// `npm run test:faults`: the fault-injection suite (test/faults) at full length — FAULT_ROUNDS rounds (default 500:
// 1,000 worker runs, each SIGKILLed at a random moment 7 times in 10, with payments, replayed statement imports and
// SMTP faults) on SQLite, and on PostgreSQL when RELANCE_TEST_PG_URL is set. `npm test` runs 6 rounds. FAULT_SEED
// replays a run. Each dialect prints a `FAULTS {…}` line with its figures and keeps them in bench/results/faults.json
// (then `npx tsx -e 'import("./bench/doc.ts").then((m) => m.writeBenchmarksDoc())'` or `npm run bench` rewrites
// docs/benchmarks.md).
import { spawnSync } from "node:child_process";

const build = spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync("npx", ["vitest", "run", "test/faults", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, FAULT_ROUNDS: process.env.FAULT_ROUNDS ?? "500", FAULT_RESULTS: "1" },
});
process.exit(run.status ?? 1);
