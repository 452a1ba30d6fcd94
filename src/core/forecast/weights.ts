/**
 * How much of an amount the forecast expects, in per mille (‰), by where it stands. The expected date already
 * carries the client's lateness; the weight is the chance that the money comes at all within the band.
 * Litigation (an open recovery case) is not weighted: it is reported apart, at its balance.
 */
export type ForecastStage =
  | "not_due"
  | "overdue"
  | "formal_notice"
  | "disputed"
  | "installment"
  | "bill_accepted"
  | "bill_issued"
  | "litigation";

export const STAGE_WEIGHT_PERMILLE: Readonly<Record<ForecastStage, number>> = {
  /** Not yet due: paid as the client usually pays. */
  not_due: 1000,
  /** Past due, being reminded (relances). */
  overdue: 900,
  /** A mise en demeure (formal notice) has been sent. */
  formal_notice: 500,
  /** Contested by the client (en litige). */
  disputed: 250,
  /** An installment of an active payment plan (échéancier), at its own due date. */
  installment: 900,
  /** A bill of exchange (lettre de change) accepted or presented: a commitment of the drawee's bank. */
  bill_accepted: 1000,
  /** A bill of exchange issued, not yet accepted. */
  bill_issued: 900,
  litigation: 1000,
};
