import type { Migration } from "kysely";
import * as ledger from "./0001-ledger.js";
import * as accounts from "./0002-accounts.js";
import * as invoiceIndexes from "./0003-invoice-indexes.js";
import * as rates from "./0004-rates.js";
import * as terms from "./0005-terms.js";
import * as dunning from "./0006-dunning.js";
import * as calls from "./0007-calls.js";
import * as paymentPlans from "./0008-payment-plans.js";
import * as bills from "./0009-bills.js";
import * as recovery from "./0010-recovery.js";
import * as portal from "./0011-portal.js";
import * as quotes from "./0012-quotes.js";
import * as invoiceSeries from "./0013-invoice-series.js";
import * as quoteMessages from "./0014-quote-messages.js";
import * as bankStatements from "./0015-bank-statements.js";
import * as declaredPayments from "./0016-declared-payments.js";
import * as rateLimits from "./0017-rate-limits.js";
import * as paymentIdempotency from "./0018-payment-idempotency.js";
import * as bankLineAnswers from "./0019-bank-line-answers.js";

/** Every migration, in order. Static imports so the list survives compilation and bundling. */
export const migrations: Record<string, Migration> = {
  "0001-ledger": ledger,
  "0002-accounts": accounts,
  "0003-invoice-indexes": invoiceIndexes,
  "0004-rates": rates,
  "0005-terms": terms,
  "0006-dunning": dunning,
  "0007-calls": calls,
  "0008-payment-plans": paymentPlans,
  "0009-bills": bills,
  "0010-recovery": recovery,
  "0011-portal": portal,
  "0012-quotes": quotes,
  "0013-invoice-series": invoiceSeries,
  "0014-quote-messages": quoteMessages,
  "0015-bank-statements": bankStatements,
  "0016-declared-payments": declaredPayments,
  "0017-rate-limits": rateLimits,
  "0018-payment-idempotency": paymentIdempotency,
  "0019-bank-line-answers": bankLineAnswers,
};
