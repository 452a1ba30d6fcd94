import { createHash } from "node:crypto";
import type { AppContext } from "../app/context.js";
import { AppError } from "../app/errors.js";
import {
  countRateAttempt,
  deleteRateCount,
  findRateCount,
  purgeRateCounts,
} from "../db/repositories/rate-limits.js";

const MINUTE = 60_000;

/** How often a process deletes the counters whose window has ended (one indexed delete). */
const PURGE_EVERY_MS = 10 * MINUTE;

type LimiterContext = Pick<AppContext, "db" | "clock">;

/**
 * Counts attempts per subject (an address, an address and an e-mail) in fixed windows, in the database: every web
 * process on the same database counts against the same limit (migration 0017). Subjects are stored as their SHA-256
 * under the limiter's bucket name, so no e-mail or address is kept in the table.
 */
export class RateLimiter {
  constructor(
    private readonly ctx: LimiterContext,
    private readonly purger: Purger,
    readonly bucket: string,
    readonly max: number,
    readonly windowMs: number,
  ) {}

  private key(subject: string): string {
    return `${this.bucket}:${createHash("sha256").update(subject).digest("base64url")}`;
  }

  /**
   * Counts one attempt now, before the work it guards: milliseconds to wait when it goes over the limit (the
   * attempt is refused), else 0. One atomic upsert: parallel attempts, from any process, cannot all slip under it.
   */
  async attempt(subject: string): Promise<number> {
    const now = this.ctx.clock.now();
    await this.purger.maybePurge(now);
    const { count, resetAt } = await countRateAttempt(this.ctx.db, this.key(subject), now, this.windowMs);
    return count > this.max ? resetAt - now : 0;
  }

  /** Milliseconds until the subject may try again (its failures reached the limit), or 0 when it may now. */
  async retryAfter(subject: string): Promise<number> {
    const now = this.ctx.clock.now();
    const found = await findRateCount(this.ctx.db, this.key(subject), now);
    return found && found.count >= this.max ? found.resetAt - now : 0;
  }

  /** Counts a failure (checked by `retryAfter` on the next attempt). */
  async hit(subject: string): Promise<void> {
    const now = this.ctx.clock.now();
    await this.purger.maybePurge(now);
    await countRateAttempt(this.ctx.db, this.key(subject), now, this.windowMs);
  }

  async reset(subject: string): Promise<void> {
    await deleteRateCount(this.ctx.db, this.key(subject));
  }
}

/** Deletes the ended windows at most every PURGE_EVERY_MS per process (shared by the limiters of one server). */
class Purger {
  private last = Number.NEGATIVE_INFINITY;

  constructor(private readonly ctx: LimiterContext) {}

  async maybePurge(now: number): Promise<void> {
    if (now - this.last < PURGE_EVERY_MS) return;
    this.last = now;
    await purgeRateCounts(this.ctx.db, now);
  }
}

/** Every limit of the server (docs/security.md), per 15 minutes unless said. */
export interface RateLimits {
  /** Log-in (and invitation acceptance) attempts per address and e-mail: 10, counted before the password check. */
  login: RateLimiter;
  /** Failed log-ins per address, whatever the e-mail (someone trying many accounts): 50. */
  loginIp: RateLimiter;
  /** Sign-ups per address: 10 per hour, counted before anything is checked (each one hashes a password). */
  signup: RateLimiter;
  /** Unknown, expired or used invitation tokens per address (lookup and acceptance): 30. */
  invitation: RateLimiter;
  /** Portal tokens that open nothing, per address: 30. */
  portal: RateLimiter;
}

export function rateLimits(ctx: LimiterContext): RateLimits {
  const purger = new Purger(ctx);
  const limiter = (bucket: string, max: number, windowMs: number) =>
    new RateLimiter(ctx, purger, bucket, max, windowMs);
  return {
    login: limiter("login", 10, 15 * MINUTE),
    loginIp: limiter("login-ip", 50, 15 * MINUTE),
    signup: limiter("signup", 10, 60 * MINUTE),
    invitation: limiter("invitation", 30, 15 * MINUTE),
    portal: limiter("portal", 30, 15 * MINUTE),
  };
}

/** 429 with `Retry-After` (src/http/errors.ts) and the API's error shape. */
export function rateLimited(waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError("rate_limited", "auth.rate_limited", { minutes: Math.ceil(seconds / 60), seconds });
}

/** Throws 429 when `subject` has reached the limiter's failures. */
export async function refuseWhenLimited(limiter: RateLimiter, subject: string): Promise<void> {
  const wait = await limiter.retryAfter(subject);
  if (wait > 0) throw rateLimited(wait);
}

/** Runs `work`; an AppError of code `failure` counts against `subject` before it is thrown on. */
export async function countingFailures<T>(
  limiter: RateLimiter,
  subject: string,
  failure: AppError["code"],
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.code === failure) await limiter.hit(subject);
    throw error;
  }
}
