// Durability on SQLite (issue 11; `npm run test:faults` runs KILL_RUNS = 1,000, npm test a short version): processes
// recording payments (`relance payments add`, each with its idempotency key) and importing bank statements write to
// one SQLite file, four at a time, and each is SIGKILLed at a random moment of its life (most while they open the file or write). At
// the end: `integrity_check` ok, no foreign-key violation, every acknowledged payment (its process exited 0) in the
// ledger exactly once, none that was not attempted, each invoice's paid amount its allocations, each bank line once.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Organization } from "../../src/db/schema.js";
import { tempFilesDir } from "../dunning/support.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";
import { recordDurabilityReport } from "./durability-report.js";

const BIN = resolve("bin/relance.js");
const RUNS = Number(process.env.KILL_RUNS ?? 24);
const AT_ONCE = 4;
const INVOICES = 30;

/** Runs the CLI; SIGKILLed after `killAfterMs`. Resolves with the exit code (null when killed). */
function cli(args: string[], env: Record<string, string>, killAfterMs: number): Promise<number | null> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: "ignore" });
    const timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      done(code);
    });
  });
}

describe("durability under SIGKILL (sqlite)", () => {
  let t: TestDatabase;
  let org: Organization;
  const files = tempFilesDir();
  const dir = mkdtempSync(join(tmpdir(), "relance-durability-"));

  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    const ctx = testContext(t, { now: "2026-04-20T08:00:00Z" });
    org = await testOrganization(ctx, "Atelier Coupures");
    for (let i = 0; i < INVOICES; i++) {
      const client = await makeClient(ctx, org, { name: `Client Coupure ${i}` });
      await makeInvoice(ctx, org, client, {
        number: `K-${i}`,
        total_cents: 1_000_000,
        issue_date: "2026-04-01",
        due_date: "2026-05-01",
      });
    }
  });
  afterAll(async () => {
    await t?.drop();
    files.remove();
  });

  it(`${RUNS} processes killed at random while they write: the file sound, no acknowledged payment lost`, {
    timeout: 3_600_000,
  }, async () => {
    let seed = Number(process.env.FAULT_SEED ?? 20261208) >>> 0;
    const random = () => {
      seed = (seed + 0x6d2b79f5) >>> 0;
      let x = seed;
      x = Math.imul(x ^ (x >>> 15), x | 1);
      x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
      return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
    };
    const env = {
      PATH: process.env.PATH ?? "",
      TZ: "UTC",
      LANG: "C.UTF-8",
      RELANCE_FILES_DIR: files.dir,
    };
    const base = ["--db", t.url, "--org", org.id];
    const attempted = new Set<string>();
    const acknowledged = new Set<string>();
    const lines = new Set<string>();
    let killed = 0;
    let run = 0;
    // how long each kind of process lives on this machine, four at a time: measured first, then followed — longer
    // after each kill, shorter after each process that finished — so that about 60 % are killed, most of them
    // late in their life, while they write (a kill at random over the whole life mostly hits Node starting)
    const lifetime = { payment: 0, statement: 0 };
    const one = async (kind = random() < 0.8 ? ("payment" as const) : ("statement" as const)) => {
      const n = run++;
      const started = performance.now();
      const killAfter = lifetime[kind] === 0 ? 60_000 : Math.floor(lifetime[kind] * (0.5 + 0.7 * random()));
      let code: number | null;
      if (kind === "payment") {
        const key = `dur-${n}`;
        attempted.add(key);
        code = await cli(
          [
            ...base,
            "payments",
            "add",
            "--invoice",
            `K-${n % INVOICES}`,
            "--amount",
            "1.00",
            "--date",
            "2026-05-02",
            "--reference",
            key,
            "--idempotency-key",
            key,
          ],
          env,
          killAfter,
        );
        if (code === 0) acknowledged.add(key);
      } else {
        const file = join(dir, `releve-${n}.csv`);
        const rows = [0, 1, 2].map(
          (k) => `03/05/2026;VIR SEPA RECU /DE DGFIP /MOTIF REMBT ${n}-${k};;${n + 1},0${k}`,
        );
        for (const r of rows) lines.add(r);
        writeFileSync(
          file,
          ["Compte;FR76 3000 4005 6800 0123 4567 890", "Date;Libellé;Débit;Crédit", ...rows].join("\n"),
        );
        code = await cli([...base, "import", "statement", file], env, killAfter);
        if (code !== 0) for (const r of rows) lines.delete(r); // imported or not: checked below as a whole file
      }
      if (lifetime[kind] > 0) lifetime[kind] *= code === null ? 1.02 : 0.97;
      if (code === null) killed++;
      else expect(code, `run ${n}`).toBe(0);
      return performance.now() - started;
    };
    const [p1, p2, s1, s2] = await Promise.all([
      one("payment"),
      one("payment"),
      one("statement"),
      one("statement"),
    ]);
    lifetime.payment = Math.max(p1, p2);
    lifetime.statement = Math.max(s1, s2);
    await Promise.all(
      Array.from({ length: AT_ONCE }, async () => {
        while (run < RUNS) await one();
      }),
    );

    const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(t.db);
    expect(check.rows.map((r) => r.integrity_check)).toEqual(["ok"]);
    expect((await sql`pragma foreign_key_check`.execute(t.db)).rows).toEqual([]);

    const payments = await t.db
      .selectFrom("payment")
      .select(["reference", "amount_cents"])
      .where("organization_id", "=", org.id)
      .execute();
    const refs = payments.map((p) => p.reference as string);
    expect(new Set(refs).size).toBe(refs.length);
    for (const r of refs) expect(attempted.has(r), r).toBe(true);
    for (const k of acknowledged) expect(refs, k).toContain(k);
    const ledger = await sql<{ id: string; paid: number | string; allocated: number | string }>`
      select i.id, i.paid_cents as paid,
        coalesce((select sum(a.amount_cents) from allocation a where a.invoice_id = i.id), 0) as allocated
      from invoice i where i.organization_id = ${org.id}`.execute(t.db);
    for (const r of ledger.rows) expect(Number(r.paid), r.id).toBe(Number(r.allocated));
    const total = ledger.rows.reduce((s, r) => s + Number(r.paid), 0);
    expect(total).toBe(100 * payments.length);

    // a statement is imported whole or not at all: each acknowledged file's lines there once, no file half there
    const stored = await t.db
      .selectFrom("bank_transaction")
      .select(["label"])
      .where("organization_id", "=", org.id)
      .execute();
    const labels = stored.map((s) => s.label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const line of lines) expect(labels, line).toContain(line.split(";")[1]);
    const perFile = new Map<string, number>();
    for (const l of labels) {
      const file = /REMBT (\d+)-/.exec(l)?.[1] ?? l;
      perFile.set(file, (perFile.get(file) ?? 0) + 1);
    }
    expect([...perFile.values()].filter((c) => c !== 3)).toEqual([]);

    const report = {
      runs: RUNS,
      lifetime_ms: { payment: Math.round(lifetime.payment), statement: Math.round(lifetime.statement) },
      killed,
      payments_attempted: attempted.size,
      payments_acknowledged: acknowledged.size,
      payments_stored: payments.length,
      statement_files_stored: perFile.size,
    };
    process.stdout.write(`DURABILITY ${JSON.stringify(report)}\n`);
    if (process.env.FAULT_RESULTS) recordDurabilityReport(report);
    expect(killed).toBeGreaterThan(0);
  });
});
