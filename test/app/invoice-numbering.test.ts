import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { AppError } from "../../src/app/errors.js";
import { createInvoice, type InvoiceInput } from "../../src/app/invoices/create-invoice.js";
import { advanceSeries, lastSeriesNumber } from "../../src/db/repositories/invoice-series.js";
import type { Organization } from "../../src/db/schema.js";
import { testContext, testOrganization } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { makeClient } from "../support/factories.js";

const line = {
  description: "Intervention",
  quantity_milli: 1000,
  unit_price_cents: 10000,
  vat_rate_bp: 2000,
};

describe.each(testDialects())("invoice numbering series on %s", (dialect) => {
  let t: TestDatabase;
  let ctx: AppContext;
  let org: Organization;
  let other: Organization;
  let client: string;
  let otherClient: string;

  const create = (input: Partial<InvoiceInput> = {}, o = org, c = client) =>
    createInvoice({
      ctx,
      org: o,
      userId: null,
      input: { client_id: c, issue_date: "2026-03-02", lines: [line], ...input },
    });
  const numbers = async (o: Organization) =>
    (await ctx.db.selectFrom("invoice").select("number").where("organization_id", "=", o.id).execute())
      .map((r) => r.number)
      .sort();

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    ctx = testContext(t);
    org = await testOrganization(ctx);
    other = await testOrganization(ctx, "Autre SARL");
    client = await makeClient(ctx, org, { name: "Boulangerie Dupont" });
    otherClient = await makeClient(ctx, other, { name: "Garage Durand" });
  });
  afterAll(async () => t?.drop());

  it("assigns F-<year>-0001, 0002… when no number is given, one series per organization and year", async () => {
    expect((await create()).number).toBe("F-2026-0001");
    expect((await create()).number).toBe("F-2026-0002");
    expect((await create({ issue_date: "2027-01-04" })).number).toBe("F-2027-0001");
    expect((await create({}, other, otherClient)).number).toBe("F-2026-0001");
    expect(await lastSeriesNumber(ctx.db, org.id, "F-2026-")).toBe(2);
  });

  it("a refused creation consumes no number", async () => {
    const before = await lastSeriesNumber(ctx.db, org.id, "F-2026-");
    await expect(create({ client_id: "no-such-client" })).rejects.toBeInstanceOf(AppError);
    await expect(create({}, org, otherClient)).rejects.toBeInstanceOf(AppError);
    await expect(create({ lines: [{ ...line, quantity_milli: 0 }] })).rejects.toBeInstanceOf(AppError);
    // the counter moved inside a transaction that then fails is given back
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await advanceSeries(trx, org.id, "F-2026-", "2026-03-02T10:00:00Z");
        throw new Error("insert failed");
      }),
    ).rejects.toThrow("insert failed");
    expect(await lastSeriesNumber(ctx.db, org.id, "F-2026-")).toBe(before);
    expect((await create()).number).toBe(`F-2026-${String(before + 1).padStart(4, "0")}`);
  });

  it("a number of the series typed by hand is skipped, a given number still must be free", async () => {
    const last = await lastSeriesNumber(ctx.db, org.id, "F-2026-");
    const typed = `F-2026-${String(last + 1).padStart(4, "0")}`;
    expect((await create({ number: typed })).number).toBe(typed);
    expect(await lastSeriesNumber(ctx.db, org.id, "F-2026-")).toBe(last);
    expect((await create()).number).toBe(`F-2026-${String(last + 2).padStart(4, "0")}`);
    await expect(create({ number: typed })).rejects.toMatchObject({ code: "conflict" });
  });

  it("concurrent creations get consecutive numbers, no duplicate, no gap", async () => {
    const c = await makeClient(ctx, other, { name: "Client concurrent" });
    const before = await lastSeriesNumber(ctx.db, other.id, "F-2026-");
    const n = 12;
    const made = await Promise.all(Array.from({ length: n }, () => create({}, other, c)));
    const got = made.map((i) => i.number).sort();
    const expected = Array.from({ length: n }, (_, i) => `F-2026-${String(before + i + 1).padStart(4, "0")}`);
    expect(got).toEqual(expected);
    expect(await numbers(other)).toEqual([...new Set(await numbers(other))]);
  });
});
