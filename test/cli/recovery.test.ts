import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayIn } from "../../src/core/calendar.js";
import type { Organization } from "../../src/db/schema.js";
import { relance } from "../support/cli.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";
import { pdfText } from "../support/pdf-text.js";

describe.each(testDialects())("relance case on %s", (dialect) => {
  let t: TestDatabase;
  const work = mkdtempSync(join(tmpdir(), "relance-case-cli-"));
  const cli = (args: string[]) =>
    relance(["--db", t.url, ...args], { RELANCE_FILES_DIR: join(work, "files") });
  // the CLI runs on the real clock: dates are relative to the organization's today
  const today = todayIn("Europe/Paris", Date.now());
  const iso = (days: number) => today.add({ days }).toString();
  const state = async () =>
    JSON.stringify(await t.db.selectFrom("recovery_case").selectAll().orderBy("id").execute()) +
    JSON.stringify(await t.db.selectFrom("recovery_procedure").selectAll().orderBy("id").execute());

  beforeAll(async () => {
    t = await createTestDatabase(dialect, { migrate: false });
    expect(cli(["init", "--name", "Atelier Martin"]).code).toBe(0);
    const org = (await t.db.selectFrom("organization").selectAll().executeTakeFirstOrThrow()) as Organization;
    await t.db.updateTable("organization").set({ city: "Lyon" }).where("id", "=", org.id).execute();
    const ctx = { db: t.db } as Parameters<typeof makeClient>[0];
    const pro = await makeClient(ctx, org, { name: "Boulangerie Dupont" });
    await t.db
      .updateTable("client")
      .set({ address: "4 place Bellecour", postal_code: "69002", city: "Lyon", merchant_status: "merchant" })
      .where("id", "=", pro)
      .execute();
    await makeInvoice(ctx, org, pro, {
      number: "F-1",
      total_cents: 120_000,
      issue_date: iso(-90),
      due_date: iso(-60),
    });
    const old = await makeClient(ctx, org, { name: "Paul Ancien", kind: "consumer" });
    await makeInvoice(ctx, org, old, {
      number: "P-1",
      total_cents: 5_000,
      issue_date: iso(-1200),
      due_date: iso(-1100),
    });
  });
  afterAll(async () => {
    await t?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it("shows, opens, records dates, writes the ZIP and closes a case written off", async () => {
    const show = cli(["case", "show", "Boulangerie Dupont", "--json"]);
    expect(show.code, show.stderr).toBe(0);
    const view = JSON.parse(show.stdout) as {
      court: { name: string };
      amounts: { principal_cents: number };
      case: null;
    };
    expect(view).toMatchObject({
      court: { name: "Tribunal de commerce de Lyon" },
      amounts: { principal_cents: 120_000 },
      case: null,
    });
    expect(cli(["case", "open", "Boulangerie Dupont"]).code).toBe(0);
    const step = cli([
      "case",
      "step",
      "Boulangerie Dupont",
      "injunction",
      "--new",
      "--set",
      `filed_on=${iso(-10)}`,
    ]);
    expect(step.code, step.stderr).toBe(0);
    expect(step.stdout).toContain("requête déposée");

    const before = await state();
    const bad = cli(["case", "step", "Boulangerie Dupont", "injunction", "--set", `order_on=${iso(-20)}`]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("ne peut pas précéder");
    expect(cli(["case", "step", "Boulangerie Dupont", "rocket"]).code).not.toBe(0);
    expect(cli(["case", "close", "Boulangerie Dupont", "--outcome", "lost"]).code).not.toBe(0);
    expect(await state()).toBe(before);

    const zipPath = join(work, "dossier.zip");
    const file = cli(["case", "file", "Boulangerie Dupont", "--zip", zipPath]);
    expect(file.code, file.stderr).toBe(0);
    const entries = unzipSync(new Uint8Array(readFileSync(zipPath)));
    expect(Object.keys(entries).sort()).toEqual([
      "00-bordereau-de-pieces.pdf",
      "00-requete-injonction-de-payer.pdf",
      "pieces/01-facture-f-1.pdf",
    ]);
    expect(await pdfText(entries["00-requete-injonction-de-payer.pdf"] as Uint8Array)).toContain(
      "Cerfa n° 12946*02",
    );

    const closed = cli([
      "case",
      "close",
      "Boulangerie Dupont",
      "--outcome",
      "written_off",
      "--note",
      "Liquidation",
    ]);
    expect(closed.code, closed.stderr).toBe(0);
    expect(closed.stdout).toContain("CGI art. 272");
  });

  it("refuses a case past prescription with the reason and a non-zero exit", async () => {
    const before = await state();
    const res = cli(["case", "open", "Paul Ancien"]);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain("prescrites");
    expect(res.stderr).toContain("L218-2");
    expect(await state()).toBe(before);
  });
});
