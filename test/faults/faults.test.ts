// Fault injection (issue 11; `npm run test:faults` runs FAULT_ROUNDS rounds, npm test a short version): each round
// two `relance run` processes plan and send the same day at once (two workers) while, in random order among them,
// the round's payment is recorded by 1 to 5 processes with the same idempotency key (a retried command), a bank
// statement is imported 1 to 5 times, and a payment is declared on the client portal by 1 to 5 copies of the same
// form (its idempotency key) sent to a `relance serve` process; any CLI process may be SIGKILLed at a random moment,
// a portal request may be given up; the SMTP server accepts, refuses (4xx), drops the connection during DATA, or
// never answers DATA; on PostgreSQL (a private cluster made with initdb for the test) the server is restarted
// (`pg_ctl restart -m immediate`) at a random moment of one round in five. One payment in three pays its invoice in
// full, preferably one with a reminder waiting in the outbox.
// Afterwards, with faults off: no message arrived twice, none is lost (each is sent and received once, pending,
// failed, cancelled, or uncertain and received at most once); no reminder was received for an invoice whose full
// payment was acknowledged before the worker that sent it started; each payment key and each declaration key is in
// the ledger at most once, exactly once when acknowledged (a process exited 0, a request answered 2xx), with what was
// asked; the ledger adds up (paid amounts = allocations, nothing paid beyond its total); the statements left each
// bank line once; the portal server is still up; on SQLite the file passes integrity_check and foreign_key_check.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/app/context.js";
import { createPortalLink } from "../../src/app/portal/create-portal-link.js";
import type { Organization } from "../../src/db/schema.js";
import { messageIdFor } from "../../src/mail/mailer.js";
import { messageIdDomainOf } from "../../src/mail/message-id.js";
import { addBillingContact, tempFilesDir } from "../dunning/support.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";
import { type PgCluster, startPgCluster } from "../support/pg-cluster.js";
import { type SmtpMode, startTestSmtp, type TestSmtp } from "../support/smtp.js";
import { recordFaultReport } from "./report.js";

const BIN = resolve("bin/relance.js");
const ROUNDS = Number(process.env.FAULT_ROUNDS ?? 6);
const DEBTORS = 45;
/**
 * The invoices declared paid on the portal. A declaration pauses its invoice's reminders for 7 days from the server's
 * own today (the real date, months after the days replayed here): a few invoices only, so that the others are
 * reminded.
 */
const DECLARING = [40, 41, 42, 43, 44];
/** Round r runs the day 1 May + (r mod 75): invoices due from 10 to 24 May have steps to send on most of them. */
const dayOf = (round: number): string =>
  new Date(Date.UTC(2026, 4, 1 + (round % 75))).toISOString().slice(0, 10);
const MODES: SmtpMode[] = ["accept", "accept", "accept", "reject_temporary", "drop", "hang"];
/** On PostgreSQL, the rounds in which the server is restarted. */
const restartsIn = (round: number): boolean => round % 5 === 2;
/** A process alive this long after the SMTP server got a message may have sent it (exit events come late). */
const EXIT_SLACK_MS = 2_000;

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Exit {
  /** null when killed. */
  code: number | null;
  stdout: string;
  /** The end of its stderr (what went wrong). */
  stderr: string;
  startedAt: number;
  endedAt: number;
}

/**
 * Runs the CLI after `delayMs`; SIGKILLed after `killAfterMs` if given, and after 60 s whatever happens (a process
 * that lost its database must not hold the round). Resolves with its exit code, its output and when it ran.
 */
async function cli(
  args: string[],
  env: Record<string, string>,
  options: { delayMs?: number; killAfterMs?: number } = {},
): Promise<Exit> {
  if (options.delayMs) await sleep(options.delayMs);
  const startedAt = Date.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr?.on("data", (c: Buffer) => {
      stderr = (stderr + c.toString()).slice(-4000);
    });
    const kill = setTimeout(() => child.kill("SIGKILL"), options.killAfterMs ?? 60_000);
    child.on("close", (code) => {
      clearTimeout(kill);
      done({ code, stdout, stderr, startedAt, endedAt: Date.now() });
    });
  });
}

