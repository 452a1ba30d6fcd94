import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * A PostgreSQL cluster of a test's own (initdb in a temporary folder, on a free port of 127.0.0.1, its unix socket in
 * the same folder), so that the test may restart it — `pg_ctl restart -m immediate`, a crash as far as the clients
 * can tell — without touching anyone else's databases. As root the programs run as the `postgres` user (initdb
 * refuses root). The binaries: RELANCE_PG_BIN, or the newest /usr/lib/postgresql/<version>/bin.
 */
export interface PgCluster {
  /** The superuser's URL to the `postgres` database (createTestDatabase's adminUrl). */
  url: string;
  port: number;
  /** An immediate restart: every connection dropped, crash recovery, back when it accepts connections again. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function binaries(): string {
  if (process.env.RELANCE_PG_BIN) return process.env.RELANCE_PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .map(Number)
        .filter((v) => Number.isInteger(v))
        .sort((a, b) => b - a)
    : [];
  const found = versions.map((v) => join(root, String(v), "bin")).find((d) => existsSync(join(d, "initdb")));
  if (!found) throw new Error(`no PostgreSQL binaries (initdb) under ${root}: set RELANCE_PG_BIN`);
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function postgresUser(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  const uid = Number((await run("id", ["-u", "postgres"])).stdout.trim());
  const gid = Number((await run("id", ["-g", "postgres"])).stdout.trim());
  return { uid, gid };
}

export async function startPgCluster(): Promise<PgCluster> {
  const bin = binaries();
  const user = await postgresUser();
  const dir = mkdtempSync(join(tmpdir(), "relance-pg-"));
  const data = join(dir, "data");
  const log = join(dir, "postgres.log");
  if (user) chownSync(dir, user.uid, user.gid);
  const as = (program: string, args: string[]) =>
    user
      ? run("runuser", ["-u", "postgres", "--", join(bin, program), ...args])
      : run(join(bin, program), args);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  try {
    await as("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
    await as("pg_ctl", ["-D", data, "-l", log, "-w", "-t", "60", "-o", options, "start"]);
  } catch (error) {
    const tail = existsSync(log) ? readFileSync(log, "utf8").slice(-2000) : "";
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `the test's private PostgreSQL cluster (initdb + pg_ctl, ${bin}) did not start: ${String(error)}\n${tail}`,
    );
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    restart: async () => {
      await as("pg_ctl", ["-D", data, "-l", log, "-w", "-t", "60", "-m", "immediate", "restart"]);
    },
    stop: async () => {
      await as("pg_ctl", ["-D", data, "-w", "-m", "immediate", "stop"]).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
