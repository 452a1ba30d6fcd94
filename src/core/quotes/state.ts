import type { PlainDate } from "../calendar.js";

/** A quote's state (devis): draft → sent → accepted | refused | expired. The last three are final. */
export type QuoteState = "draft" | "sent" | "accepted" | "refused" | "expired";

/** Why a move is refused; each maps to a 409 message `quote.move.<reason>`. */
export type QuoteMoveRefusal =
  | "already_final" // accepted, refused or expired: nothing moves any more
  | "not_sent" // a draft cannot be accepted, refused or expired: send it first
  | "already_sent" // sending twice
  | "past_validity" // accepting after the validity date
  | "back_to_draft"; // nothing goes back to draft

export type QuoteMove = { ok: true } | { ok: false; reason: QuoteMoveRefusal };

export interface QuoteFacts {
  status: QuoteState;
  /** Last day the offer stands (YYYY-MM-DD), null: no limit. */
  valid_until: string | null;
}

function pastValidity(validUntil: string | null, today: PlainDate): boolean {
  // ISO dates compare as strings
  return validUntil !== null && validUntil < today.toString();
}

/**
 * The state as it stands `today`: a sent quote whose validity date has passed is expired even if nobody recorded it
 * (the stored status only moves on an explicit action).
 */
export function quoteStateOn(quote: QuoteFacts, today: PlainDate): QuoteState {
  return quote.status === "sent" && pastValidity(quote.valid_until, today) ? "expired" : quote.status;
}

/**
 * Whether `quote` may move to `to` on `today`. Sending is allowed from draft only; accepting needs a sent quote
 * still within its validity; refusing and expiring need a sent quote (a sent quote may be expired by hand before
 * its date, e.g. the client said it lapsed). Moving to the current stored state is the caller's no-op.
 */
export function checkQuoteMove(quote: QuoteFacts, to: QuoteState, today: PlainDate): QuoteMove {
  const from = quote.status;
  if (from === "accepted" || from === "refused" || from === "expired") return no("already_final");
  if (to === "draft") return no("back_to_draft");
  if (to === "sent") return from === "draft" ? { ok: true } : no("already_sent");
  if (from === "draft") return no("not_sent");
  if (to === "accepted" && pastValidity(quote.valid_until, today)) return no("past_validity");
  return { ok: true };
}

function no(reason: QuoteMoveRefusal): QuoteMove {
  return { ok: false, reason };
}
