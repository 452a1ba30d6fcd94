// Fault injection (issue 11; `npm run test:faults` runs FAULT_ROUNDS rounds, npm test a short version): each round
// two `relance run` processes plan and send the same day at once (two workers) while payments are recorded by other
// processes and bank statements are imported again and again; any of these processes may be SIGKILLed at a random
// moment, and the SMTP server accepts, refuses (4xx), drops the connection during DATA, or never answers DATA.
// Afterwards, with faults off: no message arrived twice, none is lost (each is sent and received once, pending,
// failed, cancelled, or uncertain and received at most once), every acknowledged payment is in the ledger once, the
// ledger adds up (paid amounts = allocations, nothing paid beyond its total), the statements imported 1 to 3 times
// each left each bank line once, and on SQLite the file passes integrity_check and foreign_key_check.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Organization } from "../../src/db/schema.js";
import { messageIdFor } from "../../src/mail/mailer.js";
import { messageIdDomainOf } from "../../src/mail/message-id.js";
import { addBillingContact, tempFilesDir } from "../dunning/support.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";
import { type SmtpMode, startTestSmtp, type TestSmtp } from "../support/smtp.js";
import { recordFaultReport } from "./report.js";

const BIN = resolve("bin/relance.js");
const ROUNDS = Number(process.env.FAULT_ROUNDS ?? 6);
const DEBTORS = 45;
/** Round r runs the day 1 May + (r mod 75): invoices due from 10 to 24 May have steps to send on most of them. */
const dayOf = (round: number): string =>
  new Date(Date.UTC(2026, 4, 1 + (round % 75))).toISOString().slice(0, 10);
const MODES: SmtpMode[] = ["accept", "accept", "accept", "reject_temporary", "drop", "hang"];

/** A seeded PRNG (mulberry32): a failing round can be replayed with FAULT_SEED. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Runs the CLI; SIGKILLed after `killAfterMs` if given. Resolves with the exit code (null when killed). */
function cli(args: string[], env: Record<string, string>, killAfterMs?: number): Promise<number | null> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: "ignore" });
    const timer =
      killAfterMs === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    child.on("exit", (code) => {
      if (timer) clearTimeout(timer);
      done(code);
    });
  });
}

