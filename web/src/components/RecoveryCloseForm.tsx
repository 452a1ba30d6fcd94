import { Alert, Button, Group, Paper, SegmentedControl, Stack, Text, Textarea, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { closeCase, RECOVERY_OUTCOMES, type RecoveryCase, type RecoveryOutcome } from "../api/recovery";
import { type FieldErrors, notifySuccess, reportError } from "./errors";
import { refreshRecovery } from "./recovery-refresh";

/** Closes the case: paid, settled or written off (the server adds the VAT note to a write-off). */
export function RecoveryCloseForm({ kase, onDone }: { kase: RecoveryCase; onDone: () => void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<RecoveryOutcome>("paid");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await closeCase(kase.id, { outcome, ...(note.trim() ? { note: note.trim() } : {}) });
      notifySuccess(t("recovery.close.done"));
      await refreshRecovery();
      onDone();
    } catch (err) {
      reportError(err, t, { paths: { outcome: "outcome", note: "note" }, setErrors });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="sm" radius="sm" data-testid="recovery-close-form">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Title order={3} size="h5" mb="xs">
          {t("recovery.close.title")}
        </Title>
        <Stack gap="sm">
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t("recovery.close.outcome")}
            </Text>
            <SegmentedControl
              value={outcome}
              onChange={(v) => setOutcome(v as RecoveryOutcome)}
              data={RECOVERY_OUTCOMES.map((o) => ({ value: o, label: t(`recovery.outcomes.${o}`) }))}
              styles={{ label: { whiteSpace: "normal" } }}
            />
            {errors.outcome && (
              <Text size="xs" c="red.7" mt={4}>
                {errors.outcome}
              </Text>
            )}
          </div>
          <Alert color={outcome === "written_off" ? "orange" : "gray"} p="xs" data-testid="close-help">
            <Text size="sm">
              {outcome === "written_off"
                ? t("recovery.close.written_off_help")
                : t("recovery.close.paid_help")}
            </Text>
          </Alert>
          <Textarea
            label={t("recovery.close.note")}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
            autosize
            minRows={2}
            maxLength={4000}
          />
          <Group gap="xs" justify="flex-end">
            <Button size="xs" variant="default" onClick={onDone}>
              {t("recovery.actions.cancel")}
            </Button>
            <Button
              type="submit"
              size="xs"
              color={outcome === "written_off" ? "red" : undefined}
              loading={busy}
              data-testid="close-submit"
            >
              {t("recovery.close.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
