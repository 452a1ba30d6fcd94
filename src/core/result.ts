import type { MessageCode } from "./messages.js";

export type Problem = { code: MessageCode; params?: Record<string, string | number> };
export type Result<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (code: MessageCode, params?: Record<string, string | number>): Result<never> =>
  params === undefined ? { ok: false, problem: { code } } : { ok: false, problem: { code, params } };

/** For callers that know the value is valid (fixtures, demo data): throws on a problem. */
export function unwrap<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  throw new Error(`${r.problem.code} ${JSON.stringify(r.problem.params ?? {})}`);
}
