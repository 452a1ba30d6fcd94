import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Organization } from "../../src/db/schema.js";
import { relance } from "../support/cli.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";

/**
 * `relance payments add --idempotency-key` (issue 11): the command run again with the same key and the same payment
 * exits 0 with the same output and records nothing; with another payment it exits 4 and records nothing; two
 * processes started at once with the same key record one payment.
 */
const BIN = resolve("bin/relance.js");

/** The command as a subprocess, without waiting: several run at once. */
function start(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? "", TZ: "UTC", LANG: "C.UTF-8" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

describe.each(testDialects())("relance payments add --idempotency-key (%s)", (dialect) => {
  let t: TestDatabase;
  let org: Organization;
  const run = (...args: string[]) => relance(["--db", t.url, "--org", org.id, ...args]);
  const add = (invoice: string, amount: string, key: string, ...more: string[]) => [
    "payments",
    "add",
    "--invoice",
    invoice,
    "--amount",
    amount,
    "--date",
    "2026-05-04",
    "--idempotency-key",
    key,
    ...more,
  ];
  const payments = async (key: string) =>
    t.db
      .selectFrom("payment")
      .select(["id", "amount_cents"])
      .where("organization_id", "=", org.id)
      .where("idempotency_key", "=", `payment:${key}`)
      .execute();
  const paid = async (number: string) =>
    Number(
      (
        await t.db
          .selectFrom("invoice")
          .select("paid_cents")
          .where("organization_id", "=", org.id)
          .where("number", "=", number)
          .executeTakeFirstOrThrow()
      ).paid_cents,
    );

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const ctx = testContext(t, { now: "2026-04-20T08:00:00Z" });
    org = await testOrganization(ctx, "Atelier Clés");
    for (let i = 1; i <= 4; i++) {
      const client = await makeClient(ctx, org, { name: `Client ${i}` });
      await makeInvoice(ctx, org, client, {
        number: `K-${i}`,
        total_cents: 50_000,
        issue_date: "2026-04-01",
        due_date: "2026-05-01",
      });
    }
  });
  afterAll(async () => t?.drop());

  it("run again with its key: exit 0, the same output, one payment; another payment under the key: exit 4", async () => {
    const first = run(...add("K-1", "120,00", "cle-K-1", "--reference", "VIR 1"));
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("K-1");
    const again = run(...add("K-1", "120,00", "cle-K-1", "--reference", "VIR 1"));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    expect(again.stderr).toContain("déjà enregistré");
    const json = run(...add("K-1", "120.00", "cle-K-1", "--reference", "VIR 1", "--json"));
    expect(json.code).toBe(0);
    expect(json.json()).toMatchObject({ number: "K-1", paid_cents: 12_000, balance_cents: 38_000 });
    const changed = run(...add("K-1", "130,00", "cle-K-1", "--reference", "VIR 1"));
    expect(changed.code).toBe(4);
    expect(changed.stderr).toContain("cle-K-1");
    const otherInvoice = run(...add("K-2", "120,00", "cle-K-1", "--reference", "VIR 1"));
    expect(otherInvoice.code).toBe(4);
    const noReference = run(...add("K-1", "120,00", "cle-K-1"));
    expect(noReference.code).toBe(4);
    const bad = run(...add("K-1", "120,00", "clé avec espaces"));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Clé d'idempotence invalide");
    expect(await payments("cle-K-1")).toEqual([expect.objectContaining({ amount_cents: 12_000 })]);
    expect(await paid("K-1")).toBe(12_000);
    expect(await paid("K-2")).toBe(0);
  });

  it("the payment that settled the invoice, run again, exits 0 (not « already paid »)", async () => {
    const first = run(...add("K-3", "500,00", "solde-K-3", "--json"));
    expect(first.code, first.stderr).toBe(0);
    expect(first.json()).toMatchObject({ status: "paid", balance_cents: 0 });
    const again = run(...add("K-3", "500,00", "solde-K-3", "--json"));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    expect(await payments("solde-K-3")).toHaveLength(1);
  });

  it("two processes at once with the same key record one payment, and both exit 0", async () => {
    for (const [n, key] of [
      [1, "pair-1"],
      [2, "pair-2"],
      [4, "pair-4"],
    ] as const) {
      const base = ["--db", t.url, "--org", org.id, ...add(`K-${n}`, "50,00", key, "--json")];
      const before = await paid(`K-${n}`);
      const [a, b] = await Promise.all([start(base), start(base)]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      expect(JSON.parse(a.stdout)).toEqual(JSON.parse(b.stdout));
      expect(await payments(key)).toHaveLength(1);
      expect(await paid(`K-${n}`)).toBe(before + 5_000);
    }
  });
});
