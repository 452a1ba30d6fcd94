import { Button, Group, Modal, Stack, TextInput } from "@mantine/core";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { InvoiceDetail } from "../api/invoices";
import { recordReceivedCheque } from "../api/payments";
import { centsToInput, formatMoney } from "../format";
import { AmountDateFields } from "./AmountDateFields";
import { type FieldErrors, notifySuccess, reportError } from "./errors";
import { invalidateLedger } from "./invalidate";
import { useLang } from "./useLang";
import { validateAmount, validateDate } from "./validation";

/**
 * « Chèque reçu »: a cheque received for this invoice, not deposited yet. The balance does not move until it is
 * cashed (confirmed by hand or by the bank line); the reminders pause meanwhile. Amount pre-filled with the balance.
 */
export function ReceivedChequeModal({
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
  const [receivedOn, setReceivedOn] = useState(today ?? "");
  // "Today" comes from the server (the organization's calendar), possibly after the modal opened.
  useEffect(() => {
    if (today) setReceivedOn((d) => (d === "" ? today : d));
  }, [today]);
  const [number, setNumber] = useState("");
  const [drawer, setDrawer] = useState("");
  const [bank, setBank] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next: FieldErrors = {};
    const parsed = validateAmount(amount, t);
    if (parsed.error) next.amount = parsed.error;
    const dateError = validateDate(receivedOn, t);
    if (dateError) next.received_on = dateError;
    else if (today && receivedOn > today) next.received_on = t("cheques.date_future");
    setErrors(next);
    if (Object.keys(next).length > 0 || parsed.cents === undefined) return;
    setBusy(true);
    try {
      await recordReceivedCheque(invoice.id, {
        amount_cents: parsed.cents,
        received_on: receivedOn,
        ...(number.trim() ? { cheque_number: number.trim() } : {}),
        ...(drawer.trim() ? { drawer: drawer.trim() } : {}),
        ...(bank.trim() ? { bank: bank.trim() } : {}),
      });
      notifySuccess(
        t("cheques.recorded", { amount: formatMoney(parsed.cents, lang), number: invoice.number }),
      );
      await invalidateLedger();
      onClose();
    } catch (err) {
      reportError(err, t, {
        paths: {
          amount_cents: "amount",
          received_on: "received_on",
          cheque_number: "number",
          drawer: "drawer",
          bank: "bank",
        },
        setErrors,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={t("cheques.title", { number: invoice.number })}>
      <form onSubmit={submit} noValidate data-testid="received-cheque-form">
        <Stack>
          <AmountDateFields
            balanceCents={invoice.balance_cents}
            amountLabel={t("cheques.amount")}
            amount={amount}
            onAmount={setAmount}
            amountError={errors.amount}
            dateLabel={t("cheques.received_on")}
            date={receivedOn}
            onDate={setReceivedOn}
            dateError={errors.received_on}
          />
          <TextInput
            label={t("cheques.number")}
            value={number}
            onChange={(e) => setNumber(e.currentTarget.value)}
            error={errors.number}
            inputMode="numeric"
            maxLength={50}
          />
          <TextInput
            label={t("cheques.drawer")}
            description={t("cheques.drawer_help")}
            placeholder={invoice.client.name}
            value={drawer}
            onChange={(e) => setDrawer(e.currentTarget.value)}
            error={errors.drawer}
            maxLength={200}
          />
          <TextInput
            label={t("cheques.bank")}
            value={bank}
            onChange={(e) => setBank(e.currentTarget.value)}
            error={errors.bank}
            maxLength={200}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy}>
              {t("cheques.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