/** `relance serve` on a free port, the scheduler off (the rounds run the days themselves). */
async function startServe(
  url: string,
  env: Record<string, string>,
): Promise<{ base: string; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [BIN, "--db", url, "serve", "--port", "0", "--host", "127.0.0.1"], {
    env: { ...env, RELANCE_SCHEDULER: "off", LOG_LEVEL: "silent" },
    stdio: ["ignore", "pipe", "ignore"],
  });
  const port = await new Promise<number>((done, fail) => {
    let out = "";
    const timer = setTimeout(() => fail(new Error(`relance serve did not start: ${out}`)), 30_000);
    child.once("exit", (code) => fail(new Error(`relance serve exited (${code}): ${out}`)));
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /https?:\/\/[^\s:]+:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        done(Number(m[1]));
      }
    });
  });
  return {
    base: `http://127.0.0.1:${port}`,
    child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, sleep(5_000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}

/** A query of the test's own, retried while a restarted PostgreSQL comes back. */
async function settled<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 20) throw error;
      await sleep(250);
    }
  }
}

const euros = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;

describe.each(testDialects())("fault injection (%s)", (dialect) => {
  let cluster: PgCluster | undefined;
  let t: TestDatabase;
  let smtp: TestSmtp;
  let org: Organization;
  let serve: Awaited<ReturnType<typeof startServe>> | undefined;
  const files = tempFilesDir();
  const dir = mkdtempSync(join(tmpdir(), "relance-faults-"));
  const seed = Number(process.env.FAULT_SEED ?? 20261207);
  /** P-n → its invoice and client. */
  const invoices = new Map<string, { id: string; client: string }>();
  /** The portal token of each declaring client. */
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    if (dialect === "postgres") {
      // a private cluster, so that restarting it harms nobody: failing to make one fails the test (no skip)
      cluster = await startPgCluster();
    }
    t = await createTestDatabase(dialect, cluster ? { adminUrl: cluster.url } : {});
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
      const id = await makeInvoice(ctx, org, client, {
        number: `P-${i}`,
        total_cents: 10_000 + i * 100,
        issue_date: "2026-04-10",
        due_date: new Date(Date.UTC(2026, 4, 10 + (i % 15))).toISOString().slice(0, 10),
      });
      invoices.set(`P-${i}`, { id, client });
    }
    // the portal server works on the real clock: its links are made on it too (one made on 20 April would have
    // expired by now)
    const now = { ...ctx, clock: systemClock };
    for (const i of DECLARING) {
      const client = invoices.get(`P-${i}`)?.client as string;
      const { token } = await createPortalLink({ ctx: now, org, userId: null, clientId: client });
      tokens.set(client, token);
    }
    serve = await startServe(t.url, {
      PATH: process.env.PATH ?? "",
      TZ: "UTC",
      LANG: "C.UTF-8",
      RELANCE_FILES_DIR: files.dir,
    });
  }, 120_000);
  afterAll(async () => {
    await serve?.stop();
    await smtp?.close();
    await t?.drop().catch(() => undefined);
    await cluster?.stop();
    files.remove();
  });

  it(`${ROUNDS} rounds of killed workers, SMTP faults, replayed payments, imports and declarations${
    dialect === "postgres" ? ", database restarts" : ""
  }: nothing sent twice, nothing lost, nothing recorded twice`, {
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
    /** Every `relance run`: when it started and ended (the final run included). */
    const workers: { startedAt: number; endedAt: number }[] = [];
    /** Payments by idempotency key: what was asked, and whether a process exited 0. */
    const payments = new Map<
      string,
      { invoice: string; amount: number; reference: string; acknowledged: boolean }
    >();
    let paymentProcesses = 0;
    /** Invoice id → when a process first said it was paid (exit 0, status paid). */
    const paidAt = new Map<string, number>();
    /** Portal declarations by stored key. */
    const declarations = new Map<string, { invoice: string; amount: number; acknowledged: boolean }>();
    let portalRequests = 0;
    let restarts = 0;
    let fullPayments = 0;
    let fullPaymentsOfWaiting = 0;
    const statements: { file: string; lines: string[] }[] = [];
    const imports = new Map<string, number>();

    for (let round = 0; round < ROUNDS; round++) {
      smtp.mode = pick(MODES);
      const day = dayOf(round);
      const jobs: Promise<unknown>[] = [];
      // the round's payment: in full one time in three (preferably an invoice with a reminder waiting), else 20 €
      const full = random() < 1 / 3;
      const open = await settled(() =>
        t.db
          .selectFrom("invoice")
          .select(["id", "number", "total_ttc_cents", "paid_cents", "credited_cents"])
          .where("organization_id", "=", org.id)
          .where("status", "in", ["open", "partially_paid"])
          .execute(),
      );
      let number = `P-${Math.floor(random() * DEBTORS)}`;
      let amount = 2_000;
      if (full && open.length > 0) {
        const waiting = await settled(() =>
          t.db
            .selectFrom("outbox")
            .select("invoices")
            .where("organization_id", "=", org.id)
            .where("state", "=", "pending")
            .execute(),
        );
        const waitingIds = new Set(
          waiting.flatMap((w) => (JSON.parse(w.invoices) as { id: string }[]).map((i) => i.id)),
        );
        const preferred = open.filter((i) => waitingIds.has(i.id));
        if (preferred.length > 0) fullPaymentsOfWaiting++;
        const target = pick(preferred.length > 0 ? preferred : open);
        number = target.number;
        amount = Number(target.total_ttc_cents) - Number(target.paid_cents) - Number(target.credited_cents);
        fullPayments++;
      }
      const key = `pay-${round}`;
      const payment = { invoice: number, amount, reference: `PAY-${round}`, acknowledged: false };
      payments.set(key, payment);
      const replays = 1 + Math.floor(random() * 5);
      for (let k = 0; k < replays; k++) {
        paymentProcesses++;
        const delayMs = Math.floor(random() * 1500);
        const killAfterMs = random() < 0.25 ? Math.floor(random() * 1200) : undefined;
        jobs.push(
          cli(
            [
              ...base,
              "payments",
              "add",
              "--invoice",
              number,
              "--amount",
              euros(amount),
              "--date",
              day,
              "--reference",
              payment.reference,
              "--idempotency-key",
              key,
              "--json",
            ],
            env,
            { delayMs, ...(killAfterMs !== undefined ? { killAfterMs } : {}) },
          ).then((exit) => {
            if (exit.code !== 0) return;
            payment.acknowledged = true;
            const out = JSON.parse(exit.stdout) as { invoice_id: string; status: string };
            if (out.status === "paid") {
              paidAt.set(
                out.invoice_id,
                Math.min(paidAt.get(out.invoice_id) ?? Number.POSITIVE_INFINITY, exit.endedAt),
              );
            }
          }),
        );
      }
      // two workers on the same day, each starting at a random moment and killed at a random moment 7 times in 10
      for (let w = 0; w < 2; w++) {
        const delayMs = Math.floor(random() * 2500);
        const killAfterMs = random() < 0.7 ? 100 + Math.floor(random() * 1500) : 8_000;
        jobs.push(
          cli([...base, "run", "--date", day], env, { delayMs, killAfterMs }).then((exit) =>
            workers.push({ startedAt: exit.startedAt, endedAt: exit.endedAt }),
          ),
        );
      }
      // a bank statement paying another invoice, new or one already imported, imported 1 to 5 times (replays)
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
      for (let k = 1 + Math.floor(random() * 5); k > 0; k--) {
        imports.set(again.file, (imports.get(again.file) ?? 0) + 1);
        const delayMs = Math.floor(random() * 1500);
        const killAfterMs = random() < 0.2 ? Math.floor(random() * 1000) : undefined;
        jobs.push(
          cli([...base, "import", "statement", again.file], env, {
            delayMs,
            ...(killAfterMs !== undefined ? { killAfterMs } : {}),
          }),
        );
      }
      // « J'ai payé » on the portal: the same form sent 1 to 5 times (a double click, a retry), some given up
      const declared = invoices.get(`P-${pick(DECLARING)}`) as { id: string; client: string };
      const formKey = `form-${round}`;
      // 7,00 € to 7,99 €: never the amount of a statement line (bank matching would confirm the declaration)
      const declaration = { invoice: declared.id, amount: 700 + (round % 100), acknowledged: false };
      declarations.set(`portal:${declared.client}:${formKey}`, declaration);
      const token = tokens.get(declared.client) as string;
      for (let k = 1 + Math.floor(random() * 5); k > 0; k--) {
        portalRequests++;
        const delayMs = Math.floor(random() * 1500);
        const abortAfterMs = random() < 0.2 ? Math.floor(random() * 300) : 30_000;
        jobs.push(
          sleep(delayMs).then(async () => {
            try {
              const res = await fetch(
                `${serve?.base}/api/portal/${token}/invoices/${declared.id}/declared-payments`,
                {
                  method: "POST",
                  headers: { "content-type": "application/json", "idempotency-key": formKey },
                  body: JSON.stringify({
                    date: day,
                    amount_cents: declaration.amount,
                    method: "transfer",
                    reference: `DECL-${round}`,
                  }),
                  signal: AbortSignal.timeout(abortAfterMs),
                },
              );
              if (res.status === 200 || res.status === 201) declaration.acknowledged = true;
              await res.arrayBuffer();
            } catch {
              // given up, or the server lost its database: not acknowledged
            }
          }),
        );
      }
      // PostgreSQL restarted under the round's feet (immediate: every connection cut, crash recovery)
      if (cluster && restartsIn(round)) {
        const at = 200 + Math.floor(random() * 1800);
        const restart = cluster.restart;
        jobs.push(
          sleep(at)
            .then(() => restart())
            .then(() => {
              restarts++;
            }),
        );
      }
      await Promise.all(jobs);
    }
    // faults off: every statement imported once more, a run the day after the last (leases long expired) settles
    // the interrupted sends, then the outbox is sent
    smtp.mode = "accept";
    for (const s of statements) {
      const exit = await cli([...base, "import", "statement", s.file], env);
      expect(exit.code, exit.stderr).toBe(0);
    }
    const last = await cli([...base, "run", "--date", "2026-07-20"], env);
    expect(last.code, last.stderr).toBe(0);
    workers.push({ startedAt: last.startedAt, endedAt: last.endedAt });
    // the portal server lived through it all (database restarts included)
    expect(serve?.child.exitCode).toBeNull();

    // 1. no message twice; each row consistent with what the server received
    const received = new Map<string, number>();
    for (const m of smtp.received) received.set(m.messageId, (received.get(m.messageId) ?? 0) + 1);
    expect([...received.entries()].filter(([, c]) => c > 1)).toEqual([]);
    const rows = await t.db.selectFrom("outbox").selectAll().where("organization_id", "=", org.id).execute();
    const domain = messageIdDomainOf(org.email);
    const states: Record<string, number> = {};
    const rowByMessageId = new Map<string, (typeof rows)[number]>();
    for (const row of rows) {
      states[row.state] = (states[row.state] ?? 0) + 1;
      const messageId = messageIdFor(`${org.id}:${row.idempotency_key}`, domain);
      rowByMessageId.set(messageId, row);
      const got = received.get(messageId) ?? 0;
      if (row.state === "sent") expect(got, row.idempotency_key).toBe(1);
      else if (row.state === "uncertain") expect(got).toBeLessThanOrEqual(1);
      else expect(got, `${row.idempotency_key} ${row.state}`).toBe(0);
    }
    // nothing left half-way: a leased (sending) message would be lost
    expect(states.sending).toBeUndefined();
    const keys = rows.map((r) => r.idempotency_key);
    expect(new Set(keys).size).toBe(keys.length);

    // 2. no reminder for an invoice paid in full before the send decision: a message received about an invoice whose
    // full payment was acknowledged at A could only come from a worker that started before A (its claim re-reads the
    // invoice) — among the workers alive when the message arrived, the earliest started before A
    const late: string[] = [];
    let checkedAfterPayment = 0;
    for (const mail of smtp.received) {
      const row = rowByMessageId.get(mail.messageId);
      expect(row, mail.messageId).toBeDefined();
      if (!row) continue;
      for (const { id } of JSON.parse(row.invoices) as { id: string }[]) {
        const at = paidAt.get(id);
        if (at === undefined || mail.receivedAt < at) continue;
        checkedAfterPayment++;
        const alive = workers.filter(
          (w) => w.startedAt <= mail.receivedAt && w.endedAt + EXIT_SLACK_MS >= mail.receivedAt,
        );
        const earliest = Math.min(...alive.map((w) => w.startedAt));
        if (!(earliest <= at))
          late.push(`${row.idempotency_key}: paid at ${at}, sent by a worker started ${earliest}`);
      }
    }
    expect(late).toEqual([]);
    // how often the dispatcher's re-check had something to do: reminders cancelled because their invoice was paid
    const cancelledAfterPayment = rows.filter(
      (r) =>
        r.state === "cancelled" && (JSON.parse(r.invoices) as { id: string }[]).some((i) => paidAt.has(i.id)),
    ).length;

    // 3. every payment key once at most, once when acknowledged, with what was asked; none that was not attempted
    const manual = await t.db
      .selectFrom("payment as p")
      .leftJoin("allocation as a", "a.payment_id", "p.id")
      .leftJoin("invoice as i", "i.id", "a.invoice_id")
      .select(["p.idempotency_key", "p.reference", "p.amount_cents", "i.number"])
      .where("p.organization_id", "=", org.id)
      .where("p.source", "=", "manual")
      .execute();
    const byKey = new Map<string, number>();
    for (const p of manual) {
      const key = (p.idempotency_key ?? "").replace(/^payment:/, "");
      byKey.set(key, (byKey.get(key) ?? 0) + 1);
      const asked = payments.get(key);
      expect(asked, `a payment nobody asked for: ${p.idempotency_key}`).toBeDefined();
      expect({ reference: p.reference, amount: Number(p.amount_cents), invoice: p.number }).toEqual({
        reference: asked?.reference,
        amount: asked?.amount,
        invoice: asked?.invoice,
      });
    }
    expect([...byKey.entries()].filter(([, n]) => n > 1)).toEqual([]);
    for (const [key, asked] of payments) if (asked.acknowledged) expect(byKey.get(key), key).toBe(1);

    // 4. every portal declaration once at most, once when acknowledged
    const portal = await t.db
      .selectFrom("payment")
      .select(["idempotency_key", "amount_cents", "declared_invoice_id", "state"])
      .where("organization_id", "=", org.id)
      .where("source", "=", "portal")
      .execute();
    const declaredKeys = portal.map((p) => p.idempotency_key ?? "");
    expect(new Set(declaredKeys).size).toBe(declaredKeys.length);
    for (const p of portal) {
      const asked = declarations.get(p.idempotency_key ?? "");
      expect(asked, `a declaration nobody sent: ${p.idempotency_key}`).toBeDefined();
      expect({ state: p.state, amount: Number(p.amount_cents), invoice: p.declared_invoice_id }).toEqual({
        state: "declared",
        amount: asked?.amount,
        invoice: asked?.invoice,
      });
    }
    for (const [key, asked] of declarations)
      if (asked.acknowledged)
        expect(
          declaredKeys.filter((k) => k === key),
          key,
        ).toHaveLength(1);

    // 5. the ledger adds up: each invoice's paid amount is its allocations, never beyond its total
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

    // 6. statements replayed: each bank line once, each matched line paid once
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

    // 7. SQLite: the file is sound after every kill
    if (dialect === "sqlite") {
      const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(t.db);
      expect(check.rows.map((r) => r.integrity_check)).toEqual(["ok"]);
      const fk = await sql`pragma foreign_key_check`.execute(t.db);
      expect(fk.rows).toEqual([]);
    }
    if (cluster) expect(restarts).toBe(Array.from({ length: ROUNDS }, (_, r) => r).filter(restartsIn).length);
    const acknowledged = [...payments.values()].filter((p) => p.acknowledged).length;
    const report = {
      dialect,
      rounds: ROUNDS,
      seed,
      messages: rows.length,
      states,
      received: smtp.received.length,
      payments_attempted: payments.size,
      payments_acknowledged: acknowledged,
      payment_processes: paymentProcesses,
      full_payments: fullPayments,
      full_payments_of_waiting_reminders: fullPaymentsOfWaiting,
      full_payments_acknowledged: paidAt.size,
      reminders_cancelled_after_full_payment: cancelledAfterPayment,
      reminders_checked_after_full_payment: checkedAfterPayment,
      declarations_attempted: declarations.size,
      declarations_acknowledged: [...declarations.values()].filter((d) => d.acknowledged).length,
      declaration_requests: portalRequests,
      statement_files: statements.length,
      statement_imports: [...imports.values()].reduce((a, b) => a + b, 0),
      pg_restarts: restarts,
    };
    process.stdout.write(`FAULTS ${JSON.stringify(report)}\n`);
    if (process.env.FAULT_RESULTS) recordFaultReport(report);
    expect(rows.length).toBeGreaterThan(0);
    expect(acknowledged).toBeGreaterThan(0);
  });
});
