import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";

/**
 * The cash-flow forecast's back-test on the demo ledger (issue 10, docs/forecast.md), as `npm run bench forecast`
 * reports it: bench/forecast/backtest.ts replays the forecast at 27 past Mondays and compares each week with the cash
 * received. An accuracy figure, not a speed: there is no ceiling.
 */
export async function runForecastBench(): Promise<void> {
  const out = execFileSync(process.execPath, ["dist-bench/bench/forecast/backtest.js"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
  const markdown = `## Cash-flow forecast back-test

\`npm run bench forecast\`: the 13-week forecast (docs/forecast.md) replayed on the demo ledger at 27 weekly origins,
each knowing only what was dated before it, against the cash actually received. WAPE = Σ |forecast − actual| ÷
Σ actual; "all cash" counts every payment of the week (invoices issued later included), "known invoices" only those
of invoices issued before the origin; the baseline expects every invoice on its due date.

\`\`\`
${out}
\`\`\``;
  writeFileSync("bench/results/forecast.json", JSON.stringify({ output: out, markdown }, null, 2));
  process.stdout.write(`${markdown}\n`);
}
