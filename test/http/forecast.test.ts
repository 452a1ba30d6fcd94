import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Organization } from "../../src/db/schema.js";
import { EXPECTED_WEEKS, forecastFixture } from "../forecast/fixture.js";
import { testDialects } from "../support/databases.js";
import { makeClient, makeInvoice } from "../support/factories.js";
import { type Agent, signUp, startTestServer, type TestServer } from "../support/http.js";

interface ForecastJson {
  as_of: string;
  weeks: {
    start: string;
    end: string;
    expected_cents: number;
    low_cents: number;
    high_cents: number;
    invoices: number;
  }[];
  litigation_cents: number;
  beyond_cents: number;
  past: { start: string; end: string; expected_cents: number; actual_cents: number }[];
}

describe.each(testDialects())("GET /api/v1/forecast (%s)", (dialect) => {
  let s: TestServer;
  let owner: Agent;

  const orgRow = async (id: string) =>
    (await s.ctx.db
      .selectFrom("organization")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow()) as Organization;

  beforeAll(async () => {
    s = await startTestServer(dialect, { now: "2026-06-10T08:00:00Z" });
    owner = await signUp(s.app);
    await forecastFixture(s.ctx, await orgRow(owner.orgId));
  });
  afterAll(async () => {
    await s?.close();
  });

  it("returns the weeks, litigation apart and the past weeks", async () => {
    const res = await owner.get("/api/v1/forecast");
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<ForecastJson>();
    expect(Object.keys(body).sort()).toEqual(["as_of", "beyond_cents", "litigation_cents", "past", "weeks"]);
    expect(body.as_of).toBe("2026-06-10");
    expect(body.weeks.map((w) => [w.expected_cents, w.low_cents, w.high_cents, w.invoices])).toEqual(
      EXPECTED_WEEKS,
    );
    expect(body.litigation_cents).toBe(150_000);
    expect(body.past).toHaveLength(8);

    const short = (
      await owner.get("/api/v1/forecast", { query: { weeks: "2", as_of: "2026-06-10", past: "0" } })
    ).json<ForecastJson>();
    expect(short.weeks).toHaveLength(2);
    expect(short.past).toEqual([]);
  });

  it("answers 400 with the error shape to bad parameters", async () => {
    const queries: Record<string, string>[] = [
      { weeks: "0" },
      { weeks: "x" },
      { as_of: "2026-13-01" },
      { past: "99" },
      { other: "1" },
    ];
    for (const query of queries) {
      const res = await owner.get("/api/v1/forecast", { query });
      expect(res.statusCode, JSON.stringify(query)).toBe(400);
      expect(res.json<{ error: { code: string; message: string } }>().error.code).toBe("invalid_input");
    }
  });

  it("exports the workbook: weeks in euros, dates, the detail; a formula-like name stays text", async () => {
    const other = await signUp(s.app);
    const org = await orgRow(other.orgId);
    const client = await makeClient(s.ctx, org, { name: '=HYPERLINK("http://evil.example","x")' });
    await makeInvoice(s.ctx, org, client, {
      number: "F-1",
      total_cents: 123_456,
      due_date: "2026-06-20",
      issue_date: "2026-05-20",
    });

    const res = await other.get("/api/v1/forecast.xlsx", { query: { weeks: "4" } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect(res.headers["content-disposition"]).toMatch(
      /attachment; filename="tresorerie-.*-2026-06-10\.xlsx"/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const weeks = workbook.getWorksheet("Prévision");
    expect(weeks?.getRow(1).getCell(3).value).toBe("Attendu");
    // No history at all: due 06-20 + 0 days → week 2 (06-15…06-21), 1 234,56 € at 1 000 ‰.
    expect(weeks?.getRow(3).getCell(3).value).toBe(1234.56);
    expect(weeks?.getRow(3).getCell(3).numFmt).toContain("€");
    expect((weeks?.getRow(2).getCell(1).value as Date).toISOString()).toBe("2026-06-08T00:00:00.000Z");
    const detail = workbook.getWorksheet("Détail");
    const cell = detail?.getRow(2).getCell(3);
    expect(cell?.value).toBe('=HYPERLINK("http://evil.example","x")');
    expect(cell?.type).toBe(ExcelJS.ValueType.String);

    const en = await other.get("/api/v1/forecast.xlsx", { headers: { "accept-language": "en" } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Forecast", "Forecast and actual", "Detail"]);
  });
});
