import {
  Button,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { handOver, type RecoveryCase } from "../api/recovery";
import { isIsoDate, parseAmount } from "../format";
import { DateField } from "./DateField";
import { type FieldErrors, notifySuccess, reportError } from "./errors";
import { refreshRecovery } from "./recovery-refresh";

type To = "bailiff" | "lawyer";

/** Hands the case over to a commissaire de justice or a lawyer: who, firm, e-mail, mandate date, agreed fees. */
export function RecoveryHandOverForm({
  kase,
  today,
  onDone,
}: {
  kase: RecoveryCase;
  today: string | undefined;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const lawyerRequired = kase.view.procedures.some((p) => p.procedure === "lawyer_required" && p.eligible);
  const [to, setTo] = useState<To>(lawyerRequired ? "lawyer" : "bailiff");
  const [name, setName] = useState("");
  const [firm, setFirm] = useState("");
  const [email, setEmail] = useState("");
  const [mandateOn, setMandateOn] = useState(today ?? "");
  const [fees, setFees] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next: FieldErrors = {};
    if (name.trim() === "") next.mandatee_name = t("validation.required");
    if (email.trim() !== "" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()))
      next.mandatee_email = t("validation.email");
    if (mandateOn !== "" && !isIsoDate(mandateOn)) next.mandate_on = t("validation.date");
    const parsed = fees.trim() === "" ? null : parseAmount(fees, { allowZero: true });
    if (parsed && !parsed.ok) next.fees_cents = t(`validation.${parsed.error}`);
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      await handOver(kase.id, {
        to,
        mandatee_name: name.trim(),
        mandatee_firm: firm.trim() || null,
        mandatee_email: email.trim() || null,
        ...(mandateOn ? { mandate_on: mandateOn } : {}),
        ...(parsed?.ok ? { fees_cents: parsed.cents } : {}),
      });
      notifySuccess(t("recovery.handover.done"));
      await refreshRecovery();
      onDone();
    } catch (err) {
      reportError(err, t, {
        paths: {
          mandatee_name: "mandatee_name",
          mandatee_firm: "mandatee_firm",
          mandatee_email: "mandatee_email",
          mandate_on: "mandate_on",
          fees_cents: "fees_cents",
        },
        setErrors,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="sm" radius="sm" data-testid="recovery-handover-form">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Title order={3} size="h5" mb={4}>
          {t("recovery.handover.title")}
        </Title>
        <Text size="xs" c="dimmed" mb="sm">
          {t("recovery.handover.help")}
        </Text>
        <Stack gap="sm">
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t("recovery.handover.to")}
            </Text>
            <SegmentedControl
              value={to}
              onChange={(v) => setTo(v as To)}
              data={(["bailiff", "lawyer"] as const).map((k) => ({
                value: k,
                label: t(`recovery.handover.to_options.${k}`),
              }))}
            />
          </div>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t("recovery.fields.mandatee_name")}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.mandatee_name}
              required
              maxLength={200}
            />
            <TextInput
              label={t("recovery.fields.mandatee_firm")}
              value={firm}
              onChange={(e) => setFirm(e.currentTarget.value)}
              error={errors.mandatee_firm}
              maxLength={200}
            />
            <TextInput
              label={t("recovery.fields.mandatee_email")}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors.mandatee_email}
              maxLength={200}
            />
            <DateField
              label={t("recovery.dates.mandate_on")}
              value={mandateOn}
              onChange={setMandateOn}
              error={errors.mandate_on}
            />
            <TextInput
              label={t("recovery.fields.fees")}
              description={t("recovery.fields.fees_help")}
              value={fees}
              onChange={(e) => setFees(e.currentTarget.value)}
              error={errors.fees_cents}
              inputMode="decimal"
            />
          </SimpleGrid>
          <Group gap="xs" justify="flex-end">
            <Button size="xs" variant="default" onClick={onDone}>
              {t("recovery.actions.cancel")}
            </Button>
            <Button type="submit" size="xs" loading={busy} data-testid="handover-submit">
              {t("recovery.handover.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
