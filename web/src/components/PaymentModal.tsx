import { Button, Group, Modal, Select, Stack, TextInput } from "@mantine/core";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { InvoiceDetail } from "../api/invoices";
import { PAYMENT_METHODS, type PaymentMethod, recordPayment } from "../api/payments";
import { centsToInput, formatMoney } from "../format";
import { AmountDateFields } from "./AmountDateFields";
import { type FieldErrors, notifySuccess, reportError } from "./errors";
import { invalidateLedger } from "./invalidate";
import { useLang } from "./useLang";
import { validateAmount, validateDate } from "./validation";

/** "Enregistrer un paiement": one payment allocated to this invoice, amount pre-filled with the balance. */
export function PaymentModal({
  invoice,
  today,
  onClose,
}: {
  invoice: InvoiceDetail;
  today: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [amount, setAmount] = useState(
    invoice.balance_cents > 0 ? centsToInput(invoice.balance_cents, lang) : "",
  );
  const [date, setDate] = useState(today ?? "");
  // "Today" comes from the server (the organization's calendar), possibly after the modal opened.
  useEffect(() => {
    if (today) setDate((d) => (d === "" ? today : d));
  }, [today]);
  const [method, setMethod] = useState<PaymentMethod>("transfer");
  const [reference, setReference] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next: FieldErrors = {};
    const parsed = validateAmount(amount, t);
    if (parsed.error) next.amount = parsed.error;
    else if (
      parsed.cents !== undefined &&
      parsed.cents > invoice.balance_cents &&
      invoice.balance_cents > 0
    ) {
      next.amount = t("payments.more_than_balance", { balance: formatMoney(invoice.balance_cents, lang) });
    }
    const dateError = validateDate(date, t);
    if (dateError) next.date = dateError;
    setErrors(next);
    if (Object.keys(next).length > 0 || parsed.cents === undefined) return;
    setBusy(true);
    try {
      await recordPayment({
        date,
        amount_cents: parsed.cents,
        method,
        ...(reference.trim() ? { reference: reference.trim() } : {}),
        client_id: invoice.client.id,
        allocations: [{ invoice_id: invoice.id, amount_cents: parsed.cents }],
      });
      notifySuccess(
        t("payments.recorded", { amount: formatMoney(parsed.cents, lang), number: invoice.number }),
      );
      await invalidateLedger();
      onClose();
    } catch (err) {
      reportError(err, t, {
        paths: {
          amount_cents: "amount",
          "allocations.0.amount_cents": "amount",
          allocations: "amount",
          date: "date",
          method: "method",
          reference: "reference",
        },
        setErrors,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={t("payments.title", { number: invoice.number })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <AmountDateFields
            balanceCents={invoice.balance_cents}
            amountLabel={t("payments.amount")}
            amount={amount}
            onAmount={setAmount}
            amountError={errors.amount}
            dateLabel={t("payments.date")}
            date={date}
            onDate={setDate}
            dateError={errors.date}
          />
          <Select
            label={t("payments.method")}
            value={method}
            onChange={(v) => v && setMethod(v as PaymentMethod)}
            allowDeselect={false}
            data={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`methods.${m}`) }))}
            error={errors.method}
          />
          <TextInput
            label={t("payments.reference")}
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
            error={errors.reference}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy}>
              {t("payments.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
