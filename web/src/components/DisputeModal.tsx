import { Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type InvoiceDetail, updateInvoice } from "../api/invoices";
import { type FieldErrors, notifySuccess, reportError } from "./errors";
import { invalidateLedger } from "./invalidate";

/** "Marquer en litige" (with the reason) or "Lever le litige". */
export function DisputeModal({ invoice, onClose }: { invoice: InvoiceDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const lifting = invoice.disputed;
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!lifting && reason.trim() === "") {
      setErrors({ reason: t("disputes.reason_required") });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await updateInvoice(invoice.id, {
        disputed: !lifting,
        ...(reason.trim() ? { dispute_reason: reason.trim() } : {}),
      });
      notifySuccess(lifting ? t("disputes.lifted") : t("disputes.marked"));
      await invalidateLedger();
      onClose();
    } catch (err) {
      reportError(err, t, { paths: { dispute_reason: "reason", disputed: "reason" }, setErrors });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={lifting ? t("disputes.lift") : t("disputes.mark")}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            {lifting ? t("disputes.lift_help") : t("disputes.mark_help")}
          </Text>
          <Textarea
            label={lifting ? t("disputes.lift_reason") : t("disputes.reason")}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
            autosize
            minRows={2}
            required={!lifting}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy} color={lifting ? undefined : "orange"}>
              {lifting ? t("disputes.lift") : t("disputes.mark")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
