import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

const BIN = resolve("bin/relance.js");

/** Runs the compiled `relance` command as a subprocess (npm test builds it first). */
export function relance(args: string[], env: Record<string, string> = {}, input?: string): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", TZ: process.env.TZ ?? "UTC", LANG: "C.UTF-8", ...env },
    timeout: 60_000,
    ...(input !== undefined ? { input } : {}),
  });
  return {
    code: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    json<T>() {
      return JSON.parse(r.stdout) as T;
    },
  };
}
