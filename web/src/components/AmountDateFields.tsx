import { TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatMoney } from "../format";
import { DateField } from "./DateField";
import { useLang } from "./useLang";

/**
 * The two first fields of the forms about an invoice's balance (a payment, a cheque received, a credit note): an
 * amount in euros with the balance under it, focused first, and its date.
 */
export function AmountDateFields(props: {
  balanceCents: number;
  amountLabel: string;
  amount: string;
  onAmount: (value: string) => void;
  amountError: string | undefined;
  dateLabel: string;
  date: string;
  onDate: (value: string) => void;
  dateError: string | undefined;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <>
      <TextInput
        label={props.amountLabel}
        description={t("payments.balance", { balance: formatMoney(props.balanceCents, lang) })}
        value={props.amount}
        onChange={(e) => props.onAmount(e.currentTarget.value)}
        error={props.amountError}
        inputMode="decimal"
        rightSection="€"
        required
        data-autofocus
      />
      <DateField
        label={props.dateLabel}
        value={props.date}
        onChange={props.onDate}
        error={props.dateError}
        required
      />
    </>
  );
}
