import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/app/context.js";
import { type DatabaseHandle, openDatabase } from "../../src/db/connect.js";
import { buildServer } from "../../src/http/server.js";
import { relance } from "../support/cli.js";
import { tempDir } from "../support/files.js";

/** The owner created by `relance init --email` gets a password from the command line, then signs in. */
describe("relance users set-password", () => {
  let db: string;
  let handle: DatabaseHandle;

  beforeAll(() => {
    db = join(tempDir(), "relance.db");
    const init = relance([
      "init",
      "--name",
      "Plomberie Martin",
      "--email",
      "Paul@Plomberie-Martin.fr",
      "--db",
      db,
    ]);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain("relance users set-password --email Paul@Plomberie-Martin.fr");
  });
  afterAll(async () => {
    await handle?.close();
  });

  async function logIn(email: string, password: string): Promise<number> {
    handle ??= openDatabase({ url: db });
    const ctx = {
      db: handle.db,
      dialect: handle.dialect,
      clock: systemClock,
      log: pino({ level: "silent" }),
      locale: "fr" as const,
    };
    const app = await buildServer(ctx, {
      signup: "first_user",
      demo: false,
      filesDir: tempDir(),
      web: false,
    });
    const res = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });
    await app.close();
    return res.statusCode;
  }

  it("refuses a missing, short or unknown-user password, and changes nothing", async () => {
    const missing = relance(["users", "set-password", "--email", "paul@plomberie-martin.fr", "--db", db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--password-stdin");
    const short = relance(
      ["users", "set-password", "--email", "paul@plomberie-martin.fr", "--password-stdin", "--db", db],
      {},
      "court\n",
    );
    expect(short.code).toBe(2);
    expect(short.stderr).toContain("10");
    const unknown = relance(
      ["users", "set-password", "--email", "nobody@example.fr", "--password-stdin", "--db", db],
      {},
      "a long enough password\n",
    );
    expect(unknown.code).toBe(3);
    expect(await logIn("paul@plomberie-martin.fr", "court")).toBe(401);
  });

  it("sets the password from standard input (or RELANCE_PASSWORD), and the owner signs in with it", async () => {
    const set = relance(
      [
        "users",
        "set-password",
        "--email",
        "Paul@Plomberie-Martin.fr",
        "--password-stdin",
        "--db",
        db,
        "--json",
      ],
      {},
      "plombier de confiance\n",
    );
    expect(set.code, set.stderr).toBe(0);
    expect(set.json()).toEqual({ email: "paul@plomberie-martin.fr", password_set: true });
    expect(await logIn("paul@plomberie-martin.fr", "plombier de confiance")).toBe(200);
    const env = relance(["users", "set-password", "--email", "paul@plomberie-martin.fr", "--db", db], {
      RELANCE_PASSWORD: "un autre mot de passe",
    });
    expect(env.code, env.stderr).toBe(0);
    expect(await logIn("paul@plomberie-martin.fr", "plombier de confiance")).toBe(401);
    expect(await logIn("paul@plomberie-martin.fr", "un autre mot de passe")).toBe(200);
  });
});
