import { Button, Group, Modal, Stack, Textarea, TextInput } from "@mantine/core";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { createCreditNote, type InvoiceDetail } from "../api/invoices";
import { formatMoney } from "../format";
import { AmountDateFields } from "./AmountDateFields";
import { type FieldErrors, notifySuccess, reportError } from "./errors";
import { invalidateLedger } from "./invalidate";
import { useLang } from "./useLang";
import { validateAmount, validateDate } from "./validation";

/** "Émettre un avoir": a credit note that reduces the invoice's balance. */
export function CreditNoteModal({
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
  const [amount, setAmount] = useState("");
  const [date, setDate] = useState(today ?? "");
  // "Today" comes from the server (the organization's calendar), possibly after the modal opened.
  useEffect(() => {
    if (today) setDate((d) => (d === "" ? today : d));
  }, [today]);
  const [number, setNumber] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next: FieldErrors = {};
    const parsed = validateAmount(amount, t);
    if (parsed.error) next.amount = parsed.error;
    else if (parsed.cents !== undefined && parsed.cents > invoice.balance_cents) {
      next.amount = t("credit_notes.more_than_balance", {
        balance: formatMoney(invoice.balance_cents, lang),
      });
    }
    const dateError = validateDate(date, t);
    if (dateError) next.issue_date = dateError;
    if (reason.trim() === "") next.reason = t("credit_notes.reason_required");
    setErrors(next);
    if (Object.keys(next).length > 0 || parsed.cents === undefined) return;
    setBusy(true);
    try {
      await createCreditNote(invoice.id, {
        issue_date: date,
        amount_cents: parsed.cents,
        reason: reason.trim(),
        ...(number.trim() ? { number: number.trim() } : {}),
      });
      notifySuccess(
        t("credit_notes.created", { amount: formatMoney(parsed.cents, lang), number: invoice.number }),
      );
      await invalidateLedger();
      onClose();
    } catch (err) {
      reportError(err, t, {
        paths: { amount_cents: "amount", issue_date: "issue_date", reason: "reason", number: "number" },
        setErrors,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={t("credit_notes.title", { number: invoice.number })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <AmountDateFields
            balanceCents={invoice.balance_cents}
            amountLabel={t("credit_notes.amount")}
            amount={amount}
            onAmount={setAmount}
            amountError={errors.amount}
            dateLabel={t("credit_notes.date")}
            date={date}
            onDate={setDate}
            dateError={errors.issue_date}
          />
          <Textarea
            label={t("credit_notes.reason")}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
            autosize
            minRows={2}
            required
          />
          <TextInput
            label={t("credit_notes.number")}
            description={t("credit_notes.number_help")}
            value={number}
            onChange={(e) => setNumber(e.currentTarget.value)}
            error={errors.number}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy}>
              {t("credit_notes.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
