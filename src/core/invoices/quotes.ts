import { type Cents, mulDiv } from "../money.js";

export type QuoteStatus = "draft" | "sent" | "accepted" | "refused" | "expired";

/** A draft is sent; a sent quote is accepted, refused or expires. The last three are final. */
const NEXT: Record<QuoteStatus, readonly QuoteStatus[]> = {
  draft: ["sent"],
  sent: ["accepted", "refused", "expired"],
  accepted: [],
  refused: [],
  expired: [],
};

export function canMoveQuote(from: QuoteStatus, to: QuoteStatus): boolean {
  return NEXT[from].includes(to);
}

/** The deposit asked on a quote: TTC × percent / 100, rounded half up to the cent. */
export function depositCents(totalTtcCents: number, percent: number): Cents {
  return mulDiv(totalTtcCents, percent, 100);
}
