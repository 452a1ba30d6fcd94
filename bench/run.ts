// `npm run bench`: every benchmark, each next to its ceiling measured in the same run. Results go to
// bench/results/<name>.json and the tables of docs/benchmarks.md are rewritten from them.

import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
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

function writeBenchmarksDoc(): void {
  const sections: string[] = [];
  for (const file of readdirSync("bench/results")
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const result = JSON.parse(readFileSync(join("bench/results", file), "utf8")) as { markdown?: string };
    if (result.markdown) sections.push(result.markdown);
  }
  const doc = `# Benchmarks

Produced by \`npm run bench\` (which rewrites this file from \`bench/results/*.json\`). Each figure stands next to
its ceiling, measured in the same run on the same machine, so the ratio means something even when the machine
changes. Timings are never asserted in tests.

${sections.join("\n\n")}
`;
  writeFileSync("docs/benchmarks.md", doc);
  process.stdout.write("docs/benchmarks.md updated\n");
}
