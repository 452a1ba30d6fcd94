import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppContext, fixedClock } from "../../src/app/context.js";
import { backoffMs, dispatchOutbox } from "../../src/app/dunning/dispatch-outbox.js";
import { runDay } from "../../src/app/dunning/run-day.js";
import type { Organization } from "../../src/db/schema.js";
import { type Mailer, messageIdFor } from "../../src/mail/mailer.js";
import { messageIdDomainOf } from "../../src/mail/message-id.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";
import { startTestSmtp, type TestSmtp } from "../support/smtp.js";
import { addBillingContact, day, outboxRows, smtpMailer, tempFilesDir } from "./support.js";

const BIN = resolve("bin/relance.js");

/** A client with one invoice due on `due`, billed to `email`. */
async function debtor(ctx: AppContext, org: Organization, name: string, due: string, email: string) {
  const client = await makeClient(ctx, org, { name });
  await addBillingContact(ctx, org, client, email);
  await makeInvoice(ctx, org, client, {
    number: `${name}-1`,
    total_cents: 10_000,
    issue_date: "2026-01-01",
    due_date: due,
  });
  return client;
}

describe.each(testDialects())("dunning reliability (%s)", (dialect) => {
  let t: TestDatabase;
  let smtp: TestSmtp;
  const files = tempFilesDir();
  const at = (iso: string) => testContext(t, { now: iso });

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    await smtp?.close();
    await t?.drop();
    files.remove();
  });

  /** Each test its own organization, so that one test's invoices do not show in another's run. */
  async function freshOrg(ctx: AppContext, name: string): Promise<Organization> {
    const o = await testOrganization(ctx, name);
    await ctx.db
      .updateTable("organization")
      .set({ email: "compta@martin.fr" })
      .where("id", "=", o.id)
      .execute();
    return { ...o, email: "compta@martin.fr" };
  }

  it("retries a refused message with backoff, then marks it failed with a task; nothing is lost", async () => {
    const ctx = at("2026-03-11T08:00:00Z");
    const org = await freshOrg(ctx, "Refus SARL");
    await debtor(ctx, org, "Refus", "2026-03-10", "refus@example.fr");
    smtp.mode = "reject_temporary";
    const mailer = smtpMailer(smtp);
    await runDay({ ctx, org, day: day("2026-03-11"), send: false, mailer, filesDir: files.dir });
    let now = Date.parse("2026-03-11T08:00:00Z");
    for (let attempt = 1; attempt <= 5; attempt++) {
      const r = await dispatchOutbox({
        ctx: { ...ctx, clock: fixedClock(new Date(now).toISOString()) },
        org,
        mailer,
        filesDir: files.dir,
      });
      expect(attempt < 5 ? r.retried : r.failed).toBe(1);
      // too early for the next attempt: nothing happens
      const early = await dispatchOutbox({
        ctx: { ...ctx, clock: fixedClock(new Date(now + 1000).toISOString()) },
        org,
        mailer,
        filesDir: files.dir,
      });
      expect(early.retried + early.failed + early.sent).toBe(0);
      now += backoffMs(attempt) + 1000;
    }
    const row = (await outboxRows(ctx, org.id)).find((r) => r.invoices.includes("Refus-1"));
    expect(row).toMatchObject({ state: "failed", attempts: 5 });
    expect(row?.last_error).toContain("451");
    const tasks = await ctx.db
      .selectFrom("task")
      .selectAll()
      .where("organization_id", "=", org.id)
      .where("kind", "=", "outbox_failed")
      .execute();
    expect(tasks.map((x) => x.title).join()).toContain("Refus");
    // a failed message is not sent on its own when the server comes back
    smtp.mode = "accept";
    const later = await dispatchOutbox({
      ctx: { ...ctx, clock: fixedClock("2026-03-12T08:00:00Z") },
      org,
      mailer,
      filesDir: files.dir,
    });
    expect(later.sent).toBe(0);
    expect(smtp.received.filter((m) => m.to.includes("refus@example.fr"))).toHaveLength(0);
  });

  it("a dropped connection is retried and the message then goes once", async () => {
    const ctx = at("2026-03-21T08:00:00Z");
    const org = await freshOrg(ctx, "Coupure SARL");
    await debtor(ctx, org, "Coupure", "2026-03-20", "coupure@example.fr");
    smtp.mode = "drop";
    const mailer = smtpMailer(smtp);
    const first = await runDay({ ctx, org, day: day("2026-03-21"), mailer, filesDir: files.dir });
    expect(first.dispatch?.retried).toBe(1);
    smtp.mode = "accept";
    const second = await dispatchOutbox({
      ctx: at("2026-03-21T08:02:00Z"),
      org,
      mailer,
      filesDir: files.dir,
    });
    expect(second.sent).toBe(1);
    expect(smtp.received.filter((m) => m.to.includes("coupure@example.fr"))).toHaveLength(1);
  });

  it("a crash between the server's acceptance and the commit leaves the message uncertain, never resent", async () => {
    const ctx = at("2026-04-02T08:00:00Z");
    const org = await freshOrg(ctx, "Panne SARL");
    await debtor(ctx, org, "Panne", "2026-04-01", "panne@example.fr");
    const real = smtpMailer(smtp);
    const crashing: Mailer = {
      kind: "smtp",
      close: () => real.close(),
      // the server accepted the message, then the process stopped for good: nothing after this runs
      send: async (mail) => {
        await real.send(mail);
        return new Promise(() => {});
      },
    };
    await runDay({ ctx, org, day: day("2026-04-02"), send: false, mailer: real, filesDir: files.dir });
    void dispatchOutbox({ ctx, org, mailer: crashing, filesDir: files.dir });
    await smtp.waitFor(smtp.received.length + 1);
    const received = () => smtp.received.filter((m) => m.to.includes("panne@example.fr")).length;
    expect(received()).toBe(1);
    // later, the lease has run out: uncertain, a task, and nothing sent again
    const later = await dispatchOutbox({
      ctx: at("2026-04-02T09:00:00Z"),
      org,
      mailer: real,
      filesDir: files.dir,
    });
    expect(later.uncertain).toBe(1);
    await dispatchOutbox({ ctx: at("2026-04-03T09:00:00Z"), org, mailer: real, filesDir: files.dir });
    expect(received()).toBe(1);
    const row = (await outboxRows(ctx, org.id)).find((r) => r.invoices.includes("Panne-1"));
    expect(row?.state).toBe("uncertain");
  });

  it("SIGKILL at random points of the run: every message sent once, pending, or uncertain — no duplicate, none lost", {
    timeout: 600_000,
  }, async () => {
    const loops = dialect === "sqlite" ? 100 : 30;
    const ctx = at("2026-05-01T08:00:00Z");
    const kill = await createTestDatabase(dialect);
    try {
      const kctx = testContext(kill, { now: "2026-05-01T08:00:00Z" });
      let korg = await testOrganization(kctx, "Atelier Kill");
      await kctx.db
        .updateTable("organization")
        .set({ email: "relances@kill.fr" })
        .where("id", "=", korg.id)
        .execute();
      korg = { ...korg, email: "relances@kill.fr" };
      for (let i = 0; i < 60; i++) await debtor(kctx, korg, `K${i}`, "2026-05-10", `k${i}@example.fr`);
      const box = await startTestSmtp();
      const env = {
        PATH: process.env.PATH ?? "",
        TZ: "UTC",
        RELANCE_SMTP_URL: box.url,
        RELANCE_FILES_DIR: files.dir,
        RELANCE_SCHEDULER: "off",
      };
      const dbArg = dialect === "sqlite" ? kill.url : kill.url;
      for (let i = 0; i < loops; i++) {
        // the J-5 step (5 May) and the J+1 step (11 May) for 60 clients: 120 messages in all
        const date = i < loops / 2 ? "2026-05-05" : "2026-05-11";
        await new Promise<void>((done) => {
          const child = spawn(
            process.execPath,
            [BIN, "--db", dbArg, "--org", korg.id, "run", "--date", date],
            {
              env,
              stdio: "ignore",
            },
          );
          const timer = setTimeout(() => child.kill("SIGKILL"), 300 + Math.floor(Math.random() * 1000));
          child.on("exit", () => {
            clearTimeout(timer);
            done();
          });
        });
      }
      // the last word: a run a day later (leases long expired) settles every interrupted send as uncertain
      await new Promise<void>((done, fail) => {
        const child = spawn(
          process.execPath,
          [BIN, "--db", dbArg, "--org", korg.id, "run", "--date", "2026-05-12", "--no-send"],
          { env, stdio: "ignore" },
        );
        child.on("exit", (code) => (code === 0 ? done() : fail(new Error(`exit ${code}`))));
      });
      await dispatchOutbox({
        ctx: testContext(kill, { now: "2026-05-12T10:00:00Z" }),
        org: korg,
        mailer: smtpMailer(box),
        filesDir: files.dir,
      });
      const rows = await outboxRows(kctx, korg.id);
      const byMessageId = new Map<string, number>();
      for (const m of box.received) byMessageId.set(m.messageId, (byMessageId.get(m.messageId) ?? 0) + 1);
      // no message arrived twice
      expect([...byMessageId.values()].filter((n) => n > 1)).toEqual([]);
      const domain = messageIdDomainOf(korg.email);
      const counts: Record<string, number> = {};
      for (const row of rows) {
        counts[row.state] = (counts[row.state] ?? 0) + 1;
        const got = byMessageId.get(messageIdFor(`${korg.id}:${row.idempotency_key}`, domain)) ?? 0;
        if (row.state === "sent") expect(got, `${row.idempotency_key} sent`).toBe(1);
        else if (row.state === "uncertain") expect(got).toBeLessThanOrEqual(1);
        else expect(got, `${row.idempotency_key} ${row.state}`).toBe(0);
        expect(["sent", "uncertain", "pending"]).toContain(row.state);
      }
      // one message per client and step, at most: J-5 (unless a killed first half never planned it, when J+1
      // skips it) and J+1 for every client
      const keys = rows.map((r) => `${r.client_id}|${r.step_id}`);
      expect(new Set(keys).size).toBe(keys.length);
      const steps = new Set(rows.map((r) => r.step_id));
      expect(steps.size).toBeLessThanOrEqual(2);
      expect(rows.length).toBeGreaterThanOrEqual(60);
      expect(box.received.length).toBe(
        (counts.sent ?? 0) +
          rows.filter(
            (r) =>
              r.state === "uncertain" &&
              byMessageId.has(messageIdFor(`${korg.id}:${r.idempotency_key}`, domain)),
          ).length,
      );
      await box.close();
      void ctx;
    } finally {
      await kill.drop();
    }
  });
});
