// One case of the matching benchmark (issue 9), run as a child process: the labelled synthetic set (bench/matching/
// generate.ts: 100,000 open invoices, 10,000 credit lines) is written into a fresh database as clients, invoices and
// learned payer aliases, the lines as one camt.053 file; then Relance imports the file (importStatement) and matches
// it (matchTransactions, auto matches recorded as payments), and the result is scored against the truth. The ceiling
// is the least any matcher must do against the same database with the raw driver: insert the 10,000 lines and look
// each one's amount and references up through the indexes, in one transaction. Prints one JSON line.
import { execFileSync } from "node:child_process";
import { copyFileSync, rmSync } from "node:fs";
import Sqlite from "better-sqlite3";
import { sql } from "kysely";
import pg from "pg";
import pino from "pino";
import { systemClock } from "../../src/app/context.js";
import { initOrganization } from "../../src/app/organizations/init-organization.js";
import { importStatement } from "../../src/app/statements/import-statement.js";
import { matchTransactions } from "../../src/app/statements/match-transactions.js";
import { looseReferencesIn, referencesIn, referenceText } from "../../src/core/matching/references.js";
import type { BankLine, OpenInvoice } from "../../src/core/matching/types.js";
import { openDatabase } from "../../src/db/connect.js";
import { newId } from "../../src/db/ids.js";
import { refreshStatistics } from "../../src/db/maintenance.js";
import { migrateToLatest } from "../../src/db/migrate.js";
import { newClientRow } from "../../src/db/repositories/clients.js";
import { insertInvoicesSkippingExisting } from "../../src/db/repositories/invoices.js";
import { insertPayments } from "../../src/db/repositories/payments.js";
import type { NewInvoice } from "../../src/db/schema.js";
import { generate, type LabelledLine } from "./generate.js";

const [url] = process.argv.slice(2) as [string];
const AT = "2026-12-07T07:00:00.000Z";
const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const amount = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;

