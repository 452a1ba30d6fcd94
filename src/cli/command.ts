import type { Command } from "commander";
import type { Locale } from "../core/messages.js";
import { detectLocale } from "./locale.js";
import { CliExit, reportError } from "./output.js";
import { type GlobalOptions, openRuntime, type Runtime } from "./runtime.js";

export interface CommandEnv {
  global: GlobalOptions;
  locale: Locale;
  json: boolean;
}

/**
 * Wraps a command's action: reads the global options, opens the database, runs, closes, and turns any error into
 * a message on stderr and a non-zero exit code (set on process.exitCode, so pending output is flushed).
 */
export function withRuntime<A extends unknown[]>(
  run: (rt: Runtime, env: CommandEnv, ...args: A) => Promise<void>,
  settings: { create?: boolean; logLevel?: string } = {},
): (...args: A) => Promise<void> {
  return withEnv(async (env, ...args: A) => {
    const rt = await openRuntime(env.global, env.locale, settings);
    try {
      await run(rt, env, ...args);
    } finally {
      await rt.close();
    }
  });
}

export function withEnv<A extends unknown[]>(
  run: (env: CommandEnv, ...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const command = args.at(-1) as Command;
    const global = command.optsWithGlobals<GlobalOptions>();
    const locale = detectLocale(global.lang);
    const env: CommandEnv = { global, locale, json: global.json === true };
    try {
      await run(env, ...args);
    } catch (error) {
      process.exitCode = reportError(error, locale, env.json);
    }
  };
}

/** Stops a command with an exit code after it has printed its own report. */
export function exitWith(code: number): never {
  throw new CliExit(code);
}
