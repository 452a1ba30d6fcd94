import { Button, Group, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type LetterRecord, type Outbox, recordLetter } from "../api/dunning";
import { isIsoDate } from "../format";
import { useCan } from "../session";
import { DateField } from "./DateField";
import { refreshDunning } from "./dunning-refresh";
import { type FieldErrors, notifySuccess, reportError } from "./errors";

const DATES = ["sent_on", "presented_on", "received_on"] as const;

/**
 * A registered letter's tracking: its number (LRAR), the day it was posted, first presented and received (the AR).
 * The server checks the order and that no date is in the future; its problems go on the fields.
 */
export function LetterForm({ message, onSaved }: { message: Outbox; onSaved?: (saved: Outbox) => void }) {
  const { t } = useTranslation();
  const canEdit = useCan("notes");
  const [values, setValues] = useState<Record<keyof LetterRecord, string>>({
    number: message.letter.number ?? "",
    sent_on: message.letter.sent_on ?? "",
    presented_on: message.letter.presented_on ?? "",
    received_on: message.letter.received_on ?? "",
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next: FieldErrors = {};
    for (const key of DATES) {
      const v = values[key];
      if (v !== "" && !isIsoDate(v)) next[key] = t("validation.date");
    }
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      const saved = await recordLetter(message.id, {
        number: values.number.trim() === "" ? null : values.number.trim(),
        sent_on: values.sent_on || null,
        presented_on: values.presented_on || null,
        received_on: values.received_on || null,
      });
      notifySuccess(t("dunning.letter.saved"));
      onSaved?.(saved);
      await refreshDunning();
    } catch (err) {
      reportError(err, t, {
        paths: {
          number: "number",
          sent_on: "sent_on",
          presented_on: "presented_on",
          received_on: "received_on",
        },
        setErrors,
      });
    } finally {
      setBusy(false);
    }
  }

  const set = (key: keyof LetterRecord) => (v: string) => setValues((prev) => ({ ...prev, [key]: v }));

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={t("dunning.letter.for", { client: message.client_name })}
      data-testid="letter-form"
    >
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs">
          <TextInput
            label={t("dunning.letter.number")}
            placeholder={t("dunning.letter.number_placeholder")}
            value={values.number}
            onChange={(e) => set("number")(e.currentTarget.value)}
            error={errors.number}
            readOnly={!canEdit}
            maxLength={50}
          />
          {DATES.map((key) => (
            <DateField
              key={key}
              label={t(`dunning.letter.${key}`)}
              value={values[key]}
              onChange={set(key)}
              error={errors[key]}
            />
          ))}
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t("dunning.letter.received_help")}
        </Text>
        {canEdit ? (
          <Group justify="flex-end">
            <Button type="submit" size="xs" variant="light" loading={busy}>
              {t("dunning.letter.save")}
            </Button>
          </Group>
        ) : (
          <Text size="xs" c="dimmed">
            {t("errors.forbidden")}
          </Text>
        )}
      </Stack>
    </form>
  );
}