function camt053(lines: readonly LabelledLine[]): string {
  const entries = lines.map(({ line }) => {
    const party = line.counterparty_name
      ? `<Dbtr><Pty><Nm>${esc(line.counterparty_name)}</Nm></Pty></Dbtr>`
      : "";
    const account = line.counterparty_iban
      ? `<DbtrAcct><Id><IBAN>${line.counterparty_iban}</IBAN></Id></DbtrAcct>`
      : "";
    const ustrd = line.remittance ? `<Ustrd>${esc(line.remittance)}</Ustrd>` : "";
    const strd = line.creditor_reference
      ? `<Strd><CdtrRefInf><Ref>${esc(line.creditor_reference)}</Ref></CdtrRefInf></Strd>`
      : "";
    const cheque = line.cheque_number ? `<ChqNb>${esc(line.cheque_number)}</ChqNb>` : "";
    return `<Ntry><Amt Ccy="EUR">${amount(line.amount_cents)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${line.booking_date}</Dt></BookgDt><ValDt><Dt>${line.booking_date}</Dt></ValDt><AcctSvcrRef>${esc(line.id)}</AcctSvcrRef><AddtlNtryInf>${esc(line.label)}</AddtlNtryInf><NtryDtls><TxDtls><Refs><EndToEndId>${esc(line.end_to_end_id ?? "NOTPROVIDED")}</EndToEndId>${cheque}</Refs>${party || account ? `<RltdPties>${party}${account}</RltdPties>` : ""}${ustrd || strd ? `<RmtInf>${ustrd}${strd}</RmtInf>` : ""}</TxDtls></NtryDtls></Ntry>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>BENCH</MsgId><CreDtTm>${AT}</CreDtTm></GrpHdr><Stmt><Id>BENCH-1</Id><Acct><Id><IBAN>FR7630004000031234567890143</IBAN></Id><Ccy>EUR</Ccy></Acct>${entries.join("")}</Stmt></BkToCstmrStmt></Document>`;
}

function invoiceRow(orgId: string, inv: OpenInvoice, open: boolean): NewInvoice {
  const paid = open ? inv.total_cents - inv.balance_cents : inv.total_cents;
  return {
    id: inv.id,
    organization_id: orgId,
    client_id: inv.client_id,
    quote_id: null,
    kind: inv.kind,
    number: inv.number,
    issue_date: inv.issue_date,
    delivery_date: null,
    due_date: inv.due_date,
    currency: "EUR",
    total_ht_cents: null,
    total_vat_cents: null,
    total_ttc_cents: inv.total_cents,
    paid_cents: paid,
    status: !open ? "paid" : paid > 0 ? "partially_paid" : "open",
    penalty_clause: "default",
    indemnity_applies: 1,
    source: "imported",
    disputed: 0,
    credited_cents: 0,
    notes: null,
    next_action_on: null,
    created_at: AT,
    updated_at: AT,
  } as NewInvoice;
}

const handle = openDatabase({ url, create: true });
await migrateToLatest(handle.db);
const ctx = {
  db: handle.db,
  dialect: handle.dialect,
  clock: systemClock,
  log: pino({ level: "silent" }),
  locale: "fr" as const,
};
const org = await initOrganization({ ctx, name: "Bench SARL", email: "bench@relance.test" });
const set = generate(9);
const seedStart = performance.now();
await handle.db.transaction().execute(async (trx) => {
  for (let i = 0; i < set.clients.length; i += 500) {
    await trx
      .insertInto("client")
      .values(
        set.clients.slice(i, i + 500).map((c) =>
          newClientRow(
            {
              id: c.hint.client_id,
              organization_id: org.id,
              kind: c.person ? "consumer" : "business",
              name: c.hint.name,
            },
            AT,
          ),
        ),
      )
      .execute();
  }
  const aliases = set.clients.flatMap((c) => [
    ...c.hint.aliases.map((a) => ({ client_id: c.hint.client_id, kind: "name" as const, value: a })),
    ...c.hint.ibans.map((v) => ({ client_id: c.hint.client_id, kind: "iban" as const, value: v })),
  ]);
  for (let i = 0; i < aliases.length; i += 500) {
    await trx
      .insertInto("payer_alias")
      .values(
        aliases
          .slice(i, i + 500)
          .map((a) => ({ id: newId(), organization_id: org.id, ...a, created_at: AT, updated_at: AT })),
      )
      .execute();
  }
  await insertInvoicesSkippingExisting(trx, [
    ...set.open.map((inv) => invoiceRow(org.id, inv, true)),
    ...set.closed.map((inv) => invoiceRow(org.id, inv, false)),
  ]);
  // the cheque register: cheques recorded on receipt (« Chèque reçu »), awaiting their remittance
  const clientOf = new Map(set.open.map((inv) => [inv.id, inv.client_id]));
  await insertPayments(
    trx,
    set.declared.map((d) => ({
      id: d.payment_id,
      organization_id: org.id,
      client_id: clientOf.get(d.invoice_id) ?? null,
      date: d.date,
      amount_cents: d.amount_cents,
      method: "cheque" as const,
      reference: d.reference,
      payer: null,
      state: "declared" as const,
      source: "staff",
      declared_invoice_id: d.invoice_id,
      created_at: AT,
      updated_at: AT,
    })),
  );
});
// as after any import of invoices (import-invoices.ts): the planner's statistics refreshed
await refreshStatistics(handle.db, handle.dialect);
const seedMs = performance.now() - seedStart;
const file = Buffer.from(camt053(set.lines), "utf8");

// the ceiling: the lines inserted and each one's candidates looked up through the indexes, raw driver
const keysOf = (line: BankLine) => {
  const text = referenceText(line);
  return { keys: referencesIn(text), loose: looseReferencesIn(text) };
};
async function ceiling(workUrl: string): Promise<number> {
  const start = performance.now();
  if (handle.dialect === "sqlite") {
    const raw = new Sqlite(workUrl);
    raw.pragma("journal_mode = WAL");
    raw.pragma("synchronous = FULL");
    raw.exec("create temp table line (id text primary key, amount integer, label text)");
    const insert = raw.prepare("insert into line values (?, ?, ?)");
    const byTotal = raw.prepare(
      "select id from invoice where organization_id = ? and total_ttc_cents = ? and status in ('open', 'partially_paid') limit 20",
    );
    const byKey = raw.prepare("select id from invoice where organization_id = ? and number_key = ?");
    const byLoose = raw.prepare("select id from invoice where organization_id = ? and number_loose_key = ?");
    raw.transaction(() => {
      for (const { line } of set.lines) {
        insert.run(line.id, line.amount_cents, line.label);
        byTotal.all(org.id, line.amount_cents);
        const { keys, loose } = keysOf(line);
        for (const k of keys) byKey.all(org.id, k);
        for (const k of loose) byLoose.all(org.id, k);
      }
    })();
    raw.close();
  } else {
    const c = new pg.Client({ connectionString: workUrl });
    await c.connect();
    await c.query("begin");
    await c.query("create temp table line (id text primary key, amount bigint, label text) on commit drop");
    for (const { line } of set.lines) {
      await c.query("insert into line values ($1, $2, $3)", [line.id, line.amount_cents, line.label]);
      await c.query(
        "select id from invoice where organization_id = $1 and total_ttc_cents = $2 and status in ('open', 'partially_paid') limit 20",
        [org.id, line.amount_cents],
      );
      const { keys, loose } = keysOf(line);
      if (keys.length > 0)
        await c.query("select id from invoice where organization_id = $1 and number_key = any($2)", [
          org.id,
          keys,
        ]);
      if (loose.length > 0)
        await c.query("select id from invoice where organization_id = $1 and number_loose_key = any($2)", [
          org.id,
          loose,
        ]);
    }
    await c.query("commit");
    await c.end();
  }
  return performance.now() - start;
}

// Each measure is taken five times on a fresh copy of the seeded database (checkpointed, and flushed to disk with
// sync before each timing), and the median kept: this host's timings vary by half from one minute to the next.
const ROUNDS = 5;
if (handle.dialect === "sqlite") await sql`pragma wal_checkpoint(TRUNCATE)`.execute(handle.db);
await handle.close();
const workUrl = handle.dialect === "sqlite" ? `${url}.work` : `${url}_work`;
const dbName = (u: string) => new URL(u).pathname.slice(1);
async function adminQuery(text: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(text);
  await c.end();
}
async function freshCopy(): Promise<void> {
  if (handle.dialect === "sqlite") {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${workUrl}${suffix}`, { force: true });
    copyFileSync(url, workUrl);
  } else {
    await adminQuery(`drop database if exists ${dbName(workUrl)} with (force)`);
    await adminQuery(`create database ${dbName(workUrl)} template ${dbName(url)}`);
    await adminQuery("checkpoint");
  }
  execFileSync("sync");
}
const median = (values: number[]) =>
  [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] as number;
const rounds: { ceiling: number; import: number; match: number; total: number }[] = [];
let work = handle;
let report: Awaited<ReturnType<typeof matchTransactions>> | undefined;
for (let round = 0; round < ROUNDS; round++) {
  await freshCopy();
  const ceilingMs = await ceiling(workUrl);
  await freshCopy();
  if (round > 0) await work.close();
  work = openDatabase({ url: workUrl });
  const workCtx = { ...ctx, db: work.db, dialect: work.dialect };
  const t0 = performance.now();
  const imported = await importStatement({
    ctx: workCtx,
    org,
    userId: null,
    bytes: file,
    fileName: "bench.xml",
  });
  const importMs = performance.now() - t0;
  const t1 = performance.now();
  report = await matchTransactions({ ctx: workCtx, org, userId: null, ids: imported.new_ids });
  const matchMs = performance.now() - t1;
  rounds.push({ ceiling: ceilingMs, import: importMs, match: matchMs, total: importMs + matchMs });
}
if (!report) throw new Error("no round ran");
const importMs = median(rounds.map((r) => r.import));
const matchMs = median(rounds.map((r) => r.match));
const ceilingMs = median(rounds.map((r) => r.ceiling));

// scoring against the truth, from what was stored
const stored = await work.db
  .selectFrom("bank_transaction")
  .select(["bank_ref", "match_state", "match_reasons"])
  .where("organization_id", "=", org.id)
  .execute();
const truth = new Map(set.lines.map((l) => [l.line.id, l.truth]));
let auto = 0;
let autoRight = 0;
let proposedRight = 0;
let payments = 0;
for (const row of stored) {
  const t = truth.get(row.bank_ref);
  if (t === undefined) continue;
  if (t !== "none") payments++;
  const best = row.match_reasons
    ? (JSON.parse(row.match_reasons).best as { invoices: { id: string }[] } | null)
    : null;
  const got = (best?.invoices.map((i) => i.id) ?? []).sort().join(",");
  const right = t !== "none" && got === [...t].sort().join(",");
  if (row.match_state === "matched") {
    auto++;
    if (right) autoRight++;
  } else if (row.match_state === "proposed" && right) proposedRight++;
}
await work.close();
if (handle.dialect === "postgres")
  await adminQuery(`drop database if exists ${dbName(workUrl)} with (force)`);
process.stdout.write(
  `${JSON.stringify({
    dialect: handle.dialect,
    lines: set.lines.length,
    open_invoices: set.open.length,
    clients: set.clients.length,
    seed_ms: Math.round(seedMs),
    import_ms: Math.round(importMs),
    match_ms: Math.round(matchMs),
    ceiling_ms: Math.round(ceilingMs),
    total_ms: Math.round(median(rounds.map((r) => r.total))),
    rounds_ms: rounds.map((r) => [Math.round(r.import), Math.round(r.match), Math.round(r.ceiling)]),
    auto_matched: report.auto_matched.length,
    proposed: report.proposed.length,
    unmatched: report.unmatched.length,
    auto_precision: auto === 0 ? null : autoRight / auto,
    recall: payments === 0 ? null : (autoRight + proposedRight) / payments,
  })}\n`,
);
