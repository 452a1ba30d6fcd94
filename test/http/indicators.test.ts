import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addClient, addInvoice, addPayment } from "../cash/fixture.js";
import {
  EXPECTED_MONTHS,
  EXPECTED_SLOWEST,
  INDICATORS_AS_OF,
  indicatorsFixture,
} from "../cash/indicators-fixture.js";
import { testDialects } from "../support/databases.js";
import { type Agent, signUp, startTestServer, type TestServer } from "../support/http.js";

interface IndicatorsJson {
  as_of: string;
  months: { month: string; dso_days: number | null; cei_percent: number | null; collected_cents: number }[];
  slowest_clients: { client_id: string; name: string }[];
}

describe.each(testDialects())("cash indicators on %s", (dialect) => {
  let s: TestServer;
  let owner: Agent;
  let clients: Record<string, string>;

  beforeAll(async () => {
    s = await startTestServer(dialect, { now: "2025-03-20T08:00:00Z" });
    owner = await signUp(s.app, { organization: "Plomberie Martin" });
    clients = await indicatorsFixture(s.ctx, owner.orgId);
    // another organization's ledger: never in A's indicators
    const other = await signUp(s.app, { organization: "Autre SARL" });
    const z = await addClient(s.ctx, other.orgId, "Zulu Confidentiel", null);
    const zi = await addInvoice(s.ctx, other.orgId, z, "Z-1", {
      total: 777_00,
      issue: "2025-02-01",
      due: "2025-02-15",
    });
    await addPayment(s.ctx, other.orgId, z, zi, "2025-03-10", 777_00);
  });
  afterAll(async () => {
    await s?.close();
  });

  it("computes DSO, CEI, collected per step and the slowest clients exactly", async () => {
    const res = await owner.get("/api/v1/indicators", { query: { as_of: INDICATORS_AS_OF } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<IndicatorsJson>();
    expect(body.as_of).toBe(INDICATORS_AS_OF);
    expect(body.months).toHaveLength(12);
    expect(body.months.slice(9)).toEqual(EXPECTED_MONTHS);
    expect(body.months[0]).toMatchObject({
      month: "2024-04",
      dso_days: null,
      cei_percent: null,
      collected_cents: 0,
    });
    expect(body.slowest_clients.map(({ client_id, ...c }) => c)).toEqual(EXPECTED_SLOWEST);
    expect(body.slowest_clients.map((c) => c.client_id)).toEqual([clients.a, clients.b]);
    expect(res.body).not.toContain("Zulu");
  });

  it("defaults to today and accepts DD/MM/YYYY", async () => {
    const today = (await owner.get("/api/v1/indicators")).json<IndicatorsJson>();
    expect(today.as_of).toBe("2025-03-20");
    const fr = (
      await owner.get("/api/v1/indicators", { query: { as_of: "15/03/2025" } })
    ).json<IndicatorsJson>();
    expect(fr.months.slice(9)).toEqual(EXPECTED_MONTHS);
  });

  it("rejects a bad date with 400", async () => {
    const res = await owner.get("/api/v1/indicators", { query: { as_of: "2025-13-01" } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: "invalid_input" } });
  });
});
