#!/usr/bin/env node
// `npm run test:faults`: the fault-injection suite (test/faults) at full length — FAULT_ROUNDS rounds (default 500:
// 1,000 worker runs, each SIGKILLed at a random moment 7 times in 10, with payments, statement imports and portal
// declarations each replayed 1 to 5 times, and SMTP faults) on SQLite, and on PostgreSQL when RELANCE_TEST_PG_URL is
// set (a private cluster made with initdb, restarted in one round of five). `npm test` runs 6 rounds. FAULT_SEED
// replays a run. With them, KILL_RUNS (default 1,000) processes writing to one SQLite file SIGKILLed at random
// (test/faults/durability.test.ts, kept in bench/results/faults-durability.json).
// Each dialect prints a `FAULTS {…}` line with its figures and keeps them in bench/results/faults.json
// (then `npx tsx -e 'import("./bench/doc.ts").then((m) => m.writeBenchmarksDoc())'` or `npm run bench` rewrites
// docs/benchmarks.md).
import { spawnSync } from "node:child_process";

const build = spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync("npx", ["vitest", "run", "test/faults", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: {
    ...process.env,
    FAULT_ROUNDS: process.env.FAULT_ROUNDS ?? "500",
    KILL_RUNS: process.env.KILL_RUNS ?? "1000",
    FAULT_RESULTS: "1",
  },
});
process.exit(run.status ?? 1);
