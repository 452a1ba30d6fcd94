import { matchLine } from "../../src/core/matching/match-line.js";
import type { Decision } from "../../src/core/matching/types.js";
import { makeFetcher } from "./fetch.js";
import { generate, type LabelledLine } from "./generate.js";

/**
 * The matching benchmark: generates the labelled set (10,000 lines, 100,000 open invoices), fetches each line's
 * candidates in memory as the SQL would, runs matchLine and prints the precision of automatic matches, the recall
 * of automatic + proposed matches, per kind of line, and the time. `npx tsx bench/matching/evaluate.ts [seed]`.
 */
const seed = Number(process.argv[2] ?? 9);
const t0 = performance.now();
const set = generate(seed);
const t1 = performance.now();
const fetch = makeFetcher(
  set.open,
  set.clients.map((c) => c.hint),
  set.declared,
);
const t2 = performance.now();
const contexts = set.lines.map((l) => fetch(l.line));
const t3 = performance.now();
const decisions: Decision[] = set.lines.map((l, i) =>
  matchLine(l.line, contexts[i] ?? { invoices: [], clients: [] }),
);
const t4 = performance.now();

function ids(d: Decision): string {
  return (d.best?.invoices.map((i) => i.id) ?? []).sort().join(",");
}

function right(l: LabelledLine, d: Decision): boolean {
  return l.truth !== "none" && ids(d) === [...l.truth].sort().join(",");
}

interface Tally {
  lines: number;
  auto: number;
  autoRight: number;
  proposed: number;
  proposedRight: number;
  payments: number;
}

const tallies = new Map<string, Tally>();
const all: Tally = { lines: 0, auto: 0, autoRight: 0, proposed: 0, proposedRight: 0, payments: 0 };
const wrongAuto: string[] = [];
set.lines.forEach((l, i) => {
  const d = decisions[i] as Decision;
  const k = tallies.get(l.kind) ?? {
    lines: 0,
    auto: 0,
    autoRight: 0,
    proposed: 0,
    proposedRight: 0,
    payments: 0,
  };
  tallies.set(l.kind, k);
  for (const t of [k, all]) {
    t.lines++;
    if (l.truth !== "none") t.payments++;
    if (d.kind === "auto") {
      t.auto++;
      if (right(l, d)) t.autoRight++;
    } else if (d.kind === "proposed") {
      t.proposed++;
      if (right(l, d)) t.proposedRight++;
    }
  }
  if (d.kind === "auto" && !right(l, d) && wrongAuto.length < 15) {
    wrongAuto.push(
      `${l.kind} ${l.line.label} | ${l.line.amount_cents} | truth ${JSON.stringify(l.truth)} | got ${ids(d)} ${d.best?.score} ${d.best?.reasons.map((r) => r.code).join(" ")}`,
    );
  }
});

const pct = (a: number, b: number) => (b === 0 ? "   –  " : `${((100 * a) / b).toFixed(1).padStart(5)}%`);
console.log(
  `matching: ${set.lines.length} lines, ${set.open.length} open invoices, ${set.clients.length} clients (seed ${seed})`,
);
console.log("kind                lines  auto  auto-ok  proposed  prop-ok  recall(a+p)");
for (const [kind, t] of [...tallies.entries()].sort()) {
  console.log(
    `${kind.padEnd(18)} ${String(t.lines).padStart(6)} ${String(t.auto).padStart(5)} ${pct(t.autoRight, t.auto)} ${String(t.proposed).padStart(8)} ${pct(t.proposedRight, t.proposed)}   ${pct(t.autoRight + t.proposedRight, t.payments)}`,
  );
}
console.log(`auto precision: ${pct(all.autoRight, all.auto)} (${all.autoRight}/${all.auto}; goal ≥ 99.5 %)`);
console.log(
  `auto + proposed recall: ${pct(all.autoRight + all.proposedRight, all.payments)} (${all.autoRight + all.proposedRight}/${all.payments}; goal ≥ 95 %)`,
);
const cheque = tallies.get("cheque");
if (cheque !== undefined) {
  const right = all.autoRight + all.proposedRight - cheque.autoRight - cheque.proposedRight;
  console.log(
    `  of which without cheque remittances (no payer, no reference: the amount alone): ${pct(right, all.payments - cheque.payments)}`,
  );
}
{
  const lines = new Set(
    set.lines.filter((l) => l.kind === "cheque").flatMap((l) => (l.truth === "none" ? [] : l.truth)),
  );
  const recorded = set.declared.filter((d) => lines.has(d.invoice_id)).length;
  console.log(
    `  cheque register: ${recorded} of the ${lines.size} cheques remitted were recorded on receipt, and ${set.declared.length - recorded} recorded cheques are not in this statement`,
  );
}
console.log(
  `auto share of payments: ${pct(all.autoRight, all.payments)}; proposals right: ${pct(all.proposedRight, all.proposed)}`,
);
console.log(
  `time: generate ${(t1 - t0).toFixed(0)} ms, index ${(t2 - t1).toFixed(0)} ms, fetch ${(t3 - t2).toFixed(0)} ms, match ${(t4 - t3).toFixed(0)} ms; fetch + match ${(t4 - t2).toFixed(0)} ms (goal < 10,000 ms)`,
);
if (wrongAuto.length > 0)
  console.log(`wrong auto matches (first ${wrongAuto.length}):\n  ${wrongAuto.join("\n  ")}`);