describe.each(testDialects())("fault injection (%s)", (dialect) => {
  let t: TestDatabase;
  let smtp: TestSmtp;
  let org: Organization;
  const files = tempFilesDir();
  const dir = mkdtempSync(join(tmpdir(), "relance-faults-"));
  const seed = Number(process.env.FAULT_SEED ?? 20261207);

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    smtp = await startTestSmtp();
    const ctx = testContext(t, { now: "2026-04-20T08:00:00Z" });
    org = await testOrganization(ctx, "Atelier Pannes");
    await t.db
      .updateTable("organization")
      .set({ email: "relances@pannes.fr" })
      .where("id", "=", org.id)
      .execute();
    org = { ...org, email: "relances@pannes.fr" };
    for (let i = 0; i < DEBTORS; i++) {
      const client = await makeClient(ctx, org, { name: `Client Panne ${i}` });
      await addBillingContact(ctx, org, client, `c${i}@example.fr`);
      await makeInvoice(ctx, org, client, {
        number: `P-${i}`,
        total_cents: 10_000 + i * 100,
        issue_date: "2026-04-10",
        due_date: new Date(Date.UTC(2026, 4, 10 + (i % 15))).toISOString().slice(0, 10),
      });
    }
  });
  afterAll(async () => {
    await smtp?.close();
    await t?.drop();
    files.remove();
  });

  it(`${ROUNDS} rounds of killed workers, SMTP faults and replayed imports: nothing sent twice, nothing lost`, {
    timeout: 3_600_000,
  }, async () => {
    const random = prng(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const env = {
      PATH: process.env.PATH ?? "",
      TZ: "UTC",
      LANG: "C.UTF-8",
      RELANCE_SMTP_URL: smtp.url,
      RELANCE_FILES_DIR: files.dir,
    };
    const base = ["--db", t.url, "--org", org.id];
    const acknowledged: string[] = [];
    const attempted: string[] = [];
    const statements: { file: string; lines: string[] }[] = [];
    const imports = new Map<string, number>();
    for (let round = 0; round < ROUNDS; round++) {
      smtp.mode = pick(MODES);
      const day = dayOf(round);
      const jobs: Promise<unknown>[] = [];
      // two workers on the same day, each killed at a random moment 7 times in 10
      for (let w = 0; w < 2; w++) {
        const kill = random() < 0.7 ? 100 + Math.floor(random() * 1500) : 8_000;
        jobs.push(cli([...base, "run", "--date", day], env, kill));
      }
      // a payment recorded meanwhile (killed 1 time in 4): acknowledged when its process exits 0
      const n = Math.floor(random() * DEBTORS);
      const reference = `PAY-${round}`;
      attempted.push(reference);
      const killPayment = random() < 0.25 ? Math.floor(random() * 800) : undefined;
      jobs.push(
        cli(
          [
            ...base,
            "payments",
            "add",
            "--invoice",
            `P-${n}`,
            "--amount",
            "20.00",
            "--date",
            day,
            "--reference",
            reference,
          ],
          env,
          killPayment,
        ).then((code) => {
          if (code === 0) acknowledged.push(reference);
        }),
      );
      // a bank statement paying another invoice, new or one already imported, imported again (replay)
      if (statements.length === 0 || random() < 0.4) {
        const k = Math.floor(random() * DEBTORS);
        const file = join(dir, `releve-${statements.length}.csv`);
        const date = `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
        const lines = [
          `${date};VIR SEPA RECU /DE CLIENT PANNE ${k} /MOTIF FACT P-${k} ACOMPTE;;15,00`,
          `${date};VIR SEPA RECU /DE DGFIP /MOTIF REMBOURSEMENT TVA;;${round + 1}0,00`,
        ];
        writeFileSync(
          file,
          ["Compte;FR76 3000 4005 6800 0123 4567 890", "Date;Libellé;Débit;Crédit", ...lines].join("\n"),
        );
        statements.push({ file, lines });
      }
      const again = pick(statements);
      for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
        imports.set(again.file, (imports.get(again.file) ?? 0) + 1);
        jobs.push(
          cli(
            [...base, "import", "statement", again.file],
            env,
            random() < 0.2 ? Math.floor(random() * 1000) : undefined,
          ),
        );
      }
      await Promise.all(jobs);
    }
    // faults off: every statement imported once more, a run the day after the last (leases long expired) settles
    // the interrupted sends, then the outbox is sent
    smtp.mode = "accept";
    for (const s of statements) expect(await cli([...base, "import", "statement", s.file], env)).toBe(0);
    expect(await cli([...base, "run", "--date", "2026-07-20"], env)).toBe(0);

    // 1. no message twice; each row consistent with what the server received
    const received = new Map<string, number>();
    for (const m of smtp.received) received.set(m.messageId, (received.get(m.messageId) ?? 0) + 1);
    expect([...received.entries()].filter(([, c]) => c > 1)).toEqual([]);
    const rows = await t.db.selectFrom("outbox").selectAll().where("organization_id", "=", org.id).execute();
    const domain = messageIdDomainOf(org.email);
    const states: Record<string, number> = {};
    for (const row of rows) {
      states[row.state] = (states[row.state] ?? 0) + 1;
      const got = received.get(messageIdFor(`${org.id}:${row.idempotency_key}`, domain)) ?? 0;
      if (row.state === "sent") expect(got, row.idempotency_key).toBe(1);
      else if (row.state === "uncertain") expect(got).toBeLessThanOrEqual(1);
      else expect(got, `${row.idempotency_key} ${row.state}`).toBe(0);
    }
    // nothing left half-way: a leased (sending) message would be lost
    expect(states.sending).toBeUndefined();
    const keys = rows.map((r) => r.idempotency_key);
    expect(new Set(keys).size).toBe(keys.length);

    // 2. every acknowledged payment once, none that was not attempted
    const manual = await t.db
      .selectFrom("payment")
      .select(["reference"])
      .where("organization_id", "=", org.id)
      .where("source", "!=", "bank")
      .execute();
    const refs = manual.map((p) => p.reference as string);
    for (const r of acknowledged)
      expect(
        refs.filter((x) => x === r),
        r,
      ).toHaveLength(1);
    for (const r of refs) expect(attempted).toContain(r);
    expect(new Set(refs).size).toBe(refs.length);

    // 3. the ledger adds up: each invoice's paid amount is its allocations, never beyond its total
    const ledger = await sql<{
      id: string;
      total: number | string;
      paid: number | string;
      allocated: number | string;
    }>`
      select i.id, i.total_ttc_cents as total, i.paid_cents as paid,
        coalesce((select sum(a.amount_cents) from allocation a where a.invoice_id = i.id), 0) as allocated
      from invoice i where i.organization_id = ${org.id}`.execute(t.db);
    for (const r of ledger.rows) {
      expect(Number(r.paid), r.id).toBe(Number(r.allocated));
      expect(Number(r.paid)).toBeLessThanOrEqual(Number(r.total));
    }
    const overAllocated = await sql<{ n: number | string }>`select count(*) as n from payment p
      where p.organization_id = ${org.id}
        and (select coalesce(sum(a.amount_cents), 0) from allocation a where a.payment_id = p.id) > p.amount_cents`.execute(
      t.db,
    );
    expect(Number(overAllocated.rows[0]?.n)).toBe(0);

    // 4. statements replayed: each bank line once, each matched line paid once
    const lines = await t.db
      .selectFrom("bank_transaction")
      .select(["id", "match_state", "payment_id"])
      .where("organization_id", "=", org.id)
      .execute();
    // a CSV export has no bank reference: the same date, amount and label in two files is one line (overlapping
    // exports), so the lines expected are the distinct ones
    expect(lines).toHaveLength(new Set(statements.flatMap((s) => s.lines)).size);
    const bankPayments = await t.db
      .selectFrom("payment")
      .select(["bank_transaction_id"])
      .where("organization_id", "=", org.id)
      .where("bank_transaction_id", "is not", null)
      .execute();
    const perLine = new Map<string, number>();
    for (const p of bankPayments)
      perLine.set(p.bank_transaction_id as string, (perLine.get(p.bank_transaction_id as string) ?? 0) + 1);
    expect([...perLine.values()].filter((c) => c > 1)).toEqual([]);
    for (const l of lines) if (l.match_state === "matched") expect(perLine.get(l.id)).toBe(1);

    // 5. SQLite: the file is sound after every kill
    if (dialect === "sqlite") {
      const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(t.db);
      expect(check.rows.map((r) => r.integrity_check)).toEqual(["ok"]);
      const fk = await sql`pragma foreign_key_check`.execute(t.db);
      expect(fk.rows).toEqual([]);
    }
    const report = {
      dialect,
      rounds: ROUNDS,
      seed,
      messages: rows.length,
      states,
      received: smtp.received.length,
      payments_attempted: attempted.length,
      payments_acknowledged: acknowledged.length,
      statement_files: statements.length,
      statement_imports: [...imports.values()].reduce((a, b) => a + b, 0),
    };
    process.stdout.write(`FAULTS ${JSON.stringify(report)}\n`);
    if (process.env.FAULT_RESULTS) recordFaultReport(report);
    expect(rows.length).toBeGreaterThan(0);
  });
});
