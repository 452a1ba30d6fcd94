// `npm run bench`: every benchmark, each next to its ceiling measured in the same run. Results go to
// bench/results/<name>.json and the tables of docs/benchmarks.md are rewritten from them.

import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { writeBenchmarksDoc } from "./doc.js";
import { runDunningBench } from "./dunning/dunning-bench.js";
import { runForecastBench } from "./forecast/forecast-bench.js";
import { runHttpBench } from "./http/http-bench.js";
import { runImportBench } from "./import/import-bench.js";
import { runMatchingBench } from "./matching/matching-bench.js";

const only = process.argv[2];
execFileSync("npx", ["tsc", "-p", "tsconfig.bench.json"], { stdio: "inherit" });
mkdirSync("bench/results", { recursive: true });
if (!only || only === "import") await runImportBench();
if (!only || only === "http") await runHttpBench();
if (!only || only === "dunning") await runDunningBench();
if (!only || only === "matching") await runMatchingBench();
if (!only || only === "forecast") await runForecastBench();
writeBenchmarksDoc();
