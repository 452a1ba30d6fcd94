import { existsSync, readFileSync, writeFileSync } from "node:fs";

/** What one dialect's fault run did (printed as `FAULTS {…}`, kept in bench/results/faults.json). */
export interface FaultReport {
  dialect: string;
  rounds: number;
  seed: number;
  messages: number;
  states: Record<string, number>;
  received: number;
  /** Payment keys (one a round) and those acknowledged: a process of the key exited 0. */
  payments_attempted: number;
  payments_acknowledged: number;
  /** The `relance payments add` processes run: each key 1 to 5 times. */
  payment_processes?: number;
  /** Payments of an invoice's whole balance, and the invoices a process said were paid (exit 0, status paid). */
  full_payments?: number;
  /** Full payments of an invoice that had a reminder waiting in the outbox (pending). */
  full_payments_of_waiting_reminders?: number;
  full_payments_acknowledged?: number;
  /** Reminders cancelled at their claim because an invoice of theirs had been paid (the re-check at work). */
  reminders_cancelled_after_full_payment?: number;
  /** Invoices of the messages received after their full payment was acknowledged: each checked against its sender. */
  reminders_checked_after_full_payment?: number;
  /** Portal declarations (one form a round), those answered 2xx, and the requests sent (1 to 5 a form). */
  declarations_attempted?: number;
  declarations_acknowledged?: number;
  declaration_requests?: number;
  statement_files: number;
  statement_imports: number;
  /** PostgreSQL: `pg_ctl restart -m immediate` of the private cluster while the round ran. */
  pg_restarts?: number;
}

const RESULTS = "bench/results/faults.json";

function markdown(cases: FaultReport[]): string {
  const n = (v: number | undefined) => (v === undefined ? "—" : String(v));
  const rows = cases.map((c) => {
    const s = (k: string) => c.states[k] ?? 0;
    return `| ${c.dialect} | ${c.rounds} | ${c.rounds * 2} | ${n(c.pg_restarts)} | ${c.messages} | ${s("sent")} · ${s("uncertain")} · ${s("awaiting_approval")} | ${c.received} | ${c.payments_acknowledged} / ${c.payments_attempted} (${n(c.payment_processes)}) | ${n(c.full_payments_acknowledged)} / ${n(c.full_payments)} (${n(c.full_payments_of_waiting_reminders)}; ${n(c.reminders_cancelled_after_full_payment)}) | ${n(c.declarations_acknowledged)} / ${n(c.declarations_attempted)} (${n(c.declaration_requests)}) | ${c.statement_imports} (${c.statement_files}) | pass |`;
  });
  return `## Fault injection (\`npm run test:faults\`)

test/faults/faults.test.ts, seed ${cases[0]?.seed}, 45 debtors with invoices due over two weeks. Each round runs a
new day (1 May + round), its jobs started in random order over 2.5 s: two \`relance run --date\` processes (two
workers), each SIGKILLed at a random moment 7 times in 10; the round's payment recorded by 1 to 5 processes with the
same idempotency key (\`--idempotency-key\`; each killed 1 time in 4), paying the invoice's whole balance one time in
three (preferably an invoice with a reminder waiting in the outbox), else 20 €; a bank statement (new, or one
already imported) imported 1–5 times by processes killed 1 time in 5; « J'ai payé » on the client portal, the same
form (its Idempotency-Key) sent 1 to 5 times to a \`relance serve\` process, 1 request in 5 given up; the SMTP server
(smtp-server on 127.0.0.1) accepting, refusing with 4xx, dropping the connection during DATA or never answering DATA,
changed each round; on PostgreSQL, a private cluster made with initdb for the test, restarted
(\`pg_ctl restart -m immediate\`) at a random moment of one round in five. Then, faults off: every statement imported
once more and a run a day after the last. Checked: no Message-ID received twice; each outbox row sent (received
exactly once), uncertain (received at most once), pending / awaiting approval / failed / cancelled (never received),
none left \`sending\`; no reminder received for an invoice whose full payment was acknowledged before the worker that
sent it started; each payment key and each portal form in the ledger at most once, exactly once when acknowledged (a
process exited 0, a request answered 2xx), with the amount, invoice and reference asked, none that was not sent;
every invoice's paid amount equal to its allocations and never above its total, no payment allocated beyond its
amount; each bank line once whatever the replays, each matched line paid once; the portal server still up; on SQLite
\`integrity_check\` ok and no foreign-key violation. A run that fails writes nothing here.

| dialect | rounds | worker runs (killed ~70 %) | PostgreSQL restarts | messages | sent · uncertain · awaiting approval | received | payments acknowledged / keys (processes) | full payments acknowledged / attempted (of a waiting reminder; reminders then cancelled) | portal declarations acknowledged / forms (requests) | statement imports (files) | result |
|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|
${rows.join("\n")}

\`npm test\` runs 6 rounds per dialect; ${
    cases.every((c) => c.rounds >= 500)
      ? "the rows above are the full length (`npm run test:faults`: 500 rounds, 1,000 worker runs per dialect)."
      : "not run yet at full length (`npm run test:faults`: 500 rounds, 1,000 worker runs per dialect)."
  } The SMTP timeout is the \`hang\` mode: the server takes the message but never answers the end of DATA, and the
sender's own timeout ends the attempt (the message is then uncertain and becomes a task: never sent again on its own).`;
}

/** Keeps this dialect's figures in bench/results/faults.json (with FAULT_RESULTS set: `npm run test:faults`). */
export function recordFaultReport(report: FaultReport): void {
  const cases: FaultReport[] = existsSync(RESULTS)
    ? (JSON.parse(readFileSync(RESULTS, "utf8")) as { cases: FaultReport[] }).cases
    : [];
  const next = [...cases.filter((c) => c.dialect !== report.dialect), report].sort((a, b) =>
    a.dialect < b.dialect ? 1 : -1,
  );
  writeFileSync(RESULTS, `${JSON.stringify({ cases: next, markdown: markdown(next) }, null, 2)}\n`);
}
