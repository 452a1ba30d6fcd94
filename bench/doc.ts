import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** docs/benchmarks.md from the `markdown` of every bench/results/*.json, in file-name order. */
export function writeBenchmarksDoc(): void {
  const sections: string[] = [];
  for (const file of readdirSync("bench/results")
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const result = JSON.parse(readFileSync(join("bench/results", file), "utf8")) as { markdown?: string };
    if (result.markdown) sections.push(result.markdown);
  }
  const doc = `# Benchmarks

Produced by \`npm run bench\` (which rewrites this file from \`bench/results/*.json\`; \`npm run test:faults\`
writes bench/results/faults.json). Each figure stands next to its ceiling, measured in the same run on the same
machine, so the ratio means something even when the machine changes. Timings are never asserted in tests.

${sections.join("\n\n")}
`;
  writeFileSync("docs/benchmarks.md", doc);
  process.stdout.write("docs/benchmarks.md updated\n");
}
