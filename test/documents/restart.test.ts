import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "../../src/db/connect.js";
import { buildServer } from "../../src/http/server.js";
import { testContext } from "../support/context.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../support/databases.js";
import { Agent, signUp } from "../support/http.js";
import { multipartBody } from "../support/multipart.js";

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** A server on its own connection to the database, as `relance serve` would open it. */
async function start(url: string, filesDir: string) {
  const handle: DatabaseHandle = openDatabase({ url });
  const app = await buildServer(testContext(handle), {
    signup: "open",
    demo: false,
    filesDir,
    web: false,
  });
  await app.ready();
  return {
    app,
    stop: async () => {
      await app.close();
      await handle.close();
    },
  };
}

describe.each(testDialects())("documents survive a restart on %s", (dialect) => {
  let t: TestDatabase;
  const filesDir = mkdtempSync(join(tmpdir(), "relance-restart-"));
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await t?.drop();
    rmSync(filesDir, { recursive: true, force: true });
  });

  it("a contract uploaded before the restart is listed and downloaded, byte for byte, by the next server", async () => {
    const content = Buffer.concat([
      Buffer.from("%PDF-1.7\n", "latin1"),
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)),
      Buffer.from("\n%%EOF\n", "latin1"),
    ]);
    const first = await start(t.url, filesDir);
    const owner = await signUp(first.app);
    const client = await owner.post("/api/v1/clients", { name: "Boulangerie Dupont", kind: "business" });
    expect(client.statusCode, client.body).toBe(201);
    const clientId = client.json<{ id: string }>().id;
    const { payload, headers } = multipartBody(
      { kind: "contract", client_id: clientId },
      { name: "file", filename: "contrat-cadre.pdf", content, type: "application/pdf" },
    );
    const up = await owner.post("/api/v1/documents", payload, { headers });
    expect(up.statusCode, up.body).toBe(201);
    const doc = up.json<{ id: string; sha256: string }>();
    expect(doc.sha256).toBe(sha256(content));
    await first.stop();

    const second = await start(t.url, filesDir);
    try {
      // the same browser session, kept in the database
      const again = new Agent(second.app, owner.cookie, owner.csrf, owner.userId, owner.orgId);
      const list = await again.get("/api/v1/documents", { query: { client_id: clientId } });
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json<{ data: { id: string; kind: string }[] }>().data).toEqual([
        expect.objectContaining({ id: doc.id, kind: "contract" }),
      ]);
      const file = await again.get(`/api/v1/documents/${doc.id}/content`);
      expect(file.statusCode).toBe(200);
      expect(sha256(file.rawPayload)).toBe(sha256(content));
    } finally {
      await second.stop();
    }
  });
});
